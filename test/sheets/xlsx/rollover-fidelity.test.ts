/**
 * 年度结转 on workbooks made by openpyxl, LibreOffice and exceljs — a chart and an image on a user sheet,
 * comments and a hyperlink on ledger cells, defined names, validations, conditional formats — with one
 * project set to 终止: every part the rollover does not own is byte-identical in the new package,
 * carried cells keep their XML, the dropped row is gone with its note, the one below moved up with its
 * note, months are blank, the old file is untouched, and LibreOffice still converts the result.
 */
import ExcelJS from 'exceljs';
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_CHAINS, LEDGER_COLUMNS, MONTH_KEYS, applyRollover, bookTabs, isBlank, normalizeHeader, planRollover, type Cell, type RolloverPlan,
} from '../../../functions/core/index.js';
import { LedgerError } from '../../../functions/errors.js';
import { createWorkbookFile } from '../../../sheets/xlsx/create-workbook.js';
import { packageRolloverWriter } from '../../../sheets/xlsx/rollover-package.js';
import { columnIndex } from '../../../sheets/xlsx/sheet-reader.js';
import { loadWorkbook } from '../../../sheets/xlsx/workbook-read.js';
import { contractBook } from '../../stores/store-contract.js';
import { cellsOutside, convertWithLibreOffice, hasLibreOffice, sheetParts, unzipFile, zipParts } from './package-support.js';
import { tempDir } from './support.js';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const WEN = '台账-温县';
const MENG = '孟州台账';
const DECEMBER = new Date('2026-12-20T02:00:00Z');

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

/** The contract city as exceljs writes it, plus a user sheet with an image and a note, and a note on a ledger cell. */
async function exceljsWorkbook(path: string): Promise<void> {
  await createWorkbookFile(path, bookTabs(contractBook()), DEFAULT_CHAINS);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  wb.getWorksheet(WEN)!.getCell('C3').note = '投资方待确认';
  const ws = wb.addWorksheet('我的备注');
  ws.getCell('A1').value = 42;
  ws.getCell('A1').note = '自己的批注';
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');
  ws.addImage(wb.addImage({ buffer: png, extension: 'png' } as unknown as ExcelJS.Image), 'C3:D6');
  wb.definedNames.add("'我的备注'!$A$1:$A$2", '备注区');
  await wb.xlsx.writeFile(path);
}

/** 温县's first project (row 2) set to 终止 in the sheet XML itself, every other byte of the package as made. */
async function terminateRow2(path: string): Promise<void> {
  const entries = await unzipFile(path);
  const part = sheetParts(entries).get(WEN) ?? '';
  const xml = entries.get(part)?.toString('utf8') ?? '';
  const patched = xml.replace(/<c r="H2"([^>]*?)(?:\/>|>[\s\S]*?<\/c>)/, (_w, attributes: string) => {
    const style = /\ss="\d+"/.exec(attributes)?.[0] ?? '';
    return `<c r="H2"${style} t="inlineStr"><is><t>终止</t></is></c>`;
  });
  expect(patched).not.toBe(xml);
  entries.set(part, Buffer.from(patched, 'utf8'));
  await writeFile(path, zipParts(Object.fromEntries(entries)));
}

const headerAt = (header: readonly Cell[], key: string): number => {
  const name = LEDGER_COLUMNS.find((c) => c.key === key)?.header ?? key;
  return header.findIndex((h) => normalizeHeader(h) === normalizeHeader(name));
};

/** Rows without their trailing blanks, and no trailing blank rows: how a grid reads back, whatever empty cells it kept. */
function trimmed(grid: readonly (readonly Cell[] | undefined)[] | undefined): Cell[][] {
  const rows = (grid ?? []).map((row) => {
    const out = [...(row ?? [])];
    while (out.length > 0 && isBlank(out[out.length - 1])) out.pop();
    return out.map((c) => (isBlank(c) ? null : c));
  });
  while (rows.length > 0 && (rows[rows.length - 1] ?? []).length === 0) rows.pop();
  return rows;
}

