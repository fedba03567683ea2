/** 年度总评 (December): final scores, 等次, and each unit's year month by month. */
import type { MonthOutcome, Period } from '../../functions/core/index.js';
import { groupRankings, type RankedUnit } from './common.js';
import { cityFigureBetween, cityFigures, paceOf, type CityFigure } from './figures.js';
import { unitYear, type RankingRow } from './history.js';

export interface AnnualUnitRow {
  readonly unit: RankedUnit;
  /** 组内排名 of months 1–12 (undefined where not ranked). */
  readonly monthlyRanks: readonly (number | undefined)[];
  readonly monthlyTotals: readonly (number | undefined)[];
  /** The first month of the year with a rank, and that rank. */
  readonly firstRank: number | undefined;
  readonly firstMonth: number | undefined;
  readonly bestRank: number | undefined;
  readonly worstRank: number | undefined;
}

/** The city's cumulative progress on a target, month by month, against 序时进度. */
export interface MonthlyPace {
  readonly label: string;
  readonly target: number;
  readonly months: readonly { month: number; actual: number; progress: number; pace: number }[];
}

export interface AnnualModel {
  readonly city: string;
  readonly year: number;
  readonly period: Period;
  readonly generatedAt: Date;
  readonly to: readonly string[];
  readonly figures: readonly CityFigure[];
  readonly gradeCounts: readonly { grade: string; count: number }[];
  readonly groups: readonly { group: string; rows: readonly AnnualUnitRow[] }[];
  readonly monthlyPace: MonthlyPace | undefined;
  /** Units of the highest grade, and of the lowest. */
  readonly top: readonly RankedUnit[];
  readonly bottom: readonly RankedUnit[];
}

/** The 年度总评 of December; undefined in other months. */
export function annualModel(outcome: MonthOutcome, history: readonly RankingRow[], generatedAt: Date): AnnualModel | undefined {
  const { admin, period, scores } = outcome;
  if (period.month !== 12 || scores.length === 0) return undefined;
  const counted = outcome.ledger.projects.filter((p) => p.counted);
  const groups = groupRankings(scores, history, period).map((g) => ({
    group: g.group,
    rows: g.units.map((unit): AnnualUnitRow => {
      const year = unitYear(history, unit.name, period);
      const monthlyRanks = Array.from({ length: 12 }, (_, i) => (i === 11 ? unit.groupRank : year.get(i + 1)?.groupRank));
      const monthlyTotals = Array.from({ length: 12 }, (_, i) => (i === 11 ? unit.total : year.get(i + 1)?.total));
      const ranked = monthlyRanks.filter((r): r is number => r !== undefined);
      const firstIndex = monthlyRanks.findIndex((r) => r !== undefined);
      return {
        unit, monthlyRanks, monthlyTotals,
        firstRank: firstIndex < 0 ? undefined : monthlyRanks[firstIndex], firstMonth: firstIndex < 0 ? undefined : firstIndex + 1,
        bestRank: ranked.length ? Math.min(...ranked) : undefined, worstRank: ranked.length ? Math.max(...ranked) : undefined,
      };
    }),
  }));
  const all = groups.flatMap((g) => g.rows.map((r) => r.unit));
  const grades = admin.settings.grades.map((g) => g.name);
  // The city's monthly figure counts every row: a 筛选 indicator's targets would not match it.
  const overAll = admin.method.filter((m) => m.scoring === '目标完成率' && m.filter === undefined);
  const target = overAll.find((m) => m.basis === '到位资金') ?? overAll[0];
  const targetSum = target ? admin.units.reduce((sum, u) => sum + (admin.targets.get(u.name)?.get(target.name) ?? 0), 0) : 0;
  return {
    city: admin.settings.city, year: period.year, period, generatedAt, to: [...admin.settings.bulletinTo],
    figures: cityFigures(admin, counted, period),
    gradeCounts: grades.map((grade) => ({ grade, count: all.filter((u) => u.grade === grade).length })),
    groups,
    monthlyPace: target && targetSum > 0 ? {
      label: target.name, target: targetSum,
      months: Array.from({ length: 12 }, (_, i) => {
        const actual = cityFigureBetween(admin, counted, period.year, 1, i + 1, target.basis);
        return { month: i + 1, actual, progress: actual / targetSum, pace: paceOf(admin, i + 1) };
      }),
    } : undefined,
    top: all.filter((u) => u.grade === grades[0]).sort((a, b) => a.cityRank - b.cityRank),
    bottom: all.filter((u) => grades.length > 1 && u.grade === grades[grades.length - 1]).sort((a, b) => a.cityRank - b.cityRank),
  };
}
