/**
 * batchUpdate requests on cells: updateCells, repeatCell, setDataValidation,
 * updateBorders.
 */
import { applyCellData, cellMaskPaths } from './cell-data.js';
import { badRequest } from './errors.js';
import { parseFieldMask } from './field-mask.js';
import { assertInGrid, cellForWrite, forEachInBox, getCell, gridRangeToBox, putCell, sheetById } from './grid.js';
import type { RequestHandler } from './requests-sheets.js';
import type { Box, GridRange, Json, SheetModel, StoredCell } from './types.js';

function rowValues(rows: Json[], r: number): Json[] {
  const values = rows[r]?.['values'];
  return Array.isArray(values) ? (values as Json[]) : [];
}

function readRows(request: Json): Json[] {
  const rows = request['rows'] ?? [];
  if (!Array.isArray(rows)) throw badRequest('rows must be a list of RowData.');
  return rows as Json[];
}

/**
 * updateCells with `range`: every cell of the range gets the masked fields
 * from `rows` (cleared where `rows` has no cell). With `start`: only the
 * given cells are written. Writing outside the grid fails like the real API.
 */
export const updateCells: RequestHandler = (ss, request) => {
  const paths = cellMaskPaths(parseFieldMask(request['fields']));
  const rows = readRows(request);
  const range = request['range'] as GridRange | undefined;
  const start = request['start'] as Json | undefined;
  if (range && start) throw badRequest('Only one of range or start may be set.');
  if (range) {
    const sheet = sheetById(ss, range.sheetId);
    const box = gridRangeToBox(sheet, range);
    const height = box.endRow - box.startRow;
    const width = box.endCol - box.startCol;
    if (rows.length > height) {
      throw badRequest(`Attempting to write row: ${box.startRow + rows.length - 1}, beyond the last requested row of: ${box.endRow - 1}`);
    }
    rows.forEach((_, r) => {
      if (rowValues(rows, r).length > width) {
        throw badRequest(`Attempting to write column: ${box.startCol + rowValues(rows, r).length - 1}, beyond the last requested column of: ${box.endCol - 1}`);
      }
    });
    forEachInBox(box, (r, c) => {
      const data = rowValues(rows, r - box.startRow)[c - box.startCol];
      putCell(sheet, r, c, applyCellData(getCell(sheet, r, c), data, paths));
    });
    return undefined;
  }
  if (!start) throw badRequest('Either range or start must be set.');
  const sheet = sheetById(ss, start['sheetId'] as number | undefined);
  const r0 = (start['rowIndex'] as number | undefined) ?? 0;
  const c0 = (start['columnIndex'] as number | undefined) ?? 0;
  const width = Math.max(0, ...rows.map((_, r) => rowValues(rows, r).length));
  if (rows.length > 0 && width > 0) {
    assertInGrid(sheet, { startRow: r0, endRow: r0 + rows.length, startCol: c0, endCol: c0 + width });
  }
  rows.forEach((_, r) => {
    rowValues(rows, r).forEach((data, c) => {
      putCell(sheet, r0 + r, c0 + c, applyCellData(getCell(sheet, r0 + r, c0 + c), data, paths));
    });
  });
  return undefined;
};

/** repeatCell: applies one CellData to every cell of a range under the mask. */
export const repeatCell: RequestHandler = (ss, request) => {
  const paths = cellMaskPaths(parseFieldMask(request['fields']));
  const range = (request['range'] ?? {}) as GridRange;
  const sheet = sheetById(ss, range.sheetId);
  const box = gridRangeToBox(sheet, range);
  const data = (request['cell'] ?? {}) as Json;
  forEachInBox(box, (r, c) => putCell(sheet, r, c, applyCellData(getCell(sheet, r, c), data, paths)));
  return undefined;
};

/** setDataValidation: sets (or, without `rule`, clears) the validation rule of every cell in the range. */
export const setDataValidation: RequestHandler = (ss, request) => {
  const range = (request['range'] ?? {}) as GridRange;
  const sheet = sheetById(ss, range.sheetId);
  const box = gridRangeToBox(sheet, range);
  const rule = request['rule'] as Json | undefined;
  if (rule && !rule['condition']) throw badRequest('A data validation rule requires a condition.');
  const data: Json = rule ? { dataValidation: rule } : {};
  forEachInBox(box, (r, c) => putCell(sheet, r, c, applyCellData(getCell(sheet, r, c), data, [['dataValidation']])));
  return undefined;
};

