/**
 * Writing only what changed. A session knows what each system tab held when it read it (and what it
 * wrote since); `planTabWrites` compares each new grid with that and `tabWriteRequests` turns the
 * difference into batchUpdate requests for one atomic request:
 *   - blocks of consecutive changed rows, each row rewritten whole from column A and padded with
 *     cleared cells to the wider of its old and new width, so no stale cell is left in it;
 *   - appendDimension when the new grid is longer (or wider) than the tab;
 *   - one updateCells over an open-ended range clearing the rows below the new end when it is shorter;
 *   - a "stamp" column — one value in every row, e.g. 检查时间 or 计算时间, changed since the last write —
 *     set with one repeatCell instead of rewriting every row for it;
 *   - when rows were added or removed in the middle (a finding fixed, a warning gone), so that every
 *     row below moved, deleteDimension/insertDimension first to move the unchanged rows to their new
 *     places, when that sends much less than rewriting the moved rows (see {@link alignRows}).
 * Row blocks, clears and stamps address absolute positions with literal values: applying them again
 * (a retry after a timeout that landed after all) gives the same tab. Row moves do not: a plan with
 * moves (`moves(write)`) must be rebuilt from the tab as it is now before it is sent again.
 *
 * A tab is rewritten whole instead (system-tab-requests.ts) when the session has not seen it, when its
 * header row changed, or when the tab is no longer the one that was read (deleted, or recreated under
 * another sheetId).
 *
 * Cells compare by what is stored: blank (null, undefined, '') equals blank, numbers by value (a Date
 * as its serial, as it is written), strings and booleans exactly.
 */
import type { sheets_v4 } from '@googleapis/sheets';
import type { Cell } from '../../functions/core/cells.js';
import type { OutputGrid } from '../../functions/core/outputs.js';
import { cellData, rawValue, scalarOf } from './cell-values.js';
import type { SheetInfo } from './metadata.js';
import { ensureTab, replaceValues, type SystemTabPlan } from './system-tab-requests.js';

type Request = sheets_v4.Schema$Request;
type Row = readonly Cell[] | undefined;

/** A tab as the session knows it is stored: which sheet, and its values (trailing blanks may be cut). */
export interface KnownTab {
  readonly sheetId: number;
  readonly grid: readonly Row[];
}

/** Rows [start, end) of the new grid, written over the same rows of the tab (after any row moves). */
export interface RowBlock {
  readonly start: number;
  readonly end: number;
}

/** Rows [start, end) deleted from, or blank rows inserted into, the tab; applied in list order. */
export interface RowShift {
  readonly kind: 'delete' | 'insert';
  readonly start: number;
  readonly end: number;
}

/** Column `column` holds `value` in every data row of the new grid: one repeatCell sets it. */
export interface Stamp {
  readonly column: number;
  readonly value: Cell;
}

/** How one tab is written. */
export type TabWrite =
  | { readonly kind: 'whole'; readonly title: string; readonly grid: OutputGrid }
  | {
      readonly kind: 'diff';
      readonly title: string;
      readonly grid: OutputGrid;
      readonly known: KnownTab;
      /** Row moves, applied first, bottom-up; empty for a plain diff. */
      readonly shifts: readonly RowShift[];
      /** The tab's rows once the shifts are applied: what the blocks are diffed against. */
      readonly layout: readonly Row[];
      readonly blocks: readonly RowBlock[];
      /** First row to clear to the end of the tab, when the new grid is shorter than the layout. */
      readonly clearFrom: number | undefined;
      readonly stamps: readonly Stamp[];
    };

type DiffWrite = Extract<TabWrite, { kind: 'diff' }>;

