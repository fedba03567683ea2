/**
 * A rollover plan applied to grids: what a store's copy of the old ledger looks like afterwards. The
 * stores apply the same plan to their own copies (a workbook, a copied spreadsheet); this is the
 * reference they are tested against, and what a store without a native copy writes.
 */
import type { Cell, Grid } from './cells.js';
import type { RolloverPlan } from './rollover.js';

/** The new ledger's tabs, in the old tab order (replaced tabs that did not exist are appended). */
export function applyRollover(tabs: ReadonlyMap<string, Grid>, plan: RolloverPlan): Map<string, Cell[][]> {
  const out = new Map<string, Cell[][]>();
  for (const [name, grid] of tabs) out.set(name, grid.map((row) => [...(row ?? [])]));
  for (const { tab, edits, deleteRows } of plan.edits) {
    const grid = out.get(tab);
    if (!grid) continue;
    for (const edit of edits) {
      const row = (grid[edit.row - 1] ??= []);
      while (row.length <= edit.column) row.push(null);
      row[edit.column] = edit.value;
    }
    for (const row of [...deleteRows].sort((a, b) => b - a)) grid.splice(row - 1, 1);
  }
  for (const [name, grid] of plan.replace) out.set(name, grid.map((row) => [...row]));
  return out;
}

/** Rows to delete as runs [first row, count], last run first, so deleting one does not move the next. */
export function rowRunsFromBottom(rows: readonly number[]): [number, number][] {
  const runs: [number, number][] = [];
  for (const row of [...rows].sort((a, b) => a - b)) {
    const last = runs[runs.length - 1];
    if (last && last[0] + last[1] === row) last[1]++;
    else runs.push([row, 1]);
  }
  return runs.reverse();
}
