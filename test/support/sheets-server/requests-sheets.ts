/**
 * batchUpdate requests on sheets: addSheet, deleteSheet, updateSheetProperties.
 */
import { sheetPropertiesView } from './api-view.js';
import { badRequest } from './errors.js';
import { copyPath, parseFieldMask, withoutNulls } from './field-mask.js';
import { findSheetByTitle, nextId, reindexSheets, sheetById, truncateToGrid } from './grid.js';
import type { GridProperties, Json, SheetModel, SheetProperties, SpreadsheetModel } from './types.js';

/** Signature of one batchUpdate request handler: mutates the draft, returns the reply (if any). */
export type RequestHandler = (ss: SpreadsheetModel, request: Json) => Json | undefined;

/** Default grid of a new sheet. */
export const DEFAULT_GRID: Readonly<GridProperties> = { rowCount: 1000, columnCount: 26 };

/** A new, empty sheet model. */
export function newSheet(properties: SheetProperties): SheetModel {
  return { properties, rows: [], protectedRanges: [], conditionalFormats: [], merges: [], rowMetadata: {}, columnMetadata: {} };
}

function assertTitleFree(ss: SpreadsheetModel, title: string, except?: SheetModel): void {
  const clash = findSheetByTitle(ss, title);
  if (clash && clash !== except && clash.properties.title.toLowerCase() === title.toLowerCase()) {
    throw badRequest(`A sheet with the name "${title}" already exists. Please enter another name.`);
  }
  if (title.trim() === '') throw badRequest('Sheet title must not be empty.');
}

function assertGrid(g: GridProperties): void {
  const ok = (n: unknown): boolean => Number.isInteger(n) && (n as number) >= 0;
  if (!ok(g.rowCount) || !ok(g.columnCount) || g.rowCount < 1 || g.columnCount < 1) {
    throw badRequest('gridProperties.rowCount and columnCount must be positive integers.');
  }
  if ((g.frozenRowCount ?? 0) > g.rowCount || (g.frozenColumnCount ?? 0) > g.columnCount) {
    throw badRequest('The frozen row/column count must not exceed the grid size.');
  }
}

function freshTitle(ss: SpreadsheetModel): string {
  for (let n = ss.sheets.length + 1; ; n++) if (!findSheetByTitle(ss, `Sheet${n}`)) return `Sheet${n}`;
}

/** addSheet: adds a sheet (default 1000×26), rejecting duplicate titles and ids. */
export const addSheet: RequestHandler = (ss, request) => {
  const props = structuredClone((request['properties'] ?? {}) as Json);
  const title = typeof props['title'] === 'string' ? props['title'] : freshTitle(ss);
  assertTitleFree(ss, title);
  let sheetId = props['sheetId'];
  if (sheetId === undefined) {
    do sheetId = nextId(ss);
    while (ss.sheets.some((s) => s.properties.sheetId === sheetId));
  } else if (!Number.isInteger(sheetId) || (sheetId as number) < 0) {
    throw badRequest(`Invalid sheetId: ${String(sheetId)}`);
  } else if (ss.sheets.some((s) => s.properties.sheetId === sheetId)) {
    throw badRequest(`Sheet with id ${String(sheetId)} already exists.`);
  }
  const index = typeof props['index'] === 'number' ? Math.min(Math.max(props['index'], 0), ss.sheets.length) : ss.sheets.length;
  const gridProperties = { ...DEFAULT_GRID, ...((props['gridProperties'] ?? {}) as Json) } as GridProperties;
  assertGrid(gridProperties);
  const properties: SheetProperties = { ...props, sheetId: sheetId as number, title, index, sheetType: 'GRID', gridProperties };
  for (const s of ss.sheets) if (s.properties.index >= index) s.properties.index += 1;
  ss.sheets.push(newSheet(properties));
  reindexSheets(ss);
  return { addSheet: { properties: sheetPropertiesView(properties) } };
};

/** deleteSheet: removes a sheet and named ranges on it; the last sheet cannot be removed. */
export const deleteSheet: RequestHandler = (ss, request) => {
  const id = (request['sheetId'] as number | undefined) ?? 0;
  // deleteSheet words its miss differently from the GridRange requests' `No grid with id`, as Google does.
  const sheet = ss.sheets.find((s) => s.properties.sheetId === id);
  if (!sheet) throw badRequest(`No sheet with id: ${id}`);
  if (ss.sheets.length === 1) throw badRequest("You can't remove all the sheets in a document.");
  ss.sheets = ss.sheets.filter((s) => s !== sheet);
  ss.namedRanges = ss.namedRanges.filter((n) => (((n['range'] ?? {}) as Json)['sheetId'] ?? 0) !== id);
  reindexSheets(ss);
  return undefined;
};

/** updateSheetProperties: applies `properties` under the `fields` mask (title, gridProperties.*, hidden, tabColor, index, …). */
export const updateSheetProperties: RequestHandler = (ss, request) => {
  const given = withoutNulls(request['properties'] ?? {}) as Json;
  const sheet = sheetById(ss, given['sheetId'] as number | undefined);
  let paths = parseFieldMask(request['fields']);
  if (paths.some((p) => p[0] === '*')) paths = Object.keys(given).filter((k) => k !== 'sheetId').map((k) => [k]);
  const next = structuredClone(sheet.properties) as Json;
  for (const path of paths) {
    if (path[0] === 'sheetId' || path[0] === 'sheetType') continue;
    copyPath(next, given, path);
  }
  const props = next as SheetProperties;
  if (typeof props.title !== 'string') throw badRequest('Sheet title must be set.');
  if (props.title !== sheet.properties.title) assertTitleFree(ss, props.title, sheet);
  props.gridProperties = { ...DEFAULT_GRID, ...(props.gridProperties ?? {}) };
  assertGrid(props.gridProperties);
  const oldIndex = sheet.properties.index;
  const newIndex = typeof props.index === 'number' ? props.index : oldIndex;
  sheet.properties = props;
  if (ss.sheets.every((s) => s.properties['hidden'] === true)) throw badRequest("You can't hide all the sheets in a document.");
  truncateToGrid(sheet);
  if (newIndex !== oldIndex) {
    ss.sheets.splice(ss.sheets.indexOf(sheet), 1);
    ss.sheets.splice(Math.min(Math.max(newIndex, 0), ss.sheets.length), 0, sheet);
    ss.sheets.forEach((s, i) => (s.properties.index = i));
  }
  return undefined;
};
