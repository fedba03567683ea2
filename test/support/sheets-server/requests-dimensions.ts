/**
 * batchUpdate requests on dimensions: appendDimension, insertDimension,
 * deleteDimension, updateDimensionProperties.
 */
import { deleteDimension as removeDimension, insertDimension as addDimension, type Dimension } from './dimension-shift.js';
import { badRequest } from './errors.js';
import { copyPath, parseFieldMask } from './field-mask.js';
import { sheetById } from './grid.js';
import type { RequestHandler } from './requests-sheets.js';
import type { Json, SheetModel, SpreadsheetModel } from './types.js';

function dimensionOf(value: unknown): Dimension {
  if (value === 'ROWS' || value === 'COLUMNS') return value;
  throw badRequest(`Invalid dimension: ${String(value)} (expected ROWS or COLUMNS)`);
}

function sizeOf(sheet: SheetModel, dim: Dimension): number {
  const g = sheet.properties.gridProperties;
  return dim === 'ROWS' ? g.rowCount : g.columnCount;
}

interface DimRange {
  sheet: SheetModel;
  dim: Dimension;
  start: number;
  end: number;
}

/** Reads a DimensionRange; `end` defaults to the grid size, bounds are checked against it. */
function dimRange(ss: SpreadsheetModel, value: unknown, forInsert = false): DimRange {
  const range = (value ?? {}) as Json;
  const sheet = sheetById(ss, range['sheetId'] as number | undefined);
  const dim = dimensionOf(range['dimension']);
  const size = sizeOf(sheet, dim);
  const start = (range['startIndex'] as number | undefined) ?? 0;
  const end = (range['endIndex'] as number | undefined) ?? size;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end <= start) {
    throw badRequest(`Invalid dimension range: startIndex ${start}, endIndex ${String(end)}`);
  }
  if (forInsert ? start > size : end > size) {
    throw badRequest(
      `${forInsert ? 'Cannot insert' : 'Range'} ${dim === 'ROWS' ? 'rows' : 'columns'} [${start}, ${end}) exceeds grid limits. Max ${dim === 'ROWS' ? 'rows' : 'columns'}: ${size}`,
    );
  }
  return { sheet, dim, start, end };
}

/** appendDimension: adds `length` rows/columns at the end of the grid. */
export const appendDimension: RequestHandler = (ss, request) => {
  const sheet = sheetById(ss, request['sheetId'] as number | undefined);
  const dim = dimensionOf(request['dimension']);
  const length = request['length'];
  if (!Number.isInteger(length) || (length as number) <= 0) throw badRequest('length must be a positive integer.');
  const g = sheet.properties.gridProperties;
  if (dim === 'ROWS') g.rowCount += length as number;
  else g.columnCount += length as number;
  return undefined;
};

/** insertDimension: inserts rows/columns, shifting cells, ranges and metadata. */
export const insertDimension: RequestHandler = (ss, request) => {
  const { sheet, dim, start, end } = dimRange(ss, request['range'], true);
  const before = request['inheritFromBefore'] === true;
  if (before && start === 0) throw badRequest('Cannot inherit from before when inserting at index 0.');
  addDimension(ss, sheet, dim, start, end - start, before);
  return undefined;
};

/** deleteDimension: deletes rows/columns; deleting every row or column is refused. */
export const deleteDimension: RequestHandler = (ss, request) => {
  const { sheet, dim, start, end } = dimRange(ss, request['range']);
  if (start === 0 && end === sizeOf(sheet, dim)) {
    throw badRequest(`You can't delete all the ${dim === 'ROWS' ? 'rows' : 'columns'} on the sheet.`);
  }
  removeDimension(ss, sheet, dim, start, end);
  return undefined;
};

/** updateDimensionProperties: stores pixelSize / hiddenByUser / … per row or column under the `fields` mask. */
export const updateDimensionProperties: RequestHandler = (ss, request) => {
  if (request['dataSourceSheetRange'] !== undefined) throw badRequest('dataSourceSheetRange is not supported by the sheets test server.');
  const { sheet, dim, start, end } = dimRange(ss, request['range']);
  const given = (request['properties'] ?? {}) as Json;
  let paths = parseFieldMask(request['fields']);
  if (paths.some((p) => p[0] === '*')) paths = Object.keys(given).map((k) => [k]);
  const meta = dim === 'ROWS' ? sheet.rowMetadata : sheet.columnMetadata;
  for (let i = start; i < end; i++) {
    const entry = meta[i] ?? {};
    for (const path of paths) copyPath(entry, given, path);
    if (Object.keys(entry).length > 0) meta[i] = entry;
    else delete meta[i];
  }
  return undefined;
};
