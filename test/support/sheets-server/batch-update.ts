/**
 * spreadsheets.batchUpdate: validates and applies every request to a draft;
 * the caller commits the draft only when all succeed (all-or-nothing).
 */
import { ApiError, badRequest, requestError } from './errors.js';
import { spreadsheetJson } from './metadata.js';
import { copyPaste, repeatCell, setDataValidation, updateBorders, updateCells } from './requests-cells.js';
import { appendDimension, deleteDimension, insertDimension, updateDimensionProperties } from './requests-dimensions.js';
import {
  addConditionalFormatRule,
  addNamedRange,
  addProtectedRange,
  createDeveloperMetadata,
  deleteConditionalFormatRule,
  deleteNamedRange,
  deleteProtectedRange,
  mergeCells,
  unmergeCells,
} from './requests-misc.js';
import { addSheet, deleteSheet, updateSheetProperties, type RequestHandler } from './requests-sheets.js';
import type { Json, SpreadsheetModel } from './types.js';

/** The batchUpdate request kinds the server implements. */
export const REQUEST_HANDLERS: Readonly<Record<string, RequestHandler>> = {
  addSheet,
  deleteSheet,
  updateSheetProperties,
  appendDimension,
  insertDimension,
  deleteDimension,
  updateDimensionProperties,
  updateCells,
  repeatCell,
  copyPaste,
  setDataValidation,
  updateBorders,
  addConditionalFormatRule,
  deleteConditionalFormatRule,
  addProtectedRange,
  deleteProtectedRange,
  mergeCells,
  unmergeCells,
  addNamedRange,
  deleteNamedRange,
  createDeveloperMetadata,
};

/** Request kinds of the real API that this server does not implement (answered with a clear 400). */
const KNOWN_UNSUPPORTED = new Set([
  'updateSpreadsheetProperties', 'updateConditionalFormatRule', 'updateProtectedRange', 'updateNamedRange',
  'duplicateSheet', 'findReplace', 'insertRange', 'deleteRange', 'moveDimension', 'autoResizeDimensions',
  'cutPaste', 'pasteData', 'sortRange', 'autoFill', 'textToColumns', 'appendCells',
  'updateDeveloperMetadata', 'deleteDeveloperMetadata', 'addFilterView', 'setBasicFilter', 'clearBasicFilter',
  'addChart', 'updateChartSpec', 'addBanding', 'addDimensionGroup', 'deleteDuplicates', 'trimWhitespace',
  'randomizeRange', 'addSlicer', 'addTable', 'updateEmbeddedObjectPosition', 'deleteEmbeddedObject',
]);

function applyOne(ss: SpreadsheetModel, request: unknown, index: number): Json {
  if (!request || typeof request !== 'object') throw badRequest(`Invalid requests[${index}]: No request set.`);
  const keys = Object.keys(request);
  if (keys.length === 0) throw badRequest(`Invalid requests[${index}]: No request set.`);
  if (keys.length > 1) throw badRequest(`Invalid requests[${index}]: only one kind of request may be set, got ${keys.join(', ')}.`);
  const kind = keys[0] ?? '';
  const handler = REQUEST_HANDLERS[kind];
  if (!handler) {
    if (KNOWN_UNSUPPORTED.has(kind)) throw requestError(index, kind, 'this request kind is not supported by the sheets test server.');
    throw badRequest(`Invalid JSON payload received. Unknown name "${kind}" at 'requests[${index}]': Cannot find field.`);
  }
  const body = (request as Json)[kind];
  try {
    return handler(ss, (body ?? {}) as Json) ?? {};
  } catch (err) {
    if (err instanceof ApiError && err.code === 400) throw requestError(index, kind, err.message);
    throw err;
  }
}

/**
 * Applies a batchUpdate body to `draft` (which the caller must have cloned).
 * Throws on the first failing request; the message names its index.
 */
export function applyBatchUpdate(draft: SpreadsheetModel, body: Json): Json {
  const requests = body['requests'];
  if (!Array.isArray(requests) || requests.length === 0) throw badRequest('Must specify at least one request.');
  const replies = requests.map((request, index) => applyOne(draft, request, index));
  const result: Json = { spreadsheetId: draft.spreadsheetId, replies };
  if (body['includeSpreadsheetInResponse'] === true) {
    if (body['responseIncludeGridData'] === true) throw badRequest('responseIncludeGridData is not supported by the sheets test server.');
    result['updatedSpreadsheet'] = spreadsheetJson(draft);
  }
  return result;
}
