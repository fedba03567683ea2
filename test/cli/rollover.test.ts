import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { normalizeHeader, type Cell } from '../../functions/core/index.js';
import { defaultOutPath } from '../../functions/cli/rollover.js';
import { LedgerError } from '../../functions/errors.js';
import { writeNewFile } from '../../sheets/xlsx/write-new-file.js';
import { readBack, readWorkbook, tempDir, workbookFile } from '../sheets/xlsx/support.js';
import { DECEMBER_NOW, JANUARY_NOW, USER_TAB, WEN_ROWS, decemberHeader, decemberTabs } from '../support/december.js';
import { runCli } from '../support/cli.js';


const cli = (args: string[]) => runCli(args, { ...process.env, LEDGER_SMTP_URL: '' });

const header = decemberHeader();
const col = (name: string) => header.findIndex((h) => normalizeHeader(h) === normalizeHeader(name));
const filled = (grid: Cell[][] | undefined) => (grid ?? []).filter((r) => r.some((c) => c !== null && c !== undefined));
const byId = (grid: Cell[][] | undefined, id: string) => (grid ?? []).find((r) => r[col('项目编号')] === id) ?? [];

describe('npm run rollover on a December workbook, then targets, then January\'s cycle', async () => {
  const file = await workbookFile(decemberTabs(), '台账2026.xlsx');
  afterAll(() => file.cleanup());
  const next = join(file.dir, '台账2027.xlsx');
  const oldBytes = await readFile(file.path);
  const rolled = await cli(['rollover', '--ledger', file.path, '--year', '2027', '--now', DECEMBER_NOW.toISOString()]);
  const after = await readBack(next);
  const again = await cli(['rollover', '--ledger', file.path, '--now', DECEMBER_NOW.toISOString()]);

  it('when rolled over, then it exits 0 and prints carried / dropped / carried-with-错误 unit by unit, and the rows to finish by hand', () => {
    expect(rolled.stderr).toBe('');
    expect(rolled.code).toBe(0);
    expect(rolled.stdout).toMatch(/温县\s+台账-温县\s+7\s+2\s+2\s+1/);
    expect(rolled.stdout).toMatch(/示范区\s+台账-示范区\s+2\s+2\s+0\s+0/);
    expect(rolled.stdout).toMatch(/合计\s+9\s+4\s+2\s+1/);
    expect(rolled.stdout).toContain('【台账-温县 第 5 行 W-5】');
    expect(rolled.stdout).toContain(`已生成 2027 年度台账：${next}`);
  });

  it('when rolled over, then the old file is byte-identical and a second rollover refuses to overwrite (exit 2)', async () => {
    expect((await readFile(file.path)).equals(oldBytes)).toBe(true);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(`“${next}”已经存在，不会覆盖`);
  });

  it('when read back, then carried cells keep value and type, amounts are summed, 终止 rows are gone', () => {
    const wen = after.get('台账-温县');
    expect(wen?.[0]).toEqual(header);
    expect(wen?.slice(1).map((r) => r[col('项目编号')] ?? r[col('内部备注')])).toEqual(['W-1', 'W-3', 'W-4', 'W-5', 'W-6', '以下为下半年新增项目', 'W-8']);
    const w1 = byId(wen, 'W-1');
    expect(w1[col('上年末累计到位(万元)')]).toBe(13000);
    expect(w1[col('签约日期')]).toEqual(WEN_ROWS[0]?.['签约日期']);
    expect(w1[col('签约日期')]).toBeInstanceOf(Date);
    expect([w1[col('内部备注')], w1[col('对接人电话')], w1[col('校验')] ?? null]).toEqual(['重点盯办', '0391-1234567', null]);
    expect(byId(wen, 'W-3')[col('币种')]).toBe('美元');
    expect(byId(wen, 'W-3')[col('上年末累计到位(万元)')]).toBe(500);
    expect(byId(wen, 'W-5')[col('4月到位(万元)')]).toBe('约300');
    expect(byId(wen, 'W-8')[col('签约日期')]).toBe('2025年3月1日');
    expect(byId(after.get('台账-示范区'), 'S-1')[col('上年末累计到位(万元)')]).toBe(21500.75);
    // 终止 rows at the end of a tab are gone too, not left behind.
    expect(filled(after.get('台账-示范区')).map((r) => r[0])).toEqual(['项目编号', 'S-1', 'S-2']);
    expect(after.get('会议纪要')?.map((r) => Array.from(r, (c) => c ?? null))).toEqual(USER_TAB);
    expect(after.get('参数')?.find((r) => r[0] === '年度')?.[1]).toBe(2027);
    for (const tab of ['加减分', '排名', '得分明细', '校验结果', '发送记录']) expect(filled(after.get(tab)), tab).toHaveLength(1);
    expect(after.get('运行记录')?.[1]?.slice(0, 2)).toEqual(['年度结转:2027#1', '年度结转']);
  });

  it('when the new workbook is opened, then its unit tabs keep their dropdowns and the system tabs their protection', async () => {
    const wb = await readWorkbook(next);
    const ws = wb.getWorksheet('台账-温县');
    const stage = ws?.getCell(2, col('项目阶段') + 1).dataValidation;
    expect(stage?.type).toBe('list');
    expect((wb.getWorksheet('排名') as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection?.sheet).toBe(true);
  });

  const targets = [['到位资金', '150亿'], ['签约项目数', '15'], ['签约金额', '30亿'], ['开工项目数', '8']] as const;
  const split: { code: number; stdout: string; stderr: string }[] = [];
  for (const [indicator, total] of targets) split.push(await cli(['targets', '--ledger', next, '--indicator', indicator, '--total', total, '--basis', '平均', '--now', DECEMBER_NOW.toISOString()]));
  const targeted = await readBack(next);
  const january = await cli(['cycle', '--ledger', next, '--period', '2027-01', '--now', JANUARY_NOW.toISOString(), '--outbox', join(file.dir, 'outbox')]);
  const ran = await readBack(next);

  it('when targets are split on the new ledger, then 目标任务 is filled and adds up exactly', () => {
    expect(split.map((s) => s.code)).toEqual([0, 0, 0, 0]);
    expect(targeted.get('目标任务')).toEqual([
      ['单位名称', '到位资金', '签约项目数', '签约金额', '开工项目数'],
      ['温县', 750000, 8, 150000, 4],
      ['示范区', 750000, 7, 150000, 4],
    ]);
  });

  it('when January\'s cycle runs on the new ledger, then it needs no manual step, 较上月 is blank and a stage gone backwards is caught', () => {
    expect(january.stderr).not.toMatch(/✗/); // progress lines go to stderr; no failure line
    expect(january.code).toBe(0);
    const [rankHeader, ...ranks] = ran.get('排名') ?? [];
    const change = (rankHeader ?? []).indexOf('较上月');
    expect(ranks.map((r) => [r[0], r[1], r[change] ?? null]).sort()).toEqual([['2027-01', '温县', null], ['2027-01', '示范区', null]].sort());
    const problems = (ran.get('校验结果') ?? []).map((r) => `${String(r[2])} ${String(r[5])}`);
    expect(problems.some((p) => p.startsWith('台账-示范区!') && p.includes('项目阶段由上次的“达效”退回到“投产”'))).toBe(true);
    expect(ran.get('变更记录')?.slice(1).filter((r) => r[3] === '上年末累计到位(万元)' || r[3] === '12月到位(万元)')).toEqual([]);
  });

  it.each([
    ['台账2026.xlsx', '台账2027.xlsx'], ['ledger.xlsx', 'ledger-2027.xlsx'], ['2026年/温县2026.xlsx', '2026年/温县2027.xlsx'],
  ])('when --out is not given for %s, then the new file is %s', (from, to) => {
    expect(defaultOutPath(from, 2026, 2027)).toBe(join(to));
  });
});

describe('writeNewFile (how the new ledger is written)', async () => {
  const { dir, cleanup } = await tempDir();
  afterAll(() => cleanup());

  it('when the file is new, then it holds the bytes and no temporary file is left beside it', async () => {
    const path = join(dir, 'new.xlsx');
    await writeNewFile(path, new Uint8Array([1, 2, 3]));
    expect([...(await readFile(path))]).toEqual([1, 2, 3]);
    expect(await readdir(dir)).toEqual(['new.xlsx']);
  });

  it.each([
    ['the file exists', () => join(dir, 'new.xlsx'), '已经存在，不会覆盖'],
    ['its folder does not exist', () => join(dir, 'missing', 'x.xlsx'), '不存在：请先建好该文件夹'],
  ])('when %s, then it refuses with a message saying what to do, and writes nothing', async (_name, target, message) => {
    const error = await writeNewFile(target(), new Uint8Array([9])).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(LedgerError);
    expect((error as Error).message).toContain(message);
    expect([...(await readFile(join(dir, 'new.xlsx')))]).toEqual([1, 2, 3]);
    expect(await readdir(dir)).toEqual(['new.xlsx']);
  });
});
