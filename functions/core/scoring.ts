/**
 * 计分方式, 加减分, 总分, ranks, 较上月 and 等次 — the exact arithmetic of the ledger contract.
 */
import type { AdminData, Grade, Indicator, Unit } from './admin.js';
import { comparePeriods, formatPeriod, previousPeriod, type Period } from './dates.js';
import type { Project } from './ledger.js';
import { measure, windowOf } from './metrics.js';
import { round2 } from './round.js';
import type { RankingRecord, WeeklyRecord } from './system-records.js';

export interface IndicatorScore {
  readonly indicator: Indicator;
  /** Rates are fractions; amounts in 万元; counts. */
  readonly actual: number;
  /** 目标完成率 only: the unit's annual target (undefined when missing). */
  readonly target: number | undefined;
  /** 目标完成率 only: target × 序时进度(m). */
  readonly paceTarget: number | undefined;
  /** actual ÷ 序时目标, the rate itself, or actual ÷ group best; undefined for 每项 scoring. */
  readonly completion: number | undefined;
  /** Rounded to 2 decimals. */
  readonly score: number;
  /** The most this indicator could give (分值 × cap for ratios, cap for 每项加分, 0 for 扣分). */
  readonly possible: number;
}

export interface UnitScore {
  readonly unit: Unit;
  /** Only the indicators that apply to the unit's group, in 考评办法 order. */
  readonly scores: readonly IndicatorScore[];
  readonly adjustment: number;
  readonly total: number;
  readonly groupRank: number;
  readonly cityRank: number;
  /** Last month's 组内排名 − this month's; undefined in January or without last month's ranking. */
  readonly change: number | undefined;
  readonly grade: string;
}

/** True when an indicator applies to a group (blank 适用组别 = all). */
export function appliesTo(indicator: Indicator, group: string): boolean {
  return indicator.groups === undefined || indicator.groups.includes(group);
}

export interface ScoreInput {
  readonly admin: AdminData;
  /** Counted projects (no 错误) of every unit. */
  readonly projects: readonly Project[];
  readonly period: Period;
  readonly weekly: readonly WeeklyRecord[];
  readonly rankings: readonly RankingRecord[];
}

/** Scores and ranks every unit for an assessed month. */
export function scoreMonth(input: ScoreInput): UnitScore[] {
  const { admin, period } = input;
  const w = windowOf(period, admin.settings.overdueDays);
  const pace = admin.settings.pace[period.month - 1] ?? period.month / 12;
  const byUnit = new Map<string, Project[]>();
  for (const p of input.projects) {
    const list = byUnit.get(p.unit);
    if (list) list.push(p);
    else byUnit.set(p.unit, [p]);
  }
  const actuals = new Map<string, Map<string, number>>();
  for (const unit of admin.units) {
    const mine = new Map<string, number>();
    for (const indicator of admin.method) {
      if (appliesTo(indicator, unit.group)) mine.set(indicator.name, measure(indicator.basis, byUnit.get(unit.name) ?? [], w, input.weekly, unit.name));
    }
    actuals.set(unit.name, mine);
  }
  const groupBest = (indicator: Indicator, group: string): number =>
    Math.max(0, ...admin.units.filter((u) => u.group === group).map((u) => actuals.get(u.name)?.get(indicator.name) ?? 0));

  const partial = admin.units.map((unit) => {
    const scores = admin.method
      .filter((indicator) => appliesTo(indicator, unit.group))
      .map((indicator) => scoreIndicator(indicator, actuals.get(unit.name)?.get(indicator.name) ?? 0, admin.targets.get(unit.name)?.get(indicator.name), pace, () => groupBest(indicator, unit.group)));
    const adjustment = round2(sumAdjustments(admin, unit.name, period));
    const total = round2(scores.reduce((sum, s) => sum + s.score, 0) + adjustment);
    return { unit, scores, adjustment, total };
  });
  const previous = period.month === 1 ? undefined : formatPeriod(previousPeriod(period));
  const lastRanks = new Map(input.rankings.filter((r) => r.month === previous).map((r) => [r.unit, r.groupRank]));
  return partial.map((p) => {
    const groupRank = competitionRank(p.total, partial.filter((o) => o.unit.group === p.unit.group).map((o) => o.total));
    const last = lastRanks.get(p.unit.name);
    return {
      ...p,
      groupRank,
      cityRank: competitionRank(p.total, partial.map((o) => o.total)),
      change: last === undefined ? undefined : last - groupRank,
      grade: gradeOf(p.total, admin.settings.grades),
    };
  });
}

/** One indicator's score under its 计分方式. */
export function scoreIndicator(indicator: Indicator, actual: number, target: number | undefined, pace: number, best: () => number): IndicatorScore {
  const { points, cap } = indicator;
  const base = { indicator, actual, target: undefined, paceTarget: undefined, completion: undefined };
  switch (indicator.scoring) {
    case '目标完成率': {
      if (target === undefined || target <= 0) return { ...base, target, score: 0, possible: points * (cap ?? 1) };
      const paceTarget = target * pace;
      const completion = actual / paceTarget;
      return { ...base, target, paceTarget, completion, score: round2(points * Math.min(completion, cap ?? Infinity)), possible: points * (cap ?? 1) };
    }
    case '比率':
      return { ...base, completion: actual, score: round2(points * Math.min(actual, cap ?? 1)), possible: points * (cap ?? 1) };
    case '相对值': {
      const top = best();
      const completion = top === 0 ? 0 : actual / top;
      return { ...base, completion, score: round2(points * completion), possible: points };
    }
    case '每项加分':
      return { ...base, score: round2(Math.min(points * actual, cap ?? Infinity)), possible: cap ?? points * actual };
    case '每项扣分':
      return { ...base, score: round2(-Math.min(points * actual, cap ?? Infinity)), possible: 0 };
  }
}

/** 加减分: a unit's rows with 月份 in the assessed year and not after the assessed month. */
export function sumAdjustments(admin: AdminData, unit: string, period: Period): number {
  return admin.adjustments
    .filter((a) => a.unit === unit && a.month.year === period.year && comparePeriods(a.month, period) <= 0)
    .reduce((sum, a) => sum + a.points, 0);
}

/** 1 + the number of strictly higher totals: equal totals share a rank and the next skips (1, 2, 2, 4). */
export function competitionRank(total: number, all: readonly number[]): number {
  return 1 + all.filter((other) => other > total).length;
}

/** The first grade whose threshold the total reaches; below all thresholds, the lowest grade. */
export function gradeOf(total: number, grades: readonly Grade[]): string {
  return (grades.find((g) => total >= g.min) ?? grades[grades.length - 1])?.name ?? '';
}

