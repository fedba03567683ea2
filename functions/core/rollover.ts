/**
 * 年度结转: next year's ledger from this year's, as a plan a store applies to a copy of the old ledger.
 * The plan is cell edits on the old coordinates, rows to delete and tabs to replace whole, so every cell
 * it does not name (extra staff columns, the user's own tabs, formats) is carried exactly as it is.
 * Unit tabs are handled by header name, so columns added to the contract later are carried too.
 */
import { isBlank, normalizeHeader, type Cell, type Grid } from './cells.js';
import { parseAdmin } from './admin.js';
import { formatShanghaiTime } from './dates.js';
import type { StructureProblem } from './findings.js';
import { projectKey, readLedger, snapshotJson } from './ledger.js';
import { carryRow, editedCells } from './rollover-row.js';
import { headerOr, rolloverSystemTabs, rolloverTargets } from './rollover-tabs.js';
import { readSnapshot } from './system-records.js';
import { ADJUSTMENTS_TAB, CHECK_COLUMN, SETTINGS_TAB, SNAPSHOT_TAB, TARGETS_TAB_NAME } from './tabs.js';
import type { OutputGrid } from './outputs.js';

/** One cell to set in the new ledger, addressed in the OLD tab (1-based row, 0-based column); null = blank. */
export interface CellEdit {
  readonly row: number;
  readonly column: number;
  readonly value: Cell;
  /** The 校验 column: a store that shows it by formula (Google Sheets) leaves it alone. */
  readonly check?: boolean;
}

/** What changes in one tab that is otherwise carried as it is. */
export interface TabEdits {
  readonly tab: string;
  readonly edits: readonly CellEdit[];
  /** 1-based rows of the old tab to delete (终止 projects), ascending; applied after the edits. */
  readonly deleteRows: readonly number[];
}

/** A row carried with its amounts exactly as typed, because one of them cannot be read. */
export interface UnreadableRow {
  readonly unit: string;
  readonly tab: string;
  readonly id: string;
  /** Row in the NEW tab, where the admin fixes it. */
  readonly row: number;
  /** "D5 3月到位(万元)“约300”：无法识别为金额" — one per unreadable cell, addressed in the new tab. */
  readonly cells: readonly string[];
}

/** The per-unit table the command prints and 运行记录 sums up. */
export interface UnitRollover {
  readonly unit: string;
  readonly tab: string;
  readonly carried: number;
  readonly dropped: number;
  /** Carried rows that have 错误 in the old ledger (they are carried: nothing is lost). */
  readonly withErrors: number;
  readonly unreadable: number;
}

export interface RolloverPlan {
  readonly fromYear: number;
  readonly toYear: number;
  /** 参数 (年度) and every unit tab. */
  readonly edits: readonly TabEdits[];
  /** 目标任务, 加减分 and every system tab, whole (header first). */
  readonly replace: ReadonlyMap<string, OutputGrid>;
  readonly units: readonly UnitRollover[];
  readonly unreadable: readonly UnreadableRow[];
  /** Non-empty: the old ledger cannot be rolled over as it is; nothing else in the plan is meaningful. */
  readonly problems: readonly StructureProblem[];
  /** The 运行记录 说明: totals carried, dropped (终止), carried with 错误, unreadable. */
  readonly note: string;
}

export interface RolloverInput {
  readonly tabs: ReadonlyMap<string, Grid>;
  /** The new year; must be 参数.年度 + 1, which is also the default. */
  readonly toYear?: number | undefined;
  readonly now: Date;
}

