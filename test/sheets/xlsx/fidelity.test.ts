/**
 * Fidelity: workbooks made by openpyxl, LibreOffice and exceljs — with a chart on a user sheet, an image,
 * comments, defined names, hyperlinks, data validation, conditional formats and frozen panes — go
 * through a real monthly cycle; afterwards every part the system does not own is byte-identical, every
 * ledger cell outside 校验 is the same XML, and LibreOffice still opens the file.
 */
import ExcelJS from 'exceljs';
import { copyFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_CHAINS, SYSTEM_TAB_NAMES, bookTabs, type Cell } from '../../../functions/core/index.js';
import { createOutboxTransport } from '../../../functions/mail/outbox.js';
import { runMonthlyCycle } from '../../../functions/pipeline/monthly.js';
import { createWorkbookFile } from '../../../sheets/xlsx/create-workbook.js';
import { loadWorkbook } from '../../../sheets/xlsx/workbook-read.js';
import { createWorkbookStore } from '../../../sheets/xlsx/workbook-store.js';
import { checkColumnOf } from '../../../sheets/xlsx/check-column.js';
import { CONTRACT_NOW, contractBook } from '../../stores/store-contract.js';
import { cellsOutside, convertWithLibreOffice, hasLibreOffice, sheetFrame, sheetParts, unzipFile } from './package-support.js';
import { tempDir } from './support.js';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const LEDGER_TABS = ['台账-温县', '孟州台账'];

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

