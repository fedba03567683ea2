/**
 * 校验汇总: the hidden helper tab behind the 校验 column formula. One row per (ledger tab, 项目编号) whose
 * row has problems, holding the core's 校验 text; the formula in each unit tab looks its rows up here by
 * 项目编号. Because the key is the 项目编号 and not the row position, a row inserted or deleted while a
 * run is between read and write still shows its own problems, never a neighbour's.
 *
 * Why a helper tab rather than a formula over 校验结果: 校验结果 has one row per finding and the 校验 text
 * (errors first, a headline, one line per finding) is the core's wording; rebuilding it with
 * FILTER/TEXTJOIN in every row of 200 tabs would duplicate that wording in a formula and recalculate
 * slowly. The run already has the text; it writes it once, keyed so that rows may move.
 *
 * The text names cells as they were when the run read the tab ("✗ K5 签约日期…"); after rows move the
 * field names still point at the right cells of the row, the row numbers until the next run may not.
 */
import { cellText, normalizeHeader, type Cell, type Grid } from '../../functions/core/cells.js';
import type { OutputGrid } from '../../functions/core/outputs.js';
import { headerIndex } from '../../functions/core/table.js';
import { LEDGER_COLUMNS, type ColumnSpec, type TabSpec } from '../../functions/core/tabs.js';

const note = '系统生成，请勿修改：各单位台账“校验”列据此显示本行问题。';
const column = (key: string, header: string, width: number): ColumnSpec => ({ key, header, kind: 'system', note, width });

/** The hidden system tab the 校验 formula reads. Google Sheets only; the workbook store never has it. */
export const CHECK_SUMMARY_TAB: TabSpec = {
  name: '校验汇总',
  role: 'system',
  columns: [column('tab', '台账页名', 16), column('id', '项目编号', 14), column('check', '校验', 60)],
};

/** The text the core gives a clean row. */
export const CLEAN_CHECK = '✓';

const ID_HEADER = normalizeHeader(LEDGER_COLUMNS.find((c) => c.key === 'id')?.header ?? '项目编号');

/** 0-based column of 项目编号 in a ledger tab's header row, if present. */
export function idColumnOf(header: readonly Cell[] | undefined): number | undefined {
  return headerIndex(header).get(ID_HEADER);
}

/**
 * 校验汇总 from a run's 校验 texts (`outcome.checks`: ledger tab → 1-based row → text) and the grids
 * those rows were read from (`contents.tabs`), which give each row's 项目编号. Clean rows and rows
 * without 项目编号 are left out (the formula shows ✓ and "项目编号未填写" for them). Two rows of one
 * tab with the same 项目编号 share one entry holding both texts.
 */
export function checkSummaryGrid(
  checks: ReadonlyMap<string, ReadonlyMap<number, string>>,
  tabs: ReadonlyMap<string, Grid>,
): OutputGrid {
  const entries = new Map<string, Cell[]>();
  for (const [tab, rows] of checks) {
    const grid = tabs.get(tab);
    const idColumn = idColumnOf(grid?.[0]);
    if (!grid || idColumn === undefined) continue;
    for (const row of [...rows.keys()].sort((a, b) => a - b)) {
      const text = rows.get(row) ?? CLEAN_CHECK;
      if (text === CLEAN_CHECK) continue;
      const id = cellText(grid[row - 1]?.[idColumn]).trim();
      if (id === '') continue;
      const key = `${tab}\u0000${id}`;
      const existing = entries.get(key);
      if (existing) existing[2] = `${cellText(existing[2])}\n${text}`;
      else entries.set(key, [tab, id, text]);
    }
  }
  return [CHECK_SUMMARY_TAB.columns.map((c) => c.header), ...entries.values()];
}
