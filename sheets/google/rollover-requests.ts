/**
 * A rollover plan as one spreadsheets.batchUpdate on the copied spreadsheet: the cell edits (literal
 * values at absolute positions), the 终止 rows deleted bottom-up, and the replaced tabs cleared below
 * their header and rewritten. Only values are touched (`fields: userEnteredValue`), so formats, notes,
 * dropdowns, protections and the 校验 formula the copy brought along stay as provisioned.
 */
import type { sheets_v4 } from '@googleapis/sheets';
import { rowRunsFromBottom, type Cell, type CellEdit, type RolloverPlan } from '../../functions/core/index.js';
import { cellData } from './cell-values.js';
import { CHECK_SUMMARY_TAB } from './check-summary.js';
import type { SheetInfo } from './metadata.js';

type Request = sheets_v4.Schema$Request;

/**
 * The requests, in two parts: `cells`, the cell edits (absolute positions, literal values: safe to send
 * in several batches and to retry), then `structure`, the row deletions and the replaced tabs (to send
 * once, after the cells, in one batch). Tabs the plan names but the copy lacks are created.
 */
export function rolloverRequests(plan: RolloverPlan, sheets: readonly SheetInfo[]): { cells: Request[]; structure: Request[] } {
  const byTitle = new Map(sheets.map((s) => [s.title, s]));
  let freeId = Math.max(0, ...sheets.map((s) => s.sheetId)) + 1;
  const cells: Request[] = [];
  const requests: Request[] = [];
  for (const { tab, edits, deleteRows } of plan.edits) {
    const sheet = byTitle.get(tab);
    if (!sheet) continue;
    // The 校验 column is a formula set at provisioning: it shows the new year's checks after the first run.
    for (const run of rowRuns(edits.filter((e) => !e.check))) {
      cells.push({
        updateCells: {
          range: { sheetId: sheet.sheetId, startRowIndex: run.row - 1, endRowIndex: run.row, startColumnIndex: run.column, endColumnIndex: run.column + run.values.length },
          rows: [{ values: run.values.map(cellData) }],
          fields: 'userEnteredValue',
        },
      });
    }
    for (const [start, count] of rowRunsFromBottom(deleteRows)) {
      requests.push({ deleteDimension: { range: { sheetId: sheet.sheetId, dimension: 'ROWS', startIndex: start - 1, endIndex: start - 1 + count } } });
    }
  }
  const replace = new Map<string, readonly (readonly Cell[])[]>(plan.replace);
  // The hidden tab behind the 校验 formula: last year's problems must not show in the new ledger.
  if (byTitle.has(CHECK_SUMMARY_TAB.name)) replace.set(CHECK_SUMMARY_TAB.name, [CHECK_SUMMARY_TAB.columns.map((c) => c.header)]);
  for (const [title, grid] of replace) {
    const width = Math.max(1, ...grid.map((r) => r.length));
    let sheet = byTitle.get(title);
    if (!sheet) {
      sheet = { sheetId: freeId++, title, index: sheets.length, rowCount: Math.max(1000, grid.length), columnCount: Math.max(26, width), frozenRowCount: 1, hidden: false, isGrid: true };
      requests.push({ addSheet: { properties: { sheetId: sheet.sheetId, title, gridProperties: { rowCount: sheet.rowCount, columnCount: sheet.columnCount, frozenRowCount: 1 } } } });
    }
    if (grid.length > sheet.rowCount) requests.push({ appendDimension: { sheetId: sheet.sheetId, dimension: 'ROWS', length: grid.length - sheet.rowCount } });
    if (width > sheet.columnCount) requests.push({ appendDimension: { sheetId: sheet.sheetId, dimension: 'COLUMNS', length: width - sheet.columnCount } });
    if (sheet.rowCount > 1) requests.push({ updateCells: { range: { sheetId: sheet.sheetId, startRowIndex: 1 }, fields: 'userEnteredValue' } });
    requests.push({ updateCells: { start: { sheetId: sheet.sheetId, rowIndex: 0, columnIndex: 0 }, rows: grid.map((r) => ({ values: r.map(cellData) })), fields: 'userEnteredValue' } });
  }
  return { cells, structure: requests };
}

/** Edits of one row in adjacent columns as one run (上年末累计到位 and 1–12月到位 sit side by side). */
function rowRuns(edits: readonly CellEdit[]): { row: number; column: number; values: Cell[] }[] {
  const sorted = [...edits].sort((a, b) => a.row - b.row || a.column - b.column);
  const runs: { row: number; column: number; values: Cell[] }[] = [];
  for (const edit of sorted) {
    const last = runs[runs.length - 1];
    if (last && last.row === edit.row && last.column + last.values.length === edit.column) last.values.push(edit.value);
    else runs.push({ row: edit.row, column: edit.column, values: [edit.value] });
  }
  return runs;
}

/** Requests in batches whose JSON stays under `maxBytes` (Google refuses bodies over 10 MiB). */
export function batchesOf(requests: readonly Request[], maxBytes = 8_000_000): Request[][] {
  const batches: Request[][] = [];
  let size = 0;
  for (const request of requests) {
    const bytes = Buffer.byteLength(JSON.stringify(request));
    if (batches.length === 0 || size + bytes > maxBytes) {
      batches.push([]);
      size = 0;
    }
    batches[batches.length - 1]?.push(request);
    size += bytes;
  }
  return batches;
}
