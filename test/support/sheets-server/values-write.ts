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
export function writeValueRange(ss: SpreadsheetModel, body: Json, option: ValueInputOption): UpdateValuesJson {
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

/** values.batchUpdate on a draft spreadsheet. */
export function batchUpdateValues(ss: SpreadsheetModel, body: Json): Json {
  const option = valueInputOptionFrom(body['valueInputOption']);
  const data = body['data'];
  if (data !== undefined && !Array.isArray(data)) throw badRequest("Invalid value at 'data': expected a list");
  const responses = ((data ?? []) as Json[]).map((vr) => writeValueRange(ss, vr, option));
  const sheets = new Set(
    responses.filter((r) => (r.updatedCells ?? 0) > 0).map((r) => r.updatedRange.slice(0, r.updatedRange.lastIndexOf('!'))),
  );
  const sum = (key: 'updatedRows' | 'updatedColumns' | 'updatedCells'): number =>
    responses.reduce((n, r) => n + (r[key] ?? 0), 0);
  const result: Json = { spreadsheetId: ss.spreadsheetId };
  if (sum('updatedCells') > 0) {
    Object.assign(result, {
      totalUpdatedRows: sum('updatedRows'),
      totalUpdatedColumns: sum('updatedColumns'),
      totalUpdatedCells: sum('updatedCells'),
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
