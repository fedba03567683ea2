/**
 * Reading through the values API (values.get, values.batchGet).
 */
import { badRequest } from './errors.js';
import { gridRangeToBox, sheetById } from './grid.js';
import { resolveA1 } from './range-resolve.js';
import { readValueRange, renderOptionsFrom, type ValueRangeJson } from './render.js';
import type { GridRange, Json, SpreadsheetModel } from './types.js';

/** values.get: one range; query carries the render options. */
export function getValues(ss: SpreadsheetModel, rangeText: string, query: URLSearchParams): ValueRangeJson {
  const options = renderOptionsFrom((n) => query.get(n));
  const { sheet, box } = resolveA1(ss, rangeText);
  return readValueRange(sheet, box, options);
}

/** values.batchGet: repeated `ranges` query parameters, answered in order. */
export function batchGetValues(ss: SpreadsheetModel, query: URLSearchParams): Json {
  const options = renderOptionsFrom((n) => query.get(n));
  const ranges = query.getAll('ranges');
  const result: Json = { spreadsheetId: ss.spreadsheetId };
  if (ranges.length > 0) {
    result['valueRanges'] = ranges.map((text) => {
      const { sheet, box } = resolveA1(ss, text);
      return readValueRange(sheet, box, options);
    });
  }
  return result;
}

/**
 * values.batchGetByDataFilter: the POST form of batchGet. Supports `a1Range` and `gridRange` filters
 * (developer-metadata lookups answer 400); render options come from the body.
 */
export function batchGetValuesByDataFilter(ss: SpreadsheetModel, body: Json): Json {
  const options = renderOptionsFrom((n) => {
    const value = body[n];
    return typeof value === 'string' ? value : undefined;
  });
  const filters = body['dataFilters'];
  if (!Array.isArray(filters) || filters.length === 0) throw badRequest('At least one data filter must be specified.');
  const valueRanges = (filters as Json[]).map((filter) => {
    let resolved;
    if (typeof filter['a1Range'] === 'string') resolved = resolveA1(ss, filter['a1Range']);
    else if (filter['gridRange'] && typeof filter['gridRange'] === 'object') {
      const g = filter['gridRange'] as GridRange;
      const sheet = sheetById(ss, g.sheetId);
      resolved = { sheet, box: gridRangeToBox(sheet, g) };
    } else throw badRequest('Only a1Range and gridRange data filters are supported by the sheets test server.');
    return { valueRange: readValueRange(resolved.sheet, resolved.box, options), dataFilters: [structuredClone(filter)] };
  });
  return { spreadsheetId: ss.spreadsheetId, valueRanges };
}
