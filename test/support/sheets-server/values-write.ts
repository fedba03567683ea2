/**
 * Writing and clearing through the values API (values.update,
 * values.batchUpdate, values.clear, values.batchClear).
 */
import { columnLetters, formatA1 } from './a1.js';
import { badRequest } from './errors.js';
import { cellForWrite, getCell, growGrid, putCell } from './grid.js';
import { resolveA1 } from './range-resolve.js';
import { majorDimensionFrom } from './render.js';
import type { Json, SpreadsheetModel } from './types.js';
import { applyInput, parseInput, valueInputOptionFrom, type ValueInputOption } from './user-input.js';

/** UpdateValuesResponse JSON. */
export interface UpdateValuesJson {
  spreadsheetId: string;
  updatedRange: string;
  updatedRows?: number;
  updatedColumns?: number;
  updatedCells?: number;
}

function toRows(body: Json): unknown[][] {
  const values = body['values'];
  if (values === undefined || values === null) return [];
  if (!Array.isArray(values) || !values.every((row) => Array.isArray(row))) {
    throw badRequest("Invalid value at 'data.values': expected a list of lists");
  }
  const rows = values as unknown[][];
  if (majorDimensionFrom(body['majorDimension']) === 'ROWS') return rows;
  const height = Math.max(0, ...rows.map((col) => col.length));
  return Array.from({ length: height }, (_, r) => rows.map((col) => col[r]));
}

/**
 * Writes one ValueRange. A single-cell range is an anchor; an explicit end
 * bound limits the data (`Requested writing within range …`); the grid grows
 * to fit, as the real values API does.
 */
export function writeValueRange(ss: SpreadsheetModel, body: Json, option: ValueInputOption, touched?: Touched): UpdateValuesJson {
  const rangeText = body['range'];
  if (typeof rangeText !== 'string' || rangeText === '') throw badRequest('Invalid data[].range: a range is required');
  const target = resolveA1(ss, rangeText, { allowBeyondGrid: true });
  const rows = toRows(body);
  const { startRow, startCol } = target.box;
  const height = rows.length;
  const width = Math.max(0, ...rows.map((r) => r.length));
  if (!target.single) {
    if (target.explicitEnd.rows && startRow + height > target.box.endRow) {
      throw badRequest(`Requested writing within range [${rangeText}], but tried writing to row [${startRow + height}]`);
    }
    if (target.explicitEnd.cols && startCol + width > target.box.endCol) {
      throw badRequest(`Requested writing within range [${rangeText}], but tried writing to column [${columnLetters(startCol + width - 1)}]`);
    }
  }
  const sheet = target.sheet;
  growGrid(sheet, startRow + height, startCol + width);
  const touchedRows = new Set<number>();
  const touchedCols = new Set<number>();
  let cells = 0;
  rows.forEach((row, r) => {
    row.forEach((input, c) => {
      const parsed = parseInput(input, option, `values[${r}][${c}]`);
      if (!parsed) return;
      const cell = cellForWrite(sheet, startRow + r, startCol + c);
      applyInput(cell, parsed);
      putCell(sheet, startRow + r, startCol + c, cell);
      touchedRows.add(r);
      touchedCols.add(c);
      cells++;
    });
  });
  for (const r of touchedRows) touched?.rows.add(`${sheet.properties.sheetId}:${startRow + r}`);
  for (const c of touchedCols) touched?.cols.add(`${sheet.properties.sheetId}:${startCol + c}`);
  const written = height > 0 && width > 0
    ? { startRow, endRow: startRow + height, startCol, endCol: startCol + width }
    : { startRow, endRow: startRow + 1, startCol, endCol: startCol + 1 };
  const result: UpdateValuesJson = { spreadsheetId: ss.spreadsheetId, updatedRange: formatA1(sheet.properties.title, written) };
  if (cells > 0) {
    result.updatedRows = touchedRows.size;
    result.updatedColumns = touchedCols.size;
    result.updatedCells = cells;
  }
  return result;
}

/** Distinct `sheetId:index` rows and columns written by a values.batchUpdate. */
interface Touched {
  rows: Set<string>;
  cols: Set<string>;
}

/** values.batchUpdate on a draft spreadsheet. */
export function batchUpdateValues(ss: SpreadsheetModel, body: Json): Json {
  const option = valueInputOptionFrom(body['valueInputOption']);
  const data = body['data'];
  if (data !== undefined && !Array.isArray(data)) throw badRequest("Invalid value at 'data': expected a list");
  const touched: Touched = { rows: new Set(), cols: new Set() };
  const responses = ((data ?? []) as Json[]).map((vr) => writeValueRange(ss, vr, option, touched));
  const sheets = new Set(
    responses.filter((r) => (r.updatedCells ?? 0) > 0).map((r) => r.updatedRange.slice(0, r.updatedRange.lastIndexOf('!'))),
  );
  const cells = responses.reduce((n, r) => n + (r.updatedCells ?? 0), 0);
  const result: Json = { spreadsheetId: ss.spreadsheetId };
  if (cells > 0) {
    // Rows and columns "where at least one cell was updated": two ranges on row 1 count it once.
    Object.assign(result, {
      totalUpdatedRows: touched.rows.size,
      totalUpdatedColumns: touched.cols.size,
      totalUpdatedCells: cells,
      totalUpdatedSheets: sheets.size,
    });
  }
  result['responses'] = responses;
  return result;
}

/** Clears values (and formulas) of one A1 range, keeping formats; returns the cleared range in A1. */
export function clearRange(ss: SpreadsheetModel, rangeText: string): string {
  const { sheet, box } = resolveA1(ss, rangeText);
  const lastRow = Math.min(box.endRow, sheet.rows.length);
  for (let r = box.startRow; r < lastRow; r++) {
    const lastCol = Math.min(box.endCol, sheet.rows[r]?.length ?? 0);
    for (let c = box.startCol; c < lastCol; c++) {
      const cell = getCell(sheet, r, c);
      if (!cell) continue;
      delete cell.value;
      delete cell.formula;
      delete cell.error;
      putCell(sheet, r, c, cell);
    }
  }
  return formatA1(sheet.properties.title, box);
}

/** values.batchClear on a draft spreadsheet. */
export function batchClearValues(ss: SpreadsheetModel, body: Json): Json {
  const ranges = body['ranges'];
  if (ranges !== undefined && (!Array.isArray(ranges) || !ranges.every((r) => typeof r === 'string'))) {
    throw badRequest("Invalid value at 'ranges': expected a list of strings");
  }
  const clearedRanges = ((ranges ?? []) as string[]).map((r) => clearRange(ss, r));
  return { spreadsheetId: ss.spreadsheetId, clearedRanges };
}
