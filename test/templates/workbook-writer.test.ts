/**
 * The report workbook writer (SpreadsheetML written directly, zipped with native deflate), read back
 * with exceljs as a person's spreadsheet program would open it.
 */
import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { workbookBuffer, type SheetSpec } from '../../templates/xlsx/workbook.js';
import { readWorkbook } from './support/run.js';

const CREATED = new Date('2026-07-01T00:00:00Z');

const SPEC: SheetSpec = {
  name: '得分明细',
  freezeColumns: 1,
  columns: [
    { header: '单位名称', kind: 'text' }, { header: '得分', kind: 'score' }, { header: '到位资金', kind: 'yi' },
    { header: '项目数', kind: 'num' }, { header: '级别', kind: 'level' }, { header: '较上月', kind: 'change' },
  ],
  rows: [
    ['温县', 88.5, 123_456, 16, '红', 2],
    [{ value: '武陟县', tone: 'bad' }, null, undefined, 2.5, '', -1],
  ],
};

describe('report workbook writer', () => {
  it('when a sheet is written, then values, number formats, fills and frozen panes read back', async () => {
    const wb = await readWorkbook(await workbookBuffer([SPEC], CREATED));
    const ws = wb.getWorksheet('得分明细');
    expect(ws?.getRow(2).values).toEqual([undefined, '温县', 88.5, 12.3456, 16, '红', 2]);
    expect(ws?.getCell('C2').numFmt).toBe('#,##0.00"亿元"');
    expect(ws?.getCell('D2').numFmt).toBe('#,##0'); // a whole number in a 'num' column is a count
    expect(ws?.getCell('D3').numFmt).toBe('#,##0.00');
    expect(ws?.getCell('A1').font?.bold).toBe(true);
    expect(ws?.getCell('A3').fill).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF4CCCC' } });
    expect(ws?.getCell('B3').value).toBeNull();
    expect(ws?.views[0]).toMatchObject({ state: 'frozen', xSplit: 1, ySplit: 1 });
    expect(wb.creator).toBe('招商引资台账系统');
  });

  it('when a column is coloured by rule, then its conditional formats cover the data rows', async () => {
    const wb = await readWorkbook(await workbookBuffer([SPEC], CREATED));
    const rules = (wb.getWorksheet('得分明细') as unknown as { conditionalFormattings: { ref: string; rules: { operator?: string; formulae?: string[] }[] }[] }).conditionalFormattings;
    expect(rules.map((c) => [c.ref, c.rules.map((r) => `${r.operator} ${r.formulae?.join()}`)])).toEqual([
      ['E2:E3', ['equal "红"', 'equal "黄"']],
      ['F2:F3', ['greaterThan 0', 'lessThan 0']],
    ]);
  });

  it.each([
    ['a quote', "到位资金's 序时进度", "'到位资金''s 序时进度'!$1:$1"],
    ['a plain name', '排名', "'排名'!$1:$1"],
  ])('when a sheet name holds %s, then its print titles refer to it correctly', async (_, name, titles) => {
    const workbook = strFromU8(unzipSync(await workbookBuffer([{ ...SPEC, name }], CREATED))['xl/workbook.xml'] ?? new Uint8Array());
    expect(workbook.replace(/&apos;/g, "'")).toContain(`>${titles}</definedName>`);
  });

  it.each([
    ['control characters', 'a\u0001b\u0008c\u007fd', 'abcd'],
    ['leading and trailing blanks', '  两端空格  ', '  两端空格  '],
    ['a line break', '第一行\n第二行', '第一行\n第二行'],
    ['markup', '<b>&"\'</b>', '<b>&"\'</b>'],
  ])('when text holds %s, then it reads back as XML can carry it', async (_, typed, read) => {
    const wb = await readWorkbook(await workbookBuffer([{ name: 'x', columns: [{ header: '文本', kind: 'text' }], rows: [[typed]] }], CREATED));
    expect(wb.getWorksheet('x')?.getCell('A2').value).toBe(read);
  });

  it.each([NaN, Infinity, -Infinity])('when a number is %s, then its cell is left empty rather than unreadable', async (n) => {
    const wb = await readWorkbook(await workbookBuffer([{ name: 'x', columns: [{ header: '完成率', kind: 'pct' }], rows: [[n], [0.5]] }], CREATED));
    expect([wb.getWorksheet('x')?.getCell('A2').value, wb.getWorksheet('x')?.getCell('A3').value]).toEqual([null, 0.5]);
  });

  it('when the same sheets are written twice, then the bytes are the same', async () => {
    expect((await workbookBuffer([SPEC], CREATED)).equals(await workbookBuffer([SPEC], CREATED))).toBe(true);
  });
});
