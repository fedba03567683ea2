/**
 * batchUpdate requests that store ranged objects: conditional formats,
 * protected ranges, merges, named ranges and developer metadata.
 */
import { parseCells } from './a1.js';
import { conditionalFormatView, namedRangeView, protectedRangeView } from './api-view.js';
import { badRequest } from './errors.js';
import { gridRangeToBox, nextId, sheetById } from './grid.js';
import type { RequestHandler } from './requests-sheets.js';
import type { Box, GridRange, Json, SpreadsheetModel } from './types.js';

function checkedRange(ss: SpreadsheetModel, value: unknown): GridRange {
  const range = structuredClone((value ?? {}) as GridRange);
  range.sheetId = range.sheetId ?? 0;
  gridRangeToBox(sheetById(ss, range.sheetId), range);
  return range;
}

function uniqueId(ss: SpreadsheetModel, taken: (id: number) => boolean): number {
  let id = nextId(ss);
  while (taken(id)) id = nextId(ss);
  return id;
}

function intersects(a: Box, b: Box): boolean {
  return a.startRow < b.endRow && b.startRow < a.endRow && a.startCol < b.endCol && b.startCol < a.endCol;
}

/** addConditionalFormatRule: inserts the rule at `index` (default 0) of its sheet's list. */
export const addConditionalFormatRule: RequestHandler = (ss, request) => {
  const rule = structuredClone((request['rule'] ?? {}) as Json);
  const ranges = rule['ranges'];
  if (!Array.isArray(ranges) || ranges.length === 0) throw badRequest('A conditional format rule needs at least one range.');
  if (!rule['booleanRule'] && !rule['gradientRule']) throw badRequest('A conditional format rule needs a booleanRule or gradientRule.');
  rule['ranges'] = ranges.map((r) => checkedRange(ss, r));
  const sheet = sheetById(ss, (rule['ranges'] as GridRange[])[0]?.sheetId);
  const index = (request['index'] as number | undefined) ?? 0;
  if (index < 0 || index > sheet.conditionalFormats.length) throw badRequest(`Invalid conditional format index: ${index}`);
  sheet.conditionalFormats.splice(index, 0, rule);
  return undefined;
};

/** deleteConditionalFormatRule: removes the rule at `index` of a sheet. */
export const deleteConditionalFormatRule: RequestHandler = (ss, request) => {
  const sheet = sheetById(ss, request['sheetId'] as number | undefined);
  const index = (request['index'] as number | undefined) ?? 0;
  const [rule] = sheet.conditionalFormats.splice(index, 1);
  if (!rule) throw badRequest(`No conditional format on sheet ${sheet.properties.sheetId} at index ${index}.`);
  return { deleteConditionalFormatRule: { rule: conditionalFormatView(rule) } };
};

/** addProtectedRange: stores the protected range and replies with its new `protectedRangeId`. */
export const addProtectedRange: RequestHandler = (ss, request) => {
  const given = structuredClone((request['protectedRange'] ?? {}) as Json);
  if (given['namedRangeId'] !== undefined) throw badRequest('Protecting a named range is not supported by the sheets test server.');
  const range = checkedRange(ss, given['range']);
  const all = ss.sheets.flatMap((s) => s.protectedRanges);
  let id = given['protectedRangeId'];
  if (id === undefined) id = uniqueId(ss, (n) => all.some((p) => p['protectedRangeId'] === n));
  else if (all.some((p) => p['protectedRangeId'] === id)) throw badRequest(`A protected range with id ${String(id)} already exists.`);
  const protectedRange: Json = { ...given, protectedRangeId: id, range, requestingUserCanEdit: true };
  sheetById(ss, range.sheetId).protectedRanges.push(protectedRange);
  return { addProtectedRange: { protectedRange: protectedRangeView(protectedRange) } };
};

/** deleteProtectedRange: removes a protected range by id. */
export const deleteProtectedRange: RequestHandler = (ss, request) => {
  const id = request['protectedRangeId'];
  for (const sheet of ss.sheets) {
    const index = sheet.protectedRanges.findIndex((p) => p['protectedRangeId'] === id);
    if (index >= 0) {
      sheet.protectedRanges.splice(index, 1);
      return undefined;
    }
  }
  throw badRequest(`No protected range with id: ${String(id)}`);
};