/** The contract city as exceljs writes it, plus what exceljs can add: image, hyperlink, validation, name, formats. */
async function exceljsWorkbook(path: string): Promise<void> {
  await createWorkbookFile(path, bookTabs(contractBook()), DEFAULT_CHAINS);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const ws = wb.addWorksheet('我的备注');
  ws.getCell('A1').value = { text: '转到温县台账', hyperlink: "#'台账-温县'!A1" };
  ws.getCell('A2').value = 42;
  ws.getCell('A2').note = '自己的批注';
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');
  ws.addImage(wb.addImage({ buffer: png, extension: 'png' } as unknown as ExcelJS.Image), 'C3:D6');
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  ws.addConditionalFormatting({ ref: 'A2:A9', rules: [{ type: 'cellIs', operator: 'greaterThan', formulae: [10], priority: 1, style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFFFC7CE' } } } }] });
  wb.definedNames.add("'我的备注'!$A$1:$A$2", '备注区');
  await wb.xlsx.writeFile(path);
}

async function cycle(path: string, dir: string): Promise<void> {
  const transport = createOutboxTransport(join(dir, 'outbox'), 'test <t@zhaoshang.local>');
  await runMonthlyCycle({ store: createWorkbookStore({ path }), transport, clock: () => CONTRACT_NOW, mailDomain: 'zhaoshang.local' }, { period: { year: 2026, month: 6 } });
  await transport.close();
}

/** Parts a cycle may rewrite: system sheets, ledger sheets, styles. */
function ownedParts(entries: Map<string, Buffer>): Set<string> {
  const owned = new Set(['xl/styles.xml']);
  for (const [name, part] of sheetParts(entries)) {
    if (LEDGER_TABS.includes(name) || (SYSTEM_TAB_NAMES as readonly string[]).includes(name)) owned.add(part);
  }
  return owned;
}

describe.each([
  ['openpyxl', async (path: string) => copyFile(join(FIXTURES, 'openpyxl.xlsx'), path)],
  ['LibreOffice', async (path: string) => copyFile(join(FIXTURES, 'libreoffice.xlsx'), path)],
  ['exceljs', exceljsWorkbook],
])('a workbook made by %s', (_maker, make) => {
  async function cycled(): Promise<{ path: string; before: Map<string, Buffer>; after: Map<string, Buffer>; source: Buffer }> {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    const path = join(dir, '台账.xlsx');
    await make(path);
    const before = await unzipFile(path);
    const source = await readFile(path);
    await cycle(path, dir);
    return { path, before, after: await unzipFile(path), source };
  }

  it('when a monthly cycle runs, then every part the system does not own is byte-identical and none is lost', async () => {
    const { before, after } = await cycled();
    const owned = ownedParts(before);
    const changed = [...before.keys()].filter((name) => !owned.has(name) && !before.get(name)?.equals(after.get(name) ?? Buffer.alloc(0)));
    expect(changed).toEqual([]);
    expect([...before.keys()].filter((name) => !after.has(name))).toEqual([]);
    expect([...before.keys()].filter((n) => /chart|media|drawings\/drawing/.test(n)).length).toBeGreaterThan(0);
  }, 60_000);

  it('when a monthly cycle runs, then every ledger cell outside 校验 is the same XML and the sheet keeps its views, validations and formats', async () => {
    const { before, after, source } = await cycled();
    const parts = sheetParts(before);
    const read = await loadWorkbook(source);
    for (const tab of LEDGER_TABS) {
      const part = parts.get(tab) ?? '';
      const old = before.get(part)?.toString('utf8') ?? '';
      const fresh = after.get(part)?.toString('utf8') ?? '';
      const { column: skip, isNew } = checkColumnOf(read.tabs.get(tab) ?? []);
      expect(isNew, tab).toBe(false);
      expect(cellsOutside(fresh, skip), tab).toEqual(cellsOutside(old, skip));
      expect(sheetFrame(fresh).replace(/\sspans="[^"]*"/g, ''), tab).toBe(sheetFrame(old).replace(/\sspans="[^"]*"/g, ''));
      expect(fresh, tab).toMatch(/✗ \d+ 处错误|✓/);
    }
  }, 60_000);

  it('when a monthly cycle runs twice, then the styles part does not grow the second time', async () => {
    const { path, after } = await cycled();
    await cycle(path, join(path, '..'));
    const again = await unzipFile(path);
    expect(again.get('xl/styles.xml')?.length).toBe(after.get('xl/styles.xml')?.length);
  }, 60_000);

  it('when the cycled workbook is converted by LibreOffice headless, then the conversion succeeds', async (context) => {
    if (!hasLibreOffice()) {
      context.skip('LibreOffice is not installed (apt-get install libreoffice-calc-nogui): the conversion check is skipped');
      return;
    }
    const { path } = await cycled();
    expect(await convertWithLibreOffice(path)).toEqual(['台账.pdf']);
  }, 180_000);
});

describe('a workbook without one of the system tabs', () => {
  it('when a cycle adds the tab, then only workbook.xml, its rels and [Content_Types].xml change besides owned parts, and LibreOffice opens it', async (context) => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    const path = join(dir, '台账.xlsx');
    await exceljsWorkbook(path);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    wb.removeWorksheet(wb.getWorksheet('排名')?.id ?? -1);
    await wb.xlsx.writeFile(path);
    const before = await unzipFile(path);
    await cycle(path, dir);
    const after = await unzipFile(path);
    const owned = ownedParts(before);
    const changed = [...before.keys()].filter((name) => !owned.has(name) && !before.get(name)?.equals(after.get(name) ?? Buffer.alloc(0)));
    expect(changed.sort()).toEqual(['[Content_Types].xml', 'xl/_rels/workbook.xml.rels', 'xl/workbook.xml']);
    expect(sheetParts(after).has('排名')).toBe(true);
    expect(after.get('xl/workbook.xml')?.toString('utf8').replace(/<sheet name="排名"[^>]*\/>/, '')).toBe(before.get('xl/workbook.xml')?.toString('utf8'));
    if (!hasLibreOffice()) {
      context.skip('LibreOffice is not installed (apt-get install libreoffice-calc-nogui): the conversion check is skipped');
      return;
    }
    expect(await convertWithLibreOffice(path)).toEqual(['台账.pdf']);
  }, 180_000);
});

describe('reading an openpyxl workbook', () => {
  it('when an openpyxl workbook with comments and drawings is opened, then it reads (exceljs used to throw)', async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    const path = join(dir, '台账.xlsx');
    await copyFile(join(FIXTURES, 'openpyxl.xlsx'), path);
    const session = await createWorkbookStore({ path }).open();
    const { tabs } = await session.read();
    await session.close();
    const first: readonly Cell[] = tabs.get('台账-温县')?.[1] ?? [];
    expect(first.slice(0, 2)).toEqual(['WX-001', '电池项目']);
    expect(tabs.get('我的图表')?.[2]).toEqual(['孟州', 2]);
  });
});
