/**
 * The Spreadsheet resource as returned by spreadsheets.get (and by create
 * and batchUpdate's `includeSpreadsheetInResponse`).
 */
import { conditionalFormatView, gridRangeView, namedRangeView, protectedRangeView, sheetPropertiesView } from './api-view.js';
import { badRequest } from './errors.js';
import { resolveA1 } from './range-resolve.js';
import type { Json, SheetModel, SpreadsheetModel } from './types.js';

function sheetJson(sheet: SheetModel, requestingUser: string | undefined): Json {
  const out: Json = { properties: sheetPropertiesView(sheet.properties) };
  if (sheet.merges.length > 0) out['merges'] = sheet.merges.map(gridRangeView);
  if (sheet.conditionalFormats.length > 0) out['conditionalFormats'] = sheet.conditionalFormats.map(conditionalFormatView);
  if (sheet.protectedRanges.length > 0) out['protectedRanges'] = sheet.protectedRanges.map((p) => protectedRangeView(p, requestingUser));
  return out;
}

/**
 * Serialises a spreadsheet. `ranges` limits `sheets` to the sheets they touch
 * (as the real API does); grid data is not supported.
 */
export function spreadsheetJson(ss: SpreadsheetModel, options: { ranges?: string[]; requestingUser?: string | undefined } = {}): Json {
  let sheets = ss.sheets;
  if (options.ranges && options.ranges.length > 0) {
    const touched = new Set(options.ranges.map((r) => resolveA1(ss, r).sheet));
    sheets = sheets.filter((s) => touched.has(s));
  }
  const out: Json = {
    spreadsheetId: ss.spreadsheetId,
    properties: structuredClone(ss.properties),
    sheets: sheets.map((s) => sheetJson(s, options.requestingUser)),
  };
  if (ss.namedRanges.length > 0) out['namedRanges'] = ss.namedRanges.map(namedRangeView);
  if (ss.developerMetadata.length > 0) out['developerMetadata'] = structuredClone(ss.developerMetadata);
  out['spreadsheetUrl'] = `https://docs.google.com/spreadsheets/d/${ss.spreadsheetId}/edit`;
  return out;
}

/**
 * spreadsheets.get: `includeGridData=true` is refused with a clear 400 (grid data is not served, not even
 * for a `fields` mask naming `sheets.data`); `fields` itself is applied to every answer by the server.
 */
export function getSpreadsheet(ss: SpreadsheetModel, query: URLSearchParams, requestingUser?: string): Json {
  if (query.get('includeGridData') === 'true') {
    throw badRequest('includeGridData=true is not supported by the sheets test server; read cells with values.batchGet.');
  }
  return spreadsheetJson(ss, { ranges: query.getAll('ranges'), requestingUser });
}
