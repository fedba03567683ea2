/** Workbook fixtures: temporary files built with the real writer, read back with exceljs. */
import ExcelJS from 'exceljs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CHAINS, type Cell } from '../../../functions/core/index.js';
import { createWorkbookFile } from '../../../sheets/xlsx/create-workbook.js';
import { fromExcel } from '../../../sheets/xlsx/cell-value.js';

export async function tempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'ledger-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Writes tabs to a new workbook file in a temporary folder. */
export async function workbookFile(tabs: Map<string, Cell[][]>, name = '台账.xlsx'): Promise<{ path: string; dir: string; cleanup: () => Promise<void> }> {
  const { dir, cleanup } = await tempDir();
  const path = join(dir, name);
  await createWorkbookFile(path, tabs, DEFAULT_CHAINS);
  return { path, dir, cleanup };
}

/** Every tab's cells as exceljs reads them from disk (rich text and formulas flattened). */
export async function readBack(path: string): Promise<Map<string, Cell[][]>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const tabs = new Map<string, Cell[][]>();
  for (const ws of wb.worksheets) {
    const grid: Cell[][] = [];
    ws.eachRow({ includeEmpty: true }, (row, n) => {
      const cells = (row.values as ExcelJS.CellValue[]).slice(1).map(fromExcel);
      while (cells.length > 0 && (cells[cells.length - 1] === null || cells[cells.length - 1] === undefined)) cells.pop();
      grid[n - 1] = cells;
    });
    tabs.set(ws.name, Array.from({ length: grid.length }, (_, i) => grid[i] ?? []));
  }
  return tabs;
}

export async function readWorkbook(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}
