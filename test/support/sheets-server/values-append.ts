/**
 * values.append: finds the "table" at the start of the range and writes after its last row.
 *
 * Google's table detection is not fully documented; this implements what recorded traffic shows
 * (test/fixtures/gspread): the search starts at the range's first row. If that row is empty (within
 * the range's columns; for a one-cell range, that cell), there is no table: the values go at the
 * range's start and the answer has no `tableRange`. Otherwise the table is that row and the non-empty
 * rows right below it, as wide as the data they hold, and the values go in the first row after it,
 * from the range's first column (`tableRange: "Sheet1!A1:J4"`, `updatedRange: "Sheet1!A5:J5"`).
 */
import { formatA1 } from './a1.js';
import { badRequest } from './errors.js';
import { insertDimension } from './dimension-shift.js';
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

/** The last column (exclusive) holding content in row `r`, from `startCol` to `endCol`; `startCol` when none. */
function contentEnd(sheet: SheetModel, r: number, startCol: number, endCol: number): number {
  const last = Math.min(endCol, sheet.rows[r]?.length ?? 0);
  for (let c = last - 1; c >= startCol; c--) if (!hasNoContent(getCell(sheet, r, c))) return c + 1;
  return startCol;
}

/** The table the append continues, or `undefined` when the range's first row is empty. */
function findTable(sheet: SheetModel, box: Box, single: boolean): Box | undefined {
  const probeEnd = single ? box.startCol + 1 : box.endCol;
  if (contentEnd(sheet, box.startRow, box.startCol, probeEnd) === box.startCol) return undefined;
  const edge = single ? sheet.properties.gridProperties.columnCount : box.endCol;
  let endRow = box.startRow;
  let endCol = box.startCol + 1;
  while (endRow < sheet.properties.gridProperties.rowCount) {
    const end = contentEnd(sheet, endRow, box.startCol, edge);
    if (end === box.startCol) break;
    endCol = Math.max(endCol, end);
    endRow++;
  }
  return { startRow: box.startRow, endRow, startCol: box.startCol, endCol };
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
  const at = { row: table ? table.endRow : box.startRow, col: box.startCol };
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