/** Unchanged rows this short between two changed blocks are rewritten too: one request instead of two. */
const MERGE_GAP_ROWS = 2;
/** A column is a stamp only in grids with at least this many data rows. */
const MIN_STAMP_ROWS = 3;
/** Bytes counted for each sub-request besides its rows, when comparing plans. */
const REQUEST_OVERHEAD_BYTES = 160;
/** Row moves are used only when they save at least this much and half of the plain diff. */
const MIN_MOVE_SAVING_BYTES = 32_768;
/** More row moves than this in one tab and the plain diff is used (each move is one sub-request). */
const MAX_SHIFTS = 500;
/** Nesting depth of the row alignment before what is left is treated as replaced. */
const MAX_ALIGN_DEPTH = 12;

/** True when two cells store the same value. */
export function sameCell(a: Cell | undefined, b: Cell | undefined): boolean {
  return scalarOf(a ?? null) === scalarOf(b ?? null);
}

/** True when two rows store the same values (missing cells are blank), columns in `skip` aside. */
export function sameRow(a: Row, b: Row, skip: ReadonlySet<number> = NO_COLUMNS): boolean {
  const x = a ?? [];
  const y = b ?? [];
  const width = Math.max(x.length, y.length);
  for (let c = 0; c < width; c++) if (!skip.has(c) && !sameCell(x[c], y[c])) return false;
  return true;
}

const NO_COLUMNS: ReadonlySet<number> = new Set();

const blankRow = (row: Row) => (row ?? []).every((c) => scalarOf(c ?? null) === undefined);

/** Length of a grid without its trailing blank rows. */
function filledLength(grid: readonly Row[]): number {
  let end = grid.length;
  while (end > 0 && blankRow(grid[end - 1])) end--;
  return end;
}

/** A grid as it reads back once written: scalars only, blanks null (for the session's record). */
export function storedGrid(grid: readonly Row[]): Cell[][] {
  return grid.map((row) => (row ?? []).map((cell) => scalarOf(cell ?? null) ?? null));
}

/** True when sending the write twice could leave the tab other than the new grid. */
export function moves(write: TabWrite): boolean {
  return write.kind === 'diff' && write.shifts.length > 0;
}

/** When row moves are used: when they pay (default), whenever rows moved, or never. */
export type MovePolicy = 'auto' | 'always' | 'never';

/** Per tab, whole or what changed relative to `known` (the tabs as this session last saw them). */
export function planTabWrites(tabs: ReadonlyMap<string, OutputGrid>, known: ReadonlyMap<string, KnownTab>, policy: MovePolicy = 'auto'): TabWrite[] {
  return [...tabs].map(([title, grid]) => {
    const before = known.get(title);
    if (!before || before.grid.length === 0 || grid.length === 0 || !sameRow(before.grid[0], grid[0])) return { kind: 'whole', title, grid };
    const stamps = stampColumns(grid, before.grid);
    const skip = new Set(stamps.map((s) => s.column));
    const plain = diffAgainst(title, grid, before, [], before.grid, stamps, skip);
    const cost = planCost(plain);
    if (policy === 'never' || (policy === 'auto' && cost < MIN_MOVE_SAVING_BYTES)) return plain;
    const aligned = alignedDiff(title, grid, before, stamps, skip);
    if (!aligned) return plain;
    if (policy === 'always') return aligned;
    if (aligned.shifts.length > MAX_SHIFTS) return plain;
    const saving = cost - planCost(aligned);
    return saving >= MIN_MOVE_SAVING_BYTES && saving * 2 >= cost ? aligned : plain;
  });
}

/** Columns holding one non-blank value in every data row of `grid`, where the stored rows differ. */
function stampColumns(grid: OutputGrid, stored: readonly Row[]): Stamp[] {
  if (grid.length - 1 < MIN_STAMP_ROWS) return [];
  const width = grid[0]?.length ?? 0;
  const stamps: Stamp[] = [];
  for (let c = 0; c < width; c++) {
    const value = grid[1]?.[c] ?? null;
    const scalar = scalarOf(value);
    if (scalar === undefined) continue;
    let uniform = true;
    for (let r = 2; r < grid.length && uniform; r++) uniform = scalarOf(grid[r]?.[c] ?? null) === scalar;
    if (!uniform) continue;
    let stale = false;
    for (let r = 1; r < Math.min(stored.length, grid.length) && !stale; r++) stale = scalarOf(stored[r]?.[c] ?? null) !== scalar;
    if (stale) stamps.push({ column: c, value });
  }
  return stamps;
}