type Side = 'top' | 'bottom' | 'left' | 'right';

function setBorder(sheet: SheetModel, r: number, c: number, side: Side, border: unknown): void {
  if (!border || typeof border !== 'object') return;
  const cell = cellForWrite(sheet, r, c);
  const format = (cell.format ??= {});
  const borders = ((format['borders'] as Json | undefined) ??= {});
  if ((border as Json)['style'] === 'NONE') delete borders[side];
  else borders[side] = structuredClone(border);
  if (Object.keys(borders).length === 0) delete format['borders'];
  if (Object.keys(format).length === 0) delete cell.format;
  putCell(sheet, r, c, cell);
}

/** updateBorders: writes top/bottom/left/right/inner borders into each cell's `userEnteredFormat.borders`. */
export const updateBorders: RequestHandler = (ss, request) => {
  const range = (request['range'] ?? {}) as GridRange;
  const sheet = sheetById(ss, range.sheetId);
  const box: Box = gridRangeToBox(sheet, range);
  forEachInBox(box, (r, c) => {
    if (r === box.startRow) setBorder(sheet, r, c, 'top', request['top']);
    else setBorder(sheet, r, c, 'top', request['innerHorizontal']);
    if (r === box.endRow - 1) setBorder(sheet, r, c, 'bottom', request['bottom']);
    else setBorder(sheet, r, c, 'bottom', request['innerHorizontal']);
    if (c === box.startCol) setBorder(sheet, r, c, 'left', request['left']);
    else setBorder(sheet, r, c, 'left', request['innerVertical']);
    if (c === box.endCol - 1) setBorder(sheet, r, c, 'right', request['right']);
    else setBorder(sheet, r, c, 'right', request['innerVertical']);
  });
  return undefined;
};

/**
 * copyPaste: copies the source box to the destination's top-left corner (PASTE_NORMAL: whole cells;
 * PASTE_VALUES: values only — a formula pastes its cached value — keeping the destination's format,
 * note and validation). Tiling a larger destination and the other paste types are not supported.
 */
export const copyPaste: RequestHandler = (ss, request) => {
  const type = (request['pasteType'] as string | undefined) ?? 'PASTE_NORMAL';
  if (type !== 'PASTE_NORMAL' && type !== 'PASTE_VALUES') throw badRequest(`pasteType ${type} is not supported by the sheets test server.`);
  if ((request['pasteOrientation'] ?? 'NORMAL') !== 'NORMAL') throw badRequest('Only NORMAL pasteOrientation is supported by the sheets test server.');
  const source = (request['source'] ?? {}) as GridRange;
  const destination = (request['destination'] ?? {}) as GridRange;
  const from = sheetById(ss, source.sheetId);
  const to = sheetById(ss, destination.sheetId);
  const box = gridRangeToBox(from, source);
  const r0 = destination.startRowIndex ?? 0;
  const c0 = destination.startColumnIndex ?? 0;
  const height = box.endRow - box.startRow;
  const width = box.endCol - box.startCol;
  if (height <= 0 || width <= 0) return undefined;
  assertInGrid(to, { startRow: r0, endRow: r0 + height, startCol: c0, endCol: c0 + width });
  const copied: (Json | undefined)[][] = [];
  forEachInBox(box, (r, c) => {
    const line = (copied[r - box.startRow] ??= []);
    const cell = getCell(from, r, c);
    line[c - box.startCol] = cell ? (structuredClone(cell) as Json) : undefined;
  });
  for (let r = 0; r < height; r++) {
    for (let c = 0; c < width; c++) {
      const cell = copied[r]?.[c] as StoredCell | undefined;
      if (type === 'PASTE_NORMAL') {
        putCell(to, r0 + r, c0 + c, cell);
        continue;
      }
      const target: StoredCell = { ...(getCell(to, r0 + r, c0 + c) ?? {}) };
      delete target.value;
      delete target.formula;
      delete target.error;
      if (cell?.error !== undefined) target.error = cell.error;
      else if (cell?.value !== undefined && cell.value !== null) target.value = cell.value;
      putCell(to, r0 + r, c0 + c, target);
    }
  }
  return undefined;
};
