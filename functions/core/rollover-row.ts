/**
 * One carried row of a unit tab: the edits that carry its amounts into the new year, and its texts for
 * the new 快照. By header name, so columns the contract adds later are carried as they are.
 */
import { a1, cellText, isBlank, normalizeHeader, type Cell } from './cells.js';
import { decodeAmount } from './codecs.js';
import { SNAPSHOT_HEADERS } from './ledger.js';
import type { CellEdit } from './rollover.js';
import { headerIndex } from './table.js';
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

/** Where each snapshot column is in a tab (undefined when absent): computed once per tab. */
export function snapshotColumns(header: readonly Cell[]): (number | undefined)[] {
  const index = headerIndex(header);
  return SNAPSHOT_HEADERS.map((h) => index.get(normalizeHeader(h)));
}

/** The row's texts in snapshot order after the edits: what the first run of the new year compares with. */
export function snapshotTexts(columns: readonly (number | undefined)[], cells: readonly Cell[], edits: readonly CellEdit[]): string[] {
  const edited = new Map(edits.map((e) => [e.column, e.value]));
  return columns.map((at) => (at === undefined ? '' : cellText(edited.has(at) ? edited.get(at) : cells[at])));
}