/** The diff of `grid` against `layout` (the tab's rows once `shifts` are applied). */
function diffAgainst(
  title: string, grid: OutputGrid, known: KnownTab, shifts: readonly RowShift[], layout: readonly Row[], stamps: readonly Stamp[], skip: ReadonlySet<number>,
): DiffWrite {
  const blocks: RowBlock[] = [];
  let open: { start: number; end: number } | undefined;
  for (let r = 1; r < grid.length; r++) {
    if (sameRow(grid[r], layout[r], skip)) continue;
    if (open && r - open.end <= MERGE_GAP_ROWS) open.end = r + 1;
    else {
      if (open) blocks.push(open);
      open = { start: r, end: r + 1 };
    }
  }
  if (open) blocks.push(open);
  const clearFrom = filledLength(layout) > grid.length ? grid.length : undefined;
  return { kind: 'diff', title, grid, known, shifts, layout, blocks, clearFrom, stamps };
}

/** What a plan costs to send, roughly, for choosing between plans. */
function planCost(write: DiffWrite): number {
  const requests = write.blocks.length + write.shifts.length + write.stamps.length + (write.clearFrom === undefined ? 0 : 1);
  return requests * REQUEST_OVERHEAD_BYTES + rowBytes(write);
}

function rowBytes(write: TabWrite): number {
  let bytes = 0;
  const add = (row: Row) => {
    bytes += Buffer.byteLength(JSON.stringify((row ?? []).map((c) => rawValue(c ?? null)))) + 1;
  };
  if (write.kind === 'whole') write.grid.forEach(add);
  else for (const block of write.blocks) for (let r = block.start; r < block.end; r++) add(write.grid[r]);
  return bytes;
}

/**
 * A diff that first moves unchanged rows to where the new grid has them: rows are matched by their
 * values (stamp columns aside) in order, patience-style — common runs at both ends, then rows that
 * occur once on each side as anchors, recursively — and each gap between matched rows that has a
 * matched row below it becomes a deleteDimension or insertDimension, bottom-up. Undefined when
 * nothing is to be moved.
 */
function alignedDiff(title: string, grid: OutputGrid, known: KnownTab, stamps: readonly Stamp[], skip: ReadonlySet<number>): DiffWrite | undefined {
  const stored = known.grid.slice(0, Math.max(1, filledLength(known.grid)));
  const ids = new Map<string, number>();
  const idOf = (row: Row) => {
    const cells = (row ?? []).map((c, i) => (skip.has(i) ? undefined : scalarOf(c ?? null)));
    let end = cells.length;
    while (end > 0 && cells[end - 1] === undefined) end--;
    const key = JSON.stringify(cells.slice(0, end).map((c) => (c === undefined ? null : [typeof c, c])));
    let id = ids.get(key);
    if (id === undefined) ids.set(key, (id = ids.size));
    return id;
  };
  const a = stored.map(idOf);
  const b = grid.map(idOf);
  const pairs: [number, number][] = [[0, 0]];
  alignRows(a, b, 1, a.length, 1, b.length, pairs, 0);
  // Gaps between matched rows, top-down; only those with a matched row below move anything.
  const shifts: RowShift[] = [];
  const layout: Row[] = [];
  for (let p = 0; p < pairs.length; p++) {
    const [i, j] = pairs[p] ?? [0, 0];
    layout.push(stored[i]);
    const [nextI, nextJ] = pairs[p + 1] ?? [stored.length, grid.length];
    const removed = nextI - i - 1;
    const added = nextJ - j - 1;
    const interior = p + 1 < pairs.length;
    if (!interior || removed === added) {
      for (let r = i + 1; r < nextI; r++) layout.push(stored[r]);
      continue;
    }
    for (let r = i + 1; r < i + 1 + Math.min(removed, added); r++) layout.push(stored[r]);
    for (let r = removed; r < added; r++) layout.push(undefined);
    // In rows of the tab as read: the gap starts at i + 1; shifts are applied bottom-up, so rows above are where they were.
    const start = i + 1 + Math.min(removed, added);
    shifts.unshift(removed > added ? { kind: 'delete', start, end: start + removed - added } : { kind: 'insert', start, end: start + added - removed });
  }
  if (shifts.length === 0) return undefined;
  return diffAgainst(title, grid, known, shifts, layout, stamps, skip);
}

