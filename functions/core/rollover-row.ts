/**
 * One carried row of a unit tab: the edits that carry its amounts into the new year, and its cells as
 * the new 快照 records them. By header name, so columns the contract adds later are carried as they are.
 */
import { a1, cellText, isBlank, type Cell } from './cells.js';
import { decodeAmount } from './codecs.js';
import type { CellEdit } from './rollover.js';
import { CHECK_COLUMN, LEDGER_COLUMNS, MONTH_KEYS } from './tabs.js';

const AMOUNT_KEYS = ['priorArrived', ...MONTH_KEYS] as const;
const headerOfKey = (key: string): string => LEDGER_COLUMNS.find((c) => c.key === key)?.header ?? key;

/** The carried row's edits: 上年末累计到位 = old + Σ 1–12月 (blank when all blank), months and 校验 cleared. */
export function carryRow(cells: readonly Cell[], columns: ReadonlyMap<string, number>, row: number, newRow: number): { edits: CellEdit[]; unreadable: string[] } {
  const edits: CellEdit[] = [];
  const check = columns.get(CHECK_COLUMN);
  if (check !== undefined && !isBlank(cells[check])) edits.push({ row, column: check, value: null, check: true });
  const unreadable: string[] = [];
  let sum = 0;
  let any = false;
  for (const key of AMOUNT_KEYS) {
    const at = columns.get(key);
    if (at === undefined) continue;
    const decoded = decodeAmount(cells[at]);
    if (!decoded.ok) unreadable.push(`${a1(at, newRow)} ${headerOfKey(key)}“${cellText(cells[at])}”：${decoded.problem}`);
    else if (decoded.value !== undefined) {
      sum += decoded.value;
      any = true;
    }
  }
  // Nothing summed or cleared when any amount is unreadable: the admin fixes the row by hand.
  if (unreadable.length > 0) return { edits, unreadable };
  const prior = columns.get('priorArrived');
  if (any && prior !== undefined) edits.push({ row, column: prior, value: Math.round(sum * 1e6) / 1e6 });
  for (const key of MONTH_KEYS) {
    const at = columns.get(key);
    if (at !== undefined && !isBlank(cells[at])) edits.push({ row, column: at, value: null });
  }
  return { edits, unreadable };
}

/** The row's cells after the edits: what the new 快照 records, so January's run sees no rollover change. */
export function editedCells(cells: readonly Cell[], edits: readonly CellEdit[]): Cell[] {
  const out = [...cells];
  for (const edit of edits) out[edit.column] = edit.value;
  return out;
}