describe.each([
  ['openpyxl', async (path: string) => copyFile(join(FIXTURES, 'openpyxl.xlsx'), path)],
  ['LibreOffice', async (path: string) => copyFile(join(FIXTURES, 'libreoffice.xlsx'), path)],
  ['exceljs', exceljsWorkbook],
])('a workbook made by %s, rolled over into 2027', (_maker, make) => {
  async function rolled(): Promise<{ from: string; to: string; source: Buffer; plan: RolloverPlan; before: Map<string, Buffer>; after: Map<string, Buffer> }> {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    const from = join(dir, '台账2026.xlsx');
    const to = join(dir, '台账2027.xlsx');
    await make(from);
    await terminateRow2(from);
    const source = await readFile(from);
    const plan = planRollover({ tabs: (await loadWorkbook(source)).tabs, now: DECEMBER });
    expect(plan.problems).toEqual([]);
    expect(plan.units.find((u) => u.tab === WEN)?.dropped).toBe(1);
    await packageRolloverWriter(from, () => to)(plan);
    return { from, to, source, plan, before: await unzipFile(from), after: await unzipFile(to) };
  }

  it('when rolled over, then every part it does not own is byte-identical, none is lost and the old file is unchanged', async () => {
    const { from, source, plan, before, after } = await rolled();
    const parts = sheetParts(before);
    const owned = new Set<string>(['xl/styles.xml']);
    for (const tab of [...plan.edits.map((e) => e.tab), ...plan.replace.keys()]) owned.add(parts.get(tab) ?? '');
    // 温县 lost a row: its notes (comments part and VML shapes) moved with the rows.
    const wenRels = before.get((parts.get(WEN) ?? '').replace(/worksheets\/(sheet\d+\.xml)$/, 'worksheets/_rels/$1.rels'))?.toString('utf8') ?? '';
    for (const m of wenRels.matchAll(/Target="([^"]+\.(?:xml|vml))"/g)) owned.add((m[1] ?? '').replace(/^\//, '').replace(/^\.\.\//, 'xl/'));
    // The name 温县项目 ('台账-温县'!$A$1:$B$4) lost the deleted row, as in Excel; nothing else in workbook.xml moved.
    owned.add('xl/workbook.xml');
    expect(after.get('xl/workbook.xml')?.toString('utf8')).toBe(before.get('xl/workbook.xml')?.toString('utf8').replace("!$A$1:$B$4<", "!$A$1:$B$3<"));
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    const changed = [...before.keys()].filter((name) => !owned.has(name) && !before.get(name)?.equals(after.get(name) ?? Buffer.alloc(0)));
    expect(changed).toEqual([]);
    expect((await readFile(from)).equals(source)).toBe(true);
  });

  it('when rolled over, then every tab reads back exactly as the plan says (values and types), months blank and 上年末累计到位 summed', async () => {
    const { source, plan, to } = await rolled();
    const expected = applyRollover((await loadWorkbook(source)).tabs, plan);
    const actual = (await loadWorkbook(await readFile(to))).tabs;
    expect([...actual.keys()]).toEqual([...expected.keys()]);
    for (const [tab, grid] of expected) expect({ tab, grid: trimmed(actual.get(tab)) }).toEqual({ tab, grid: trimmed(grid) });
    for (const tab of [WEN, MENG]) {
      const grid = actual.get(tab) ?? [];
      const months = MONTH_KEYS.map((k) => headerAt(grid[0] ?? [], k));
      expect(months.every((c) => c >= 0)).toBe(true);
      expect(grid.slice(1).flatMap((row) => months.map((c) => row?.[c] ?? null)).filter((c) => !isBlank(c))).toEqual([]);
    }
  });

  it('when row 2 was 终止, then it is gone with its note and hyperlink, and every carried cell keeps its XML one row up', async () => {
    const { before, after, source } = await rolled();
    const part = sheetParts(before).get(WEN) ?? '';
    const oldXml = before.get(part)?.toString('utf8') ?? '';
    const newXml = after.get(part)?.toString('utf8') ?? '';
    const header = (await loadWorkbook(source)).tabs.get(WEN)?.[0] ?? [];
    const planned = new Set(['priorArrived', 'check', ...MONTH_KEYS].map((k) => headerAt(header, k)));
    const oldCells = cellsOutside(oldXml, -1);
    const newCells = cellsOutside(newXml, -1);
    let compared = 0;
    for (const [ref, xml] of oldCells) {
      const row = Number(/\d+$/.exec(ref)?.[0]);
      if (row < 3 || planned.has(columnIndex(ref))) continue;
      const moved = ref.replace(/\d+$/, String(row - 1));
      expect({ ref, xml: newCells.get(moved) }).toEqual({ ref, xml: xml.replace(`r="${ref}"`, `r="${moved}"`) });
      compared++;
    }
    expect(compared).toBeGreaterThanOrEqual(10);
    expect(newXml).not.toContain('WX-2026-001');
    expect(newXml).not.toMatch(/<hyperlink\b[^>]*ref="B2"/);
    const comments = [...after.entries()].filter(([name, data]) => /comment/i.test(name) && data.toString('utf8').includes('投资方待确认'));
    expect(comments.map(([, data]) => /<comment ref="([A-Z]+\d+)"[^>]*>(?:(?!<\/comment>)[\s\S])*投资方待确认/.exec(data.toString('utf8'))?.[1])).toEqual(['C2']);
    expect([...after.values()].some((data) => data.toString('utf8').includes('县长亲自对接'))).toBe(false);
  });

  it('when the new file exists, then a second rollover refuses to overwrite it and leaves it as it was', async () => {
    const { from, to, plan } = await rolled();
    const first = await readFile(to);
    await expect(packageRolloverWriter(from, () => to)(plan)).rejects.toBeInstanceOf(LedgerError);
    expect((await readFile(to)).equals(first)).toBe(true);
  });

  it.skipIf(!hasLibreOffice())('when LibreOffice converts the new ledger, then it produces the PDF (skipped without soffice)', async () => {
    const { to } = await rolled();
    expect(await convertWithLibreOffice(to, 'pdf')).toEqual(['台账2027.pdf']);
  }, 180_000);
});

