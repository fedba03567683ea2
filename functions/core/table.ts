/**
 * Locating a tab's columns by header: headers match after trimming and folding full-width forms, so
 * "总投资（万元）" is "总投资(万元)". Columns may be moved; extra columns are ignored and left alone.
 */
import { normalizeHeader, type Cell, type Grid } from './cells.js';
import type { StructureProblem } from './findings.js';
import type { ColumnSpec } from './tabs.js';

/** Where each known column is: field key → 0-based column index. */
export type ColumnMap = ReadonlyMap<string, number>;

export interface LocatedTable {
  readonly columns: ColumnMap;
  /** Data rows with their 1-based sheet row numbers; blank rows skipped. */
  readonly rows: readonly { readonly row: number; readonly cells: readonly Cell[] }[];
  readonly problems: readonly StructureProblem[];
}

/** Index of a header row by normalized text. */
export function headerIndex(header: readonly Cell[] | undefined): Map<string, number> {
  const index = new Map<string, number>();
  (header ?? []).forEach((cell, i) => {
    const key = normalizeHeader(cell);
    if (key !== '' && !index.has(key)) index.set(key, i);
  });
  return index;
}

/**
 * Finds the spec's columns in row 1. Columns in `optional` may be missing; any other missing column is
 * a structure problem naming the tab and the header to restore.
 */
export function locateTable(
  tab: string,
  grid: Grid,
  specs: readonly ColumnSpec[],
  optional: readonly string[] = [],
): LocatedTable {
  const index = headerIndex(grid[0]);
  const columns = new Map<string, number>();
  const problems: StructureProblem[] = [];
  for (const spec of specs) {
    const at = index.get(normalizeHeader(spec.header));
    if (at !== undefined) columns.set(spec.key, at);
    else if (!optional.includes(spec.key)) {
      problems.push({
        tab,
        message: `“${tab}”页第 1 行缺少“${spec.header}”列：请把被改名或删除的表头恢复为“${spec.header}”（列的位置可以调整）。`,
      });
    }
  }
  return { columns, rows: dataRows(grid), problems };
}

/** Non-blank rows below the header, with their sheet row numbers. */
export function dataRows(grid: Grid): { row: number; cells: readonly Cell[] }[] {
  const rows: { row: number; cells: readonly Cell[] }[] = [];
  for (let i = 1; i < grid.length; i++) {
    const cells = grid[i];
    if (cells && !blankRow(cells)) rows.push({ row: i + 1, cells });
  }
  return rows;
}

/** True when no cell of the row holds anything but white space (a loop: this runs for every row of every tab). */
function blankRow(cells: readonly Cell[]): boolean {
  for (const cell of cells) {
    if (cell !== null && cell !== undefined && !(typeof cell === 'string' && cell.trim() === '')) return false;
  }
  return true;
}

/** The cell of a field in a row, or undefined when the column is absent or the row is short. */
export function cellAt(cells: readonly Cell[], columns: ColumnMap, key: string): Cell {
  const at = columns.get(key);
  return at === undefined ? undefined : cells[at];
}
