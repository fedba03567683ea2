/**
 * Reading many ranges in one request. values.batchGetByDataFilter is the POST twin of values.batchGet:
 * the ranges travel in the body, so 200 unit tabs (~60 URL-encoded bytes of range each) cannot push
 * the URL past Google's length limit, and the read is still one request.
 */
import { columnLetter, type Cell } from '../../functions/core/cells.js';
import { requestOptions, type Caller } from './caller.js';
import { gridFromApi, quoteTitle } from './cell-values.js';
import type { SheetInfo } from './metadata.js';
import type { Attempt } from './retry.js';

/** UNFORMATTED_VALUE for data (numbers, date serials, "#REF!"); FORMULA to see formulas as text. */
export type Render = 'UNFORMATTED_VALUE' | 'FORMULA';

/** A1 range of a tab's whole grid: `'台账-温县'!A1:AH1000`. */
export function wholeTabRange(sheet: SheetInfo): string {
  return `${quoteTitle(sheet.title)}!A1:${columnLetter(Math.max(sheet.columnCount, 1) - 1)}${Math.max(sheet.rowCount, 1)}`;
}

/** Values of each A1 range, keyed by the range as given. One read request, with retries. */
export async function readRanges(caller: Caller, action: string, ranges: readonly string[], render: Render): Promise<Map<string, Cell[][]>> {
  if (ranges.length === 0) return new Map();
  return caller.run(action, (attempt) => readRangesOnce(caller, attempt, ranges, render));
}

/** Values of each A1 range: one plain request, for use inside an attempt that is itself retried. */
export async function readRangesOnce(caller: Caller, attempt: Attempt, ranges: readonly string[], render: Render): Promise<Map<string, Cell[][]>> {
  const out = new Map<string, Cell[][]>();
  if (ranges.length === 0) return out;
  const response = await caller.api.spreadsheets.values.batchGetByDataFilter(
    {
      spreadsheetId: caller.spreadsheetId,
      requestBody: {
        dataFilters: ranges.map((a1Range) => ({ a1Range })),
        valueRenderOption: render,
        dateTimeRenderOption: 'SERIAL_NUMBER',
        majorDimension: 'ROWS',
      },
    },
    requestOptions(attempt),
  );
  // Each match names the filters it answers; should a response leave them out, request order is used.
  (response.data.valueRanges ?? []).forEach((matched, i) => {
    const grid = gridFromApi(matched.valueRange?.values as unknown[][] | undefined);
    const named = (matched.dataFilters ?? []).map((f) => f.a1Range).filter((r): r is string => typeof r === 'string');
    for (const range of named.length > 0 ? named : [ranges[i] ?? '']) out.set(range, grid);
  });
  for (const range of ranges) if (!out.has(range)) out.set(range, []);
  return out;
}

/** Every grid tab, whole, in tab order. */
export async function readTabs(caller: Caller, action: string, sheets: readonly SheetInfo[], render: Render): Promise<Map<string, Cell[][]>> {
  const grids = sheets.filter((s) => s.isGrid);
  const byRange = await readRanges(caller, action, grids.map(wholeTabRange), render);
  return new Map(grids.map((s) => [s.title, byRange.get(wholeTabRange(s)) ?? []]));
}

/** Every grid tab, whole: one plain request, for use inside an attempt that is itself retried. */
export async function readTabsOnce(caller: Caller, attempt: Attempt, sheets: readonly SheetInfo[], render: Render): Promise<Map<string, Cell[][]>> {
  const grids = sheets.filter((s) => s.isGrid);
  const byRange = await readRangesOnce(caller, attempt, grids.map(wholeTabRange), render);
  return new Map(grids.map((s) => [s.title, byRange.get(wholeTabRange(s)) ?? []]));
}