/**
 * Matches rows a[aLo, aHi) with b[bLo, bHi) in order, pushing matched index pairs onto `out` in
 * increasing order: equal rows at both ends, then rows occurring exactly once on each side, kept in
 * their longest increasing run, recursively between them.
 */
export function alignRows(a: readonly number[], b: readonly number[], aLo: number, aHi: number, bLo: number, bHi: number, out: [number, number][], depth: number): void {
  let lo = 0;
  while (aLo + lo < aHi && bLo + lo < bHi && a[aLo + lo] === b[bLo + lo]) {
    out.push([aLo + lo, bLo + lo]);
    lo++;
  }
  aLo += lo;
  bLo += lo;
  let hi = 0;
  while (aHi - hi - 1 >= aLo && bHi - hi - 1 >= bLo && a[aHi - hi - 1] === b[bHi - hi - 1]) hi++;
  const tail: [number, number][] = [];
  for (let k = hi; k > 0; k--) tail.push([aHi - k, bHi - k]);
  aHi -= hi;
  bHi -= hi;
  if (aLo < aHi && bLo < bHi && depth < MAX_ALIGN_DEPTH) {
    const anchors = uniqueAnchors(a, b, aLo, aHi, bLo, bHi);
    let ai = aLo;
    let bi = bLo;
    for (const [i, j] of anchors) {
      alignRows(a, b, ai, i, bi, j, out, depth + 1);
      out.push([i, j]);
      ai = i + 1;
      bi = j + 1;
    }
    if (anchors.length > 0) alignRows(a, b, ai, aHi, bi, bHi, out, depth + 1);
  }
  out.push(...tail);
}

/** Rows occurring exactly once in each range, as index pairs forming the longest chain increasing on both sides. */
function uniqueAnchors(a: readonly number[], b: readonly number[], aLo: number, aHi: number, bLo: number, bHi: number): [number, number][] {
  const inA = new Map<number, number>();
  for (let i = aLo; i < aHi; i++) {
    const id = a[i] ?? -1;
    inA.set(id, inA.has(id) ? -1 : i);
  }
  const inB = new Map<number, number>();
  for (let j = bLo; j < bHi; j++) {
    const id = b[j] ?? -1;
    if (inA.has(id)) inB.set(id, inB.has(id) ? -1 : j);
  }
  // Candidates in b order; the longest run increasing in a (patience sorting).
  const candidates: [number, number][] = [];
  for (let j = bLo; j < bHi; j++) {
    const id = b[j] ?? -1;
    const i = inA.get(id) ?? -1;
    if (i >= 0 && inB.get(id) === j) candidates.push([i, j]);
  }
  const tops: number[] = [];
  const previous: number[] = [];
  candidates.forEach(([i], k) => {
    let lo = 0;
    let hi = tops.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((candidates[tops[mid] ?? 0]?.[0] ?? 0) < i) lo = mid + 1;
      else hi = mid;
    }
    previous[k] = lo > 0 ? (tops[lo - 1] ?? -1) : -1;
    tops[lo] = k;
  });
  const chain: [number, number][] = [];
  for (let k = tops.at(-1) ?? -1; k >= 0; k = previous[k] ?? -1) {
    const pair = candidates[k];
    if (pair) chain.push(pair);
  }
  return chain.reverse();
}

