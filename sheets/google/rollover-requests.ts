/**
 * A rollover plan as one spreadsheets.batchUpdate on the copied spreadsheet: the cell edits (literal
 * values at absolute positions), the 终止 rows deleted bottom-up, and the replaced tabs cleared below
 * their header and rewritten. Only values are touched (`fields: userEnteredValue`), so formats, notes,
 * dropdowns, protections and the 校验 formula the copy brought along stay as provisioned.
 */
import type { sheets_v4 } from '@googleapis/sheets';
import { rowRunsFromBottom, type Cell, type RolloverPlan } from '../../functions/core/index.js';
import { cellData } from './cell-values.js';
import { CHECK_SUMMARY_TAB } from './check-summary.js';
import type { SheetInfo } from './metadata.js';

type Request = sheets_v4.Schema$Request;

/** The requests, in order; tabs the plan names but the copy lacks are created (ids from `freeId`). */
export function rolloverRequests(plan: RolloverPlan, sheets: readonly SheetInfo[]): Request[] {
  const byTitle = new Map(sheets.map((s) => [s.title, s]));
  let freeId = Math.max(0, ...sheets.map((s) => s.sheetId)) + 1;
  const requests: Request[] = [];
  for (const { tab, edits, deleteRows } of plan.edits) {
    const sheet = byTitle.get(tab);
    if (!sheet) continue;
    // The 校验 column is a formula set at provisioning: it shows the new year's checks after the first run.
    for (const edit of edits) {
      if (edit.check) continue;
      requests.push({
        updateCells: {
          range: { sheetId: sheet.sheetId, startRowIndex: edit.row - 1, endRowIndex: edit.row, startColumnIndex: edit.column, endColumnIndex: edit.column + 1 },
          rows: [{ values: [cellData(edit.value)] }],
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
  return requests;
}
