/**
 * Low-level grid helpers shared by the values API, batchUpdate requests and
 * the test-facing state: cell access, sheet lookup, grid bounds and ids.
 */
import { formatA1 } from './a1.js';
import { badRequest } from './errors.js';
import type { Box, GridRange, SheetModel, SpreadsheetModel, StoredCell } from './types.js';

/** True when a stored cell carries nothing at all. */
export function isBlankCell(cell: StoredCell | undefined): boolean {
  if (!cell) return true;
  return Object.values(cell).every((v) => v === undefined);
}

/** True when a cell has no value, formula or error (formats/notes may exist). */
export function hasNoContent(cell: StoredCell | undefined): boolean {
  if (!cell) return true;
  if (cell.formula !== undefined || cell.error !== undefined) return false;
  return cell.value === undefined || cell.value === null || cell.value === '';
}

/** Reads the cell at (row, col), or `undefined`. */
export function getCell(sheet: SheetModel, row: number, col: number): StoredCell | undefined {
  return sheet.rows[row]?.[col];
}

/** Stores a cell; a blank cell is removed so the grid stays sparse. */
export function putCell(sheet: SheetModel, row: number, col: number, cell: StoredCell | undefined): void {
  if (isBlankCell(cell)) {
    const r = sheet.rows[row];
    if (r && col < r.length) r[col] = undefined;
    return;
  }
  let r = sheet.rows[row];
  if (!r) {
    r = [];
    sheet.rows[row] = r;
  }
  r[col] = cell;
}

/** Returns the cell at (row, col), creating an empty one when absent. */
export function cellForWrite(sheet: SheetModel, row: number, col: number): StoredCell {
  const existing = getCell(sheet, row, col);
  if (existing) return existing;
  const cell: StoredCell = {};
  let r = sheet.rows[row];
  if (!r) {
    r = [];
    sheet.rows[row] = r;
  }
  r[col] = cell;
  return cell;
}

/** Finds a sheet by title (exact first, then case-insensitive like Sheets). */
export function findSheetByTitle(ss: SpreadsheetModel, title: string): SheetModel | undefined {
  return (
    ss.sheets.find((s) => s.properties.title === title) ??
    ss.sheets.find((s) => s.properties.title.toLowerCase() === title.toLowerCase())
  );
}

/** Finds a sheet by id or throws Google's `No grid with id` error. */
export function sheetById(ss: SpreadsheetModel, sheetId: number | undefined): SheetModel {
  const id = sheetId ?? 0;
  const sheet = ss.sheets.find((s) => s.properties.sheetId === id);
  if (!sheet) throw badRequest(`No grid with id: ${id}`);
  return sheet;
}

/** The sheet at index 0 (what A1 ranges without a sheet name refer to). */
export function firstSheet(ss: SpreadsheetModel): SheetModel {
  const sheet = ss.sheets[0];
  if (!sheet) throw badRequest('The spreadsheet has no sheets.');
  return sheet;
}

/** Sorts sheets by index and renumbers indices densely from 0. */
export function reindexSheets(ss: SpreadsheetModel): void {
  ss.sheets.sort((a, b) => a.properties.index - b.properties.index);
  ss.sheets.forEach((s, i) => {
    s.properties.index = i;
  });
}

/** The `Range (…) exceeds grid limits` error Google answers with. */
export function gridLimitError(sheet: SheetModel, box: Box): Error {
  const g = sheet.properties.gridProperties;
  return badRequest(
    `Range (${formatA1(sheet.properties.title, box)}) exceeds grid limits. Max rows: ${g.rowCount}, max columns: ${g.columnCount}`,
  );
}

/** Throws unless the box lies inside the sheet's grid. */
export function assertInGrid(sheet: SheetModel, box: Box): void {
  const g = sheet.properties.gridProperties;
  if (box.startRow < 0 || box.startCol < 0 || box.endRow > g.rowCount || box.endCol > g.columnCount) {
    throw gridLimitError(sheet, box);
  }
}

/** Converts an API GridRange to a bounded box, checking it against the grid. */
export function gridRangeToBox(sheet: SheetModel, range: GridRange | undefined): Box {
  const g = sheet.properties.gridProperties;
  const box: Box = {
    startRow: range?.startRowIndex ?? 0,
    endRow: range?.endRowIndex ?? g.rowCount,
    startCol: range?.startColumnIndex ?? 0,
    endCol: range?.endColumnIndex ?? g.columnCount,
  };
  if (box.endRow < box.startRow || box.endCol < box.startCol) {
    throw badRequest('The range is invalid: the end index must not be less than the start index.');
  }
  assertInGrid(sheet, box);
  return box;
}

/** Grows the grid so that it holds at least `rows` × `cols`. */
export function growGrid(sheet: SheetModel, rows: number, cols: number): void {
  const g = sheet.properties.gridProperties;
  if (rows > g.rowCount) g.rowCount = rows;
  if (cols > g.columnCount) g.columnCount = cols;
}

/** Number of rows / columns up to the last cell with content. */
export function contentExtent(sheet: SheetModel): { rows: number; cols: number } {
  let rows = 0;
  let cols = 0;
  sheet.rows.forEach((row, r) => {
    row?.forEach((cell, c) => {
      if (!hasNoContent(cell)) {
        rows = Math.max(rows, r + 1);
        cols = Math.max(cols, c + 1);
      }
    });
  });
  return { rows, cols };
}

/** Drops rows/columns at and beyond the grid size (after the grid shrank). */
export function truncateToGrid(sheet: SheetModel): void {
  const g = sheet.properties.gridProperties;
  if (sheet.rows.length > g.rowCount) sheet.rows.length = g.rowCount;
  for (const row of sheet.rows) if (row && row.length > g.columnCount) row.length = g.columnCount;
}

/** Next deterministic pseudo-random positive id (sheet ids, protected range ids, …). */
export function nextId(ss: SpreadsheetModel): number {
  ss.idSeed = (ss.idSeed * 1103515245 + 12345) % 2147483648;
  return 1 + (ss.idSeed % 2000000000);
}

/** Iterates every (row, col) in a box. */
export function forEachInBox(box: Box, fn: (row: number, col: number) => void): void {
  for (let r = box.startRow; r < box.endRow; r++) {
    for (let c = box.startCol; c < box.endCol; c++) fn(r, c);
  }
}
