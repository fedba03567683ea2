/**
 * values.append: finds a "table" in the range and writes after its last row, from its first column.
 *
 * Google's table detection is not documented; this follows what recorded traffic shows
 * (test/fixtures/gspread), including its surprises:
 * - a one-cell range (`Sheet1!A1`) starts the search at that cell: empty → no table, the values go
 *   there; otherwise the table is the run of filled cells going right from it (a blank cell ends it);
 * - a wider range (`Sheet1`) takes the first row in it holding data and, in that row, the LAST run of
 *   filled cells: after writing `x, "", y` into A1:C1, appending to `Sheet1` finds table `C1` and
 *   writes at C2 (a known gspread pitfall, answered by passing `table_range="A1"`);
 * - the table then extends down over the rows holding data within its columns;
 * - no table: the values go at the range's start and the answer has no `tableRange`.
 */
import { formatA1 } from './a1.js';
import { insertDimension } from './dimension-shift.js';
import { badRequest } from './errors.js';
import { getCell, hasNoContent } from './grid.js';
import { resolveA1 } from './range-resolve.js';
import type { Box, Json, SheetModel, SpreadsheetModel } from './types.js';
import type { ValueInputOption } from './user-input.js';
import { writeValueRange, type UpdateValuesJson } from './values-write.js';

/** AppendValuesResponse JSON. */
export interface AppendValuesJson {
  spreadsheetId: string;
  tableRange?: string;
  updates: UpdateValuesJson;
}

const filled = (sheet: SheetModel, r: number, c: number): boolean => !hasNoContent(getCell(sheet, r, c));

/** The run of filled cells in row `r` that starts at `c` (exclusive end). */
function runFrom(sheet: SheetModel, r: number, c: number, edge: number): number {
  let end = c;
  while (end < edge && filled(sheet, r, end)) end++;
  return end;
}

/** The start column of the last run of filled cells of row `r` in `[from, to)`, or `undefined`. */
function lastRunStart(sheet: SheetModel, r: number, from: number, to: number): number | undefined {
  let c = Math.min(to, sheet.rows[r]?.length ?? 0) - 1;
  while (c >= from && !filled(sheet, r, c)) c--;
  if (c < from) return undefined;
  while (c - 1 >= from && filled(sheet, r, c - 1)) c--;
  return c;
}

function tableStartAtCell(sheet: SheetModel, box: Box): { row: number; col: number } | undefined {
  return filled(sheet, box.startRow, box.startCol) ? { row: box.startRow, col: box.startCol } : undefined;
}

function tableStartInRange(sheet: SheetModel, box: Box): { row: number; col: number } | undefined {
  const last = Math.min(box.endRow, sheet.rows.length);
  for (let row = box.startRow; row < last; row++) {
    const col = lastRunStart(sheet, row, box.startCol, box.endCol);
    if (col !== undefined) return { row, col };
  }
  return undefined;
}

/** The table the append continues, or `undefined`. */
function findTable(sheet: SheetModel, box: Box, single: boolean): Box | undefined {
  const start = single ? tableStartAtCell(sheet, box) : tableStartInRange(sheet, box);
  if (!start) return undefined;
  const { row, col } = start;
  const edge = single ? sheet.properties.gridProperties.columnCount : box.endCol;
  let endCol = runFrom(sheet, row, col, edge);
  let endRow = row + 1;
  const height = Math.min(sheet.properties.gridProperties.rowCount, sheet.rows.length);
  while (endRow < height) {
    let any = false;
    for (let c = col; c < endCol && !any; c++) any = filled(sheet, endRow, c);
    if (!any) break;
    endCol = Math.max(endCol, runFrom(sheet, endRow, col, edge));
    endRow++;
  }
  return { startRow: row, endRow, startCol: col, endCol };
}

/**
 * values.append on a draft spreadsheet. `insertDataOption` INSERT_ROWS inserts as many rows as are
 * written before writing; OVERWRITE (the default) writes over whatever follows the table.
 */
export function appendValues(ss: SpreadsheetModel, rangeText: string, body: Json, option: ValueInputOption, insertDataOption?: string): AppendValuesJson {
  if (insertDataOption !== undefined && insertDataOption !== 'OVERWRITE' && insertDataOption !== 'INSERT_ROWS') {
    throw badRequest(`Invalid value at 'insert_data_option' (type.googleapis.com/google.apps.sheets.v4.InsertDataOption), "${insertDataOption}"`);
  }
  const { sheet, box, single } = resolveA1(ss, rangeText);
  const table = findTable(sheet, box, single);
  const at = table ? { row: table.endRow, col: table.startCol } : { row: box.startRow, col: box.startCol };
  if (insertDataOption === 'INSERT_ROWS') {
    const values = Array.isArray(body['values']) ? (body['values'] as unknown[][]) : [];
    const height = body['majorDimension'] === 'COLUMNS' ? Math.max(0, ...values.map((v) => (Array.isArray(v) ? v.length : 0))) : values.length;
    if (height > 0) insertDimension(ss, sheet, 'ROWS', at.row, height);
  }
  const anchor = formatA1(sheet.properties.title, { startRow: at.row, endRow: at.row + 1, startCol: at.col, endCol: at.col + 1 });
  const updates = writeValueRange(ss, { ...body, range: anchor }, option);
  const result: AppendValuesJson = { spreadsheetId: ss.spreadsheetId, updates };
  if (table) result.tableRange = formatA1(sheet.properties.title, table);
  return result;
}
