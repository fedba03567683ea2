import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseArgs } from '../../functions/cli/args.js';
import { runInit } from '../../functions/cli/init.js';
import { parseConfig } from '../../functions/config.js';
import { checkBook, LEDGER_LAYOUT, METHOD_TAB, SETTING_ROWS } from '../../functions/core/index.js';
import { readBack, tempDir } from '../sheets/xlsx/support.js';

const temp = await tempDir();
afterAll(() => temp.cleanup());
const path = join(temp.dir, '新台账.xlsx');
await runInit(parseArgs(['init', '--ledger', path, '--year', '2026', '--city', '测试市', '--units', '温县:县市组,解放区:城区组']), parseConfig({}), () => new Date('2026-03-01T00:00:00Z'));
const workbook = new ExcelJS.Workbook();
await workbook.xlsx.readFile(path);
const header = (tab: string) => (workbook.getWorksheet(tab)?.getRow(1).values as unknown[]).slice(1);

describe('npm run init -- --ledger (v2 columns)', () => {
  it('when a ledger is created, then each unit tab has the v2 columns in the contract’s order with their notes', () => {
    expect(header('台账-温县')).toEqual(LEDGER_LAYOUT.map((c) => c.header));
    const ws = workbook.getWorksheet('台账-温县')!;
    for (const name of ['资金来源', '币种', '认定状态']) {
      const at = LEDGER_LAYOUT.findIndex((c) => c.header === name) + 1;
      expect(ws.getRow(1).getCell(at).note, name).toEqual(expect.anything());
    }
  });

  it.each([
    ['资金来源', ['市内', '市外省内', '省外境内', '境外']],
    ['币种', ['人民币', '美元']],
    ['认定状态', ['未认定', '已认定']],
  ])('when a ledger is created, then %s offers its closed list as a dropdown', (name, values) => {
    const ws = workbook.getWorksheet('台账-温县')!;
    const letter = ws.getColumn(LEDGER_LAYOUT.findIndex((c) => c.header === name) + 1).letter;
    const validation = ws.getCell(`${letter}5`).dataValidation;
    expect(validation).toMatchObject({ type: 'list', formulae: [`"${values.join(',')}"`] });
  });

  it('when a ledger is created, then 参数 has every row (美元汇率, 仅计认定项目 included), 考评办法 the v2 columns and 加减分 its 类型', () => {
    const settings = workbook.getWorksheet('参数')!;
    expect(Array.from({ length: SETTING_ROWS.length }, (_, i) => settings.getRow(i + 2).getCell(1).value)).toEqual(SETTING_ROWS.map((r) => r.name));
    expect(settings.getRow(SETTING_ROWS.length + 1).getCell(1).note).toEqual(expect.anything());
    expect(header('考评办法')).toEqual(METHOD_TAB.columns.map((c) => c.header));
    expect(header('加减分').at(-1)).toBe('类型');
    const scoring = workbook.getWorksheet('考评办法')!.getCell('D3').dataValidation;
    expect(scoring.formulae?.[0]).toContain('功效系数');
  });

  it('when the new ledger is read back, then it is usable: no structure problem, and the only 错误 are the blank targets to fill', async () => {
    const out = checkBook(await readBack(path), new Date('2026-03-01T00:00:00Z'));
    expect(out.structure).toEqual([]);
    expect(new Set(out.findings.filter((f) => f.level === '错误').map((f) => f.tab))).toEqual(new Set(['目标任务']));
  });
});
