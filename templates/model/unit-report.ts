/** 单位月报: one unit's scorecard for its 负责人 and 联络员. */
import { comparePeriods, type Adjustment, type MonthOutcome, type Period, type Unit, type Warning } from '../../functions/core/index.js';
import { excludedRows, groupRankings, indicatorLines, sortWarnings, type ExcludedRow, type IndicatorLine, type RankedUnit } from './common.js';
import { weeklyStanding, type MonthContext, type WeeklyStanding } from './context.js';
import { paceOf } from './figures.js';
import { unitYear, type RankingRow } from './history.js';
import { excludedCosts, groupBests, possibleNote, possibleSummary, type ExcludedCost, type GroupBest } from './unit-insight.js';

/** One month of the unit's year so far. */
export interface TrendPoint {
  readonly month: number;
  readonly total: number | undefined;
  readonly groupRank: number | undefined;
}

/** Everything a 单位月报 shows. */
export interface UnitReportModel {
  readonly city: string;
  readonly period: Period;
  readonly pace: number;
  readonly generatedAt: Date;
  readonly to: readonly string[];
  readonly unit: Unit;
  readonly me: RankedUnit;
  readonly citySize: number;
  readonly lines: readonly IndicatorLine[];
  /** Sum of what every indicator could give. */
  readonly possible: number;
  readonly lost: number;
  readonly adjustment: number;
  readonly adjustments: readonly Adjustment[];
  /** The unit's whole 考核组别, best first. */
  readonly groupRanking: readonly RankedUnit[];
  readonly warnings: readonly Warning[];
  readonly excluded: readonly ExcludedRow[];
  /** v2: 未认定、未计入 (参数.仅计认定项目 = 是): 项目编号 and 项目名称 of the unit's rows not 已认定. */
  readonly unrecognised?: readonly { readonly projectId: string; readonly projectName: string }[];
  /** What the excluded rows would add to each indicator's 实际值 once corrected. */
  readonly excludedCosts: readonly ExcludedCost[];
  /** Best score in the unit's group per indicator name. */
  readonly groupBest: ReadonlyMap<string, GroupBest>;
  /** Why an indicator's 满分 differs from its 分值, per indicator name (absent when it does not). */
  readonly possibleNotes: ReadonlyMap<string, string>;
  /** Why the 满分合计 is what it is for this unit's group. */
  readonly possibleSummary: string;
  readonly trend: readonly TrendPoint[];
  readonly weekly: WeeklyStanding;
}

/** One model per unit in 单位 order. `history` is 排名 read back (this month and earlier ones). */
export function unitReportModels(outcome: MonthOutcome, history: readonly RankingRow[], generatedAt: Date, context: MonthContext = {}): UnitReportModel[] {
  const { admin, period, scores } = outcome;
  const groups = groupRankings(scores, history, period);
  const warnings = sortWarnings(outcome.warnings);
  return [...scores].sort((a, b) => a.unit.row - b.unit.row).map((score) => {
    const unit = score.unit;
    const groupRanking = groups.find((g) => g.group === unit.group)?.units ?? [];
    const me = groupRanking.find((u) => u.name === unit.name);
    if (!me) throw new Error(`internal: ${unit.name} missing from its group ranking`);
    const lines = indicatorLines(score);
    const year = unitYear(history, unit.name, period);
    return {
      city: admin.settings.city, period, pace: paceOf(admin, period.month), generatedAt,
      to: [...new Set([...unit.leaderEmails, ...unit.liaisonEmails])],
      unit, me, citySize: scores.length, lines,
      possible: lines.reduce((sum, l) => sum + l.possible, 0),
      lost: lines.reduce((sum, l) => sum + l.lost, 0),
      adjustment: score.adjustment,
      adjustments: admin.adjustments.filter((a) => a.unit === unit.name && a.month.year === period.year && comparePeriods(a.month, period) <= 0),
      groupRanking,
      warnings: warnings.filter((w) => w.unit === unit.name),
      excluded: excludedRows(outcome.excluded, outcome.findings, unit.name),
      unrecognised: (outcome.unrecognised ?? []).filter((p) => p.unit === unit.name).map((p) => ({ projectId: p.id, projectName: p.name })),
      excludedCosts: excludedCosts(outcome, score),
      groupBest: groupBests(scores, unit.group),
      possibleNotes: new Map(score.scores.flatMap((s) => (possibleNote(s) ? [[s.indicator.name, possibleNote(s)] as const] : []))),
      possibleSummary: possibleSummary(outcome, score),
      trend: Array.from({ length: period.month }, (_, i) => {
        const row = i + 1 === period.month ? undefined : year.get(i + 1);
        return i + 1 === period.month
          ? { month: i + 1, total: score.total, groupRank: score.groupRank }
          : { month: i + 1, total: row?.total, groupRank: row?.groupRank };
      }),
      weekly: weeklyStanding(score, period, context),
    };
  });
}