/** Plans the rollover of a ledger into `toYear`. Pure: never throws for a bad ledger, reports `problems`. */
export function planRollover(input: RolloverInput): RolloverPlan {
  const { tabs, now } = input;
  const admin = parseAdmin(tabs);
  const fromYear = admin.settings.year;
  const toYear = input.toYear ?? fromYear + 1;
  const empty = (problems: StructureProblem[]): RolloverPlan => ({ fromYear, toYear, edits: [], replace: new Map(), units: [], unreadable: [], problems, note: '' });
  if (admin.structure.length > 0) return empty([...admin.structure]);
  if (fromYear === 0) return empty([{ tab: SETTINGS_TAB.name, message: '“参数”页的“年度”未填写或不是年份：请先填写本台账的考核年度（如 2026），再结转到下一年。' }]);
  if (toYear !== fromYear + 1) {
    return empty([{ tab: SETTINGS_TAB.name, message: `“参数”页的年度是 ${fromYear}，只能结转到 ${fromYear + 1} 年，而 --year 是 ${toYear}：请改为 --year ${fromYear + 1}（跨过的年份请逐年结转）。` }]);
  }
  const ledger = readLedger({ tabs, admin, now });
  if (ledger.structure.length > 0) return empty([...ledger.structure]);

  const byRow = new Map(ledger.projects.map((p) => [`${p.tab}\u0000${p.row}`, p]));
  const previousStage = new Map(readSnapshot(tabs.get(SNAPSHOT_TAB.name)).map((r) => [projectKey(r.unit, r.id), r.stage]));
  const edits: TabEdits[] = [settingsEdit(tabs.get(SETTINGS_TAB.name) ?? [], toYear)];
  const units: UnitRollover[] = [];
  const unreadable: UnreadableRow[] = [];
  const snapshot: Cell[][] = [];
  const seen = new Set<string>();
  const time = formatShanghaiTime(now);

  for (const unit of admin.units) {
    const grid = tabs.get(unit.tab) ?? [];
    const columns = ledger.layouts.get(unit.tab) ?? new Map<string, number>();
    const tabEdits: CellEdit[] = [];
    const deleteRows: number[] = [];
    const tally = { carried: 0, dropped: 0, withErrors: 0, unreadable: 0 };
    const checkAt = columns.get(CHECK_COLUMN);
    for (let i = 1; i < grid.length; i++) {
      const cells = grid[i] ?? [];
      const row = i + 1;
      if (cells.every((cell, at) => at === checkAt || isBlank(cell))) {
        // Nothing but last year's 校验 text (a row staff emptied): no row to carry, only the text to clear.
        if (checkAt !== undefined && !isBlank(cells[checkAt])) tabEdits.push({ row, column: checkAt, value: null, check: true });
        continue;
      }
      const project = byRow.get(`${unit.tab}\u0000${row}`);
      if (project?.stage === '终止') {
        deleteRows.push(row);
        tally.dropped++;
        continue;
      }
      tally.carried++;
      if (project && !project.counted) tally.withErrors++;
      const newRow = row - deleteRows.length;
      const result = carryRow(cells, columns, row, newRow);
      tabEdits.push(...result.edits);
      if (result.unreadable.length > 0) {
        tally.unreadable++;
        unreadable.push({ unit: unit.name, tab: unit.tab, id: project?.id ?? '', row: newRow, cells: result.unreadable });
      }
      const key = project ? projectKey(unit.name, project.id) : '';
      if (project && project.id !== '' && !seen.has(key)) {
        seen.add(key);
        // The stage last seen by a run (else the row's own): a stage typed backwards since is still caught.
        const stage = previousStage.get(key) ?? project.stage ?? null;
        snapshot.push([unit.name, project.id, stage, snapshotJson({ ...project, cells: editedCells(cells, result.edits) }), time]);
      }
    }
    edits.push({ tab: unit.tab, edits: tabEdits, deleteRows });
    units.push({ unit: unit.name, tab: unit.tab, ...tally });
  }
  const note = rolloverNote(fromYear, units);
  const replace = new Map<string, OutputGrid>([
    [TARGETS_TAB_NAME, rolloverTargets(tabs.get(TARGETS_TAB_NAME), admin.units, admin.method)],
    [ADJUSTMENTS_TAB.name, [headerOr(tabs.get(ADJUSTMENTS_TAB.name), ADJUSTMENTS_TAB.columns.map((c) => c.header))]],
    ...rolloverSystemTabs(tabs, admin.method.map((m) => m.name), snapshot, { toYear, time, note }),
  ]);
  return { fromYear, toYear, edits, replace, units, unreadable, problems: [], note };
}

/** 参数: the 年度 value cell set to the new year, keeping its type (a number stays a number). */
function settingsEdit(grid: Grid, toYear: number): TabEdits {
  const at = grid.findIndex((row, i) => i > 0 && normalizeHeader(row?.[0]) === '年度');
  const old = grid[at]?.[1];
  return { tab: SETTINGS_TAB.name, edits: [{ row: at + 1, column: 1, value: typeof old === 'string' ? String(toYear) : toYear }], deleteRows: [] };
}

function rolloverNote(fromYear: number, units: readonly UnitRollover[]): string {
  const sum = (key: keyof Pick<UnitRollover, 'carried' | 'dropped' | 'withErrors' | 'unreadable'>) => units.reduce((s, u) => s + u[key], 0);
  const unreadable = sum('unreadable');
  return `由 ${fromYear} 年度台账结转：${units.length} 个单位，结转 ${sum('carried')} 行（其中带错误 ${sum('withErrors')} 行），删除已终止 ${sum('dropped')} 行` +
    (unreadable > 0 ? `；${unreadable} 行金额无法识别，原样保留，请手工处理` : '');
}
