/**
 * Inserting and deleting rows/columns: shifts cell data, dimension metadata,
 * frozen counts and every GridRange that refers to the sheet (protected
 * ranges, conditional formats, merges, named ranges), like Sheets does when a
 * user inserts or deletes rows.
 */
import type { GridRange, Json, SheetModel, SpreadsheetModel, StoredCell } from './types.js';

/** Row or column dimension. */
export type Dimension = 'ROWS' | 'COLUMNS';

type IndexMap = (start: number | undefined, end: number | undefined) => [number | undefined, number | undefined];

function keys(dim: Dimension): ['startRowIndex' | 'startColumnIndex', 'endRowIndex' | 'endColumnIndex'] {
  return dim === 'ROWS' ? ['startRowIndex', 'endRowIndex'] : ['startColumnIndex', 'endColumnIndex'];
}

/** Remaps one GridRange in place; returns false when it became empty. */
function remapRange(range: GridRange, dim: Dimension, map: IndexMap): boolean {
  const [sk, ek] = keys(dim);
  const [s, e] = map(range[sk], range[ek]);
  if (s === undefined) delete range[sk];
  else range[sk] = s;
  if (e === undefined) delete range[ek];
  else range[ek] = e;
  return s === undefined || e === undefined || e > s;
}

function remapAll(ss: SpreadsheetModel, sheet: SheetModel, dim: Dimension, map: IndexMap): void {
  const id = sheet.properties.sheetId;
  const own = (r: unknown): r is GridRange => !!r && typeof r === 'object' && ((r as GridRange).sheetId ?? 0) === id;
  sheet.protectedRanges = sheet.protectedRanges.filter((p) => !own(p['range']) || remapRange(p['range'], dim, map));
  sheet.merges = sheet.merges.filter((m) => remapRange(m, dim, map));
  sheet.conditionalFormats = sheet.conditionalFormats.filter((rule) => {
    const ranges = Array.isArray(rule['ranges']) ? (rule['ranges'] as GridRange[]) : [];
    rule['ranges'] = ranges.filter((r) => remapRange(r, dim, map));
    return (rule['ranges'] as GridRange[]).length > 0;
  });
  for (const named of ss.namedRanges) {
    const range = named['range'];
    if (own(range)) remapRange(range, dim, map);
  }
}

function remapMetadata(meta: Record<number, Json>, remap: (i: number) => number | undefined): Record<number, Json> {
  const out: Record<number, Json> = {};
  for (const [k, v] of Object.entries(meta)) {
    const to = remap(Number(k));
    if (to !== undefined) out[to] = v;
  }
  return out;
}

function insertIntoCells(sheet: SheetModel, dim: Dimension, start: number, count: number, inheritFrom: number | undefined): void {
  const blank = (): (StoredCell | undefined)[] => [];
  const formatOnly = (cell: StoredCell | undefined): StoredCell | undefined =>
    cell?.format ? { format: structuredClone(cell.format) } : undefined;
  if (dim === 'ROWS') {
    const template = inheritFrom === undefined ? undefined : sheet.rows[inheritFrom];
    const fresh = Array.from({ length: count }, () => (template ? template.map(formatOnly) : blank()));
    if (start <= sheet.rows.length) sheet.rows.splice(start, 0, ...fresh);
    else if (template) fresh.forEach((row, i) => (sheet.rows[start + i] = row));
    return;
  }
  sheet.rows.forEach((row) => {
    if (!row) return;
    const template = inheritFrom === undefined ? undefined : formatOnly(row[inheritFrom]);
    const fresh = Array.from({ length: count }, () => (template ? structuredClone(template) : undefined));
    if (start <= row.length) row.splice(start, 0, ...fresh);
  });
}

/**
 * Inserts `count` rows/columns before `start`. `inheritFromBefore` picks
 * which neighbour's formatting the new cells copy (`undefined`: none).
 */
export function insertDimension(
  ss: SpreadsheetModel,
  sheet: SheetModel,
  dim: Dimension,
  start: number,
  count: number,
  inheritFromBefore?: boolean,
): void {
  const inheritFrom = inheritFromBefore === undefined ? undefined : inheritFromBefore ? start - 1 : start;
  // Inheriting from after: the neighbour is the cell currently at `start` (before shifting).
  insertIntoCells(sheet, dim, start, count, inheritFrom !== undefined && inheritFrom >= 0 ? inheritFrom : undefined);
  const g = sheet.properties.gridProperties;
  if (dim === 'ROWS') g.rowCount += count;
  else g.columnCount += count;
  const frozenKey = dim === 'ROWS' ? 'frozenRowCount' : 'frozenColumnCount';
  const frozen = g[frozenKey];
  if (typeof frozen === 'number' && start < frozen) g[frozenKey] = frozen + count;
  const shift = (i: number): number => (i >= start ? i + count : i);
  remapAll(ss, sheet, dim, (s, e) => [s === undefined ? s : shift(s), e === undefined ? e : e > start ? e + count : e]);
  const metaKey = dim === 'ROWS' ? 'rowMetadata' : 'columnMetadata';
  sheet[metaKey] = remapMetadata(sheet[metaKey], shift);
}

/** Deletes rows/columns `[start, end)`, shifting everything after them back. */
export function deleteDimension(ss: SpreadsheetModel, sheet: SheetModel, dim: Dimension, start: number, end: number): void {
  const count = end - start;
  if (dim === 'ROWS') {
    if (start < sheet.rows.length) sheet.rows.splice(start, count);
  } else {
    sheet.rows.forEach((row) => {
      if (row && start < row.length) row.splice(start, count);
    });
  }
  const g = sheet.properties.gridProperties;
  if (dim === 'ROWS') g.rowCount -= count;
  else g.columnCount -= count;
  const frozenKey = dim === 'ROWS' ? 'frozenRowCount' : 'frozenColumnCount';
  const frozen = g[frozenKey];
  if (typeof frozen === 'number' && start < frozen) g[frozenKey] = Math.max(start, frozen - count);
  const point = (i: number): number => (i < start ? i : i >= end ? i - count : start);
  remapAll(ss, sheet, dim, (s, e) => [s === undefined ? s : point(s), e === undefined ? e : e <= start ? e : e >= end ? e - count : start]);
  const metaKey = dim === 'ROWS' ? 'rowMetadata' : 'columnMetadata';
  sheet[metaKey] = remapMetadata(sheet[metaKey], (i) => (i < start ? i : i >= end ? i - count : undefined));
}