/** mergeCells: stores merges (MERGE_ALL, MERGE_COLUMNS, MERGE_ROWS); cell contents are left as they are. */
export const mergeCells: RequestHandler = (ss, request) => {
  const range = checkedRange(ss, request['range']);
  const sheet = sheetById(ss, range.sheetId);
  const box = gridRangeToBox(sheet, range);
  const type = request['mergeType'] ?? 'MERGE_ALL';
  const sheetId = sheet.properties.sheetId;
  const merges: GridRange[] = [];
  if (type === 'MERGE_ALL') merges.push({ sheetId, startRowIndex: box.startRow, endRowIndex: box.endRow, startColumnIndex: box.startCol, endColumnIndex: box.endCol });
  else if (type === 'MERGE_COLUMNS') {
    for (let c = box.startCol; c < box.endCol; c++) merges.push({ sheetId, startRowIndex: box.startRow, endRowIndex: box.endRow, startColumnIndex: c, endColumnIndex: c + 1 });
  } else if (type === 'MERGE_ROWS') {
    for (let r = box.startRow; r < box.endRow; r++) merges.push({ sheetId, startRowIndex: r, endRowIndex: r + 1, startColumnIndex: box.startCol, endColumnIndex: box.endCol });
  } else throw badRequest(`Invalid mergeType: ${String(type)}`);
  // A merge over existing merges replaces them (MERGE_ALL over two row merges leaves one), as Google does.
  sheet.merges = sheet.merges.filter((m) => !intersects(gridRangeToBox(sheet, m), box));
  sheet.merges.push(...merges);
  return undefined;
};

/** unmergeCells: removes stored merges that intersect the range. */
export const unmergeCells: RequestHandler = (ss, request) => {
  const range = checkedRange(ss, request['range']);
  const sheet = sheetById(ss, range.sheetId);
  const box = gridRangeToBox(sheet, range);
  sheet.merges = sheet.merges.filter((m) => !intersects(gridRangeToBox(sheet, m), box));
  return undefined;
};

/** addNamedRange: stores a named range (usable in A1 reads) and replies with its id. */
export const addNamedRange: RequestHandler = (ss, request) => {
  const given = structuredClone((request['namedRange'] ?? {}) as Json);
  const name = given['name'];
  if (typeof name !== 'string' || !/^[A-Za-z_\u0080-\uffff][\w.\u0080-\uffff]*$/.test(name) || parseCells(name)) {
    throw badRequest(`Invalid name for a named range: ${String(name)}`);
  }
  if (ss.namedRanges.some((n) => String(n['name']).toLowerCase() === name.toLowerCase())) {
    throw badRequest(`A named range with the name "${name}" already exists.`);
  }
  const namedRange: Json = { ...given, namedRangeId: given['namedRangeId'] ?? `nr${nextId(ss)}`, name, range: checkedRange(ss, given['range']) };
  ss.namedRanges.push(namedRange);
  return { addNamedRange: { namedRange: namedRangeView(namedRange) } };
};

/** deleteNamedRange: removes a named range by id. */
export const deleteNamedRange: RequestHandler = (ss, request) => {
  const before = ss.namedRanges.length;
  ss.namedRanges = ss.namedRanges.filter((n) => n['namedRangeId'] !== request['namedRangeId']);
  if (ss.namedRanges.length === before) throw badRequest(`No named range with id: ${String(request['namedRangeId'])}`);
  return undefined;
};

/** createDeveloperMetadata: stores the metadata and replies with its new `metadataId`. */
export const createDeveloperMetadata: RequestHandler = (ss, request) => {
  const given = structuredClone((request['developerMetadata'] ?? {}) as Json);
  if (typeof given['metadataKey'] !== 'string' || given['metadataKey'] === '') throw badRequest('metadataKey must be set.');
  if (given['visibility'] !== 'DOCUMENT' && given['visibility'] !== 'PROJECT') throw badRequest('visibility must be DOCUMENT or PROJECT.');
  if (!given['location'] || typeof given['location'] !== 'object') throw badRequest('location must be set.');
  const metadataId = (given['metadataId'] as number | undefined) ?? uniqueId(ss, (n) => ss.developerMetadata.some((m) => m['metadataId'] === n));
  if (ss.developerMetadata.some((m) => m['metadataId'] === metadataId)) throw badRequest(`Developer metadata with id ${metadataId} already exists.`);
  const developerMetadata: Json = { ...given, metadataId };
  ss.developerMetadata.push(developerMetadata);
  return { createDeveloperMetadata: { developerMetadata: structuredClone(developerMetadata) } };
};