/** Bytes of the rows a plan sends, written compactly (the least any encoding needs). */
export function planBytes(writes: readonly TabWrite[]): number {
  return writes.reduce((sum, write) => sum + rowBytes(write), 0);
}

/** Rows sent by a plan (whole tabs count every row). */
export function planRows(writes: readonly TabWrite[]): number {
  let rows = 0;
  for (const write of writes) {
    if (write.kind === 'whole') rows += write.grid.length;
    else for (const block of write.blocks) rows += block.end - block.start;
  }
  return rows;
}

/**
 * The requests carrying a plan, for the tabs as they are now (`sheets`); `hidden` tabs are created
 * hidden. A diff falls back to the whole tab when the tab it was computed against is gone.
 */
export function tabWriteRequests(sheets: readonly SheetInfo[], writes: readonly TabWrite[], hidden: ReadonlySet<string> = new Set()): SystemTabPlan {
  const next = [...sheets];
  const requests: Request[] = [];
  for (const write of writes) {
    const current = next.find((s) => s.title === write.title);
    if (write.kind === 'whole' || !current || current.sheetId !== write.known.sheetId) {
      const height = Math.max(write.grid.length, 1);
      const width = Math.max(1, ...write.grid.map((row) => row.length));
      const ensured = ensureTab(next, write.title, height, width, hidden.has(write.title));
      requests.push(...ensured.requests, replaceValues(ensured.sheet.sheetId, write.grid));
      continue;
    }
    requests.push(...diffRequests(next, write));
  }
  return { requests, sheets: next };
}

function diffRequests(sheets: SheetInfo[], write: DiffWrite): Request[] {
  const { grid, layout, blocks, clearFrom, shifts, stamps } = write;
  if (blocks.length === 0 && clearFrom === undefined && shifts.length === 0 && stamps.length === 0) return [];
  const at = sheets.findIndex((s) => s.title === write.title);
  const original = sheets[at];
  if (!original) return [];
  const sheetId = original.sheetId;
  const requests: Request[] = [];
  let rowCount = original.rowCount;
  for (const shift of shifts) {
    const range = { sheetId, dimension: 'ROWS', startIndex: shift.start, endIndex: shift.end };
    if (shift.kind === 'delete') requests.push({ deleteDimension: { range } });
    else requests.push({ insertDimension: { range, inheritFromBefore: true } });
    rowCount += (shift.kind === 'insert' ? 1 : -1) * (shift.end - shift.start);
  }
  sheets[at] = { ...original, rowCount };
  const widthOf = (r: number) => Math.max(grid[r]?.length ?? 0, layout[r]?.length ?? 0);
  let height = stamps.length > 0 ? grid.length : 1;
  let width = 1;
  for (const block of blocks) {
    height = Math.max(height, block.end);
    for (let r = block.start; r < block.end; r++) width = Math.max(width, widthOf(r));
  }
  const { requests: grow, sheet } = ensureTab(sheets, write.title, height, width, false);
  requests.push(...grow);
  for (const block of blocks) {
    const rows: sheets_v4.Schema$RowData[] = [];
    for (let r = block.start; r < block.end; r++) {
      const row = grid[r] ?? [];
      rows.push({ values: Array.from({ length: widthOf(r) }, (_, c) => cellData(row[c] ?? null)) });
    }
    requests.push({ updateCells: { start: { sheetId, rowIndex: block.start, columnIndex: 0 }, rows, fields: 'userEnteredValue' } });
  }
  if (clearFrom !== undefined && clearFrom < sheet.rowCount) {
    requests.push({ updateCells: { range: { sheetId, startRowIndex: clearFrom, startColumnIndex: 0 }, fields: 'userEnteredValue' } });
  }
  for (const stamp of stamps) {
    requests.push({
      repeatCell: {
        range: { sheetId, startRowIndex: 1, endRowIndex: grid.length, startColumnIndex: stamp.column, endColumnIndex: stamp.column + 1 },
        cell: cellData(stamp.value),
        fields: 'userEnteredValue',
      },
    });
  }
  return requests;
}
