/**
 * The pure heart of a run: tabs in, decisions out. `checkBook` validates; `assessMonth` validates,
 * records changes and scores a month; `closeWeek` records a weekly deadline. Each returns the system tab
 * grids to write and the 校验 column texts; the caller does the I/O.
 */
import type { Grid } from './cells.js';
import { parseAdmin, type AdminData } from './admin.js';
import { formatPeriod, shanghaiToday, type Period } from './dates.js';
import type { Finding, StructureProblem } from './findings.js';
import { projectKey, readLedger, releaseRowCells, type LedgerResult, type Project } from './ledger.js';
import { windowOf } from './metrics.js';
import {
  changesGrid, checkColumnTexts, checkResultsGrid, rankingGrid, scoreDetailGrid, snapshotGrid, warningsGrid, weeklyGrid,
  type OutputGrid,
} from './outputs.js';
import { scoreMonth, type UnitScore } from './scoring.js';
import { diffSnapshot, snapshotOf, type Change } from './snapshot.js';
import { readRankingRecords, readSnapshot, readWeeklyRecords, type SnapshotRecord } from './system-records.js';
import {
  CHANGES_TAB, CHECK_RESULTS_TAB, RANKING_TAB_NAME, SCORE_DETAIL_TAB, SNAPSHOT_TAB, WARNINGS_TAB, WEEKLY_TAB,
} from './tabs.js';
import type { Stage } from './vocabulary.js';
import { warningsFor, type Warning } from './warnings.js';
import { weeklyVerdicts, type WeeklyVerdict } from './weekly.js';

/** Every tab of a ledger as read from a store: name → grid. */
export type Tabs = ReadonlyMap<string, Grid>;

/** What every run produces. */
export interface CheckOutcome {
  readonly admin: AdminData;
  readonly ledger: LedgerResult;
  /** Admin and ledger findings together. */
  readonly findings: readonly Finding[];
  /** Non-empty: the workbook cannot be used (exit 2). */
  readonly structure: readonly StructureProblem[];
  readonly previousSnapshot: readonly SnapshotRecord[];
  /** System tabs to replace: name → grid (header first). */
  readonly writes: Map<string, OutputGrid>;
  /** 校验 column: tab → sheet row → text. */
  readonly checks: Map<string, Map<number, string>>;
  readonly changes: readonly Change[];
}

/**
 * Validates every tab, records 快照/变更记录 and 校验结果. The outcome's projects no longer hold their
 * row cells ({@link releaseRowCells}): the tabs' grids can go once the caller is done with them.
 */
export function checkBook(tabs: Tabs, now: Date): CheckOutcome {
  const admin = parseAdmin(tabs);
  const previousSnapshot = readSnapshot(tabs.get(SNAPSHOT_TAB.name));
  const previousStages = new Map<string, Stage>();
  for (const r of previousSnapshot) if (r.stage) previousStages.set(projectKey(r.unit, r.id), r.stage);
  const ledger = readLedger({ tabs, admin, now, previousStages });
  const findings = [...admin.findings, ...ledger.findings];
  const structure = [...admin.structure, ...ledger.structure];
  const writes = new Map<string, OutputGrid>();
  let changes: Change[] = [];
  if (structure.length === 0) {
    const snapshot = snapshotOf(ledger.projects, previousSnapshot);
    changes = diffSnapshot(previousSnapshot, snapshot, ledger.projects, !tabs.has(SNAPSHOT_TAB.name) || previousSnapshot.length === 0);
    writes.set(CHECK_RESULTS_TAB.name, checkResultsGrid(findings, now));
    writes.set(SNAPSHOT_TAB.name, snapshotGrid(snapshot, now));
    writes.set(CHANGES_TAB.name, changesGrid(tabs.get(CHANGES_TAB.name), changes, now));
  }
  // The 快照 was the cells' last use: the projects outlive the grids (reports, mail, write), so let them go.
  releaseRowCells(ledger.projects);
  return { admin, ledger, findings, structure, previousSnapshot, writes, checks: checkColumnTexts(ledger.projects, ledger.findings), changes };
}

export interface MonthOutcome extends CheckOutcome {
  readonly period: Period;
  readonly scores: readonly UnitScore[];
  readonly warnings: readonly Warning[];
  /** Rows left out of the assessment (any 错误), for the unit reports. */
  readonly excluded: readonly Project[];
  /** v2: with 参数.仅计认定项目 = 是, the rows without 错误 that are not 已认定 (“未认定、未计入”). */
  readonly unrecognised?: readonly Project[];
}

/** Validates, then scores and ranks the assessed month. */
export function assessMonth(tabs: Tabs, period: Period, now: Date): MonthOutcome {
  const checked = checkBook(tabs, now);
  const year = checked.admin.settings.year;
  if (checked.structure.length === 0 && year !== 0 && year !== period.year) {
    // Targets and 加减分 belong to one assessment year: a new year needs the admin to roll 参数 over first.
    const structure = [{ tab: '参数', message: `“参数”页的年度是 ${year}，而要考核的是 ${formatPeriod(period)}：新的一年请先把“年度”改为 ${period.year}，并在“目标任务”页填写 ${period.year} 年的年度目标。` }];
    return { ...checked, structure, writes: new Map(), period, scores: [], warnings: [], excluded: [] };
  }
  if (checked.structure.length > 0) return { ...checked, period, scores: [], warnings: [], excluded: [] };
  const { admin, ledger } = checked;
  const counted = ledger.projects.filter((p) => p.counted);
  const scores = scoreMonth({
    admin, projects: counted, period,
    weekly: readWeeklyRecords(tabs.get(WEEKLY_TAB.name)),
    rankings: readRankingRecords(tabs.get(RANKING_TAB_NAME)),
  });
  const w = windowOf(period, admin.settings.overdueDays);
  const warnings = warningsFor(admin, counted, scores, w, shanghaiToday(now));
  const month = formatPeriod(period);
  checked.writes.set(RANKING_TAB_NAME, rankingGrid(tabs.get(RANKING_TAB_NAME), month, admin.method.map((m) => m.name), scores, now));
  checked.writes.set(SCORE_DETAIL_TAB.name, scoreDetailGrid(tabs.get(SCORE_DETAIL_TAB.name), month, scores));
  checked.writes.set(WARNINGS_TAB.name, warningsGrid(tabs.get(WARNINGS_TAB.name), month, warnings));
  const unrecognised = admin.settings.recognisedOnly ? counted.filter((p) => p.recognition !== '已认定') : [];
  return { ...checked, period, scores, warnings, excluded: ledger.projects.filter((p) => !p.counted), unrecognised };
}

export interface WeekOutcome extends CheckOutcome {
  readonly deadline: Date;
  readonly verdicts: readonly WeeklyVerdict[];
}

/** Validates, then records the 周报记录 verdict of a weekly deadline. */
export function closeWeek(tabs: Tabs, deadline: Date, now: Date): WeekOutcome {
  const checked = checkBook(tabs, now);
  if (checked.structure.length > 0) return { ...checked, deadline, verdicts: [] };
  const verdicts = weeklyVerdicts(checked.admin.units, checked.ledger.projects, deadline);
  checked.writes.set(WEEKLY_TAB.name, weeklyGrid(tabs.get(WEEKLY_TAB.name), verdicts));
  return { ...checked, deadline, verdicts };
}
