/**
 * 计分方式, 加减分, 总分, ranks, 较上月 and 等次 — the exact arithmetic of the ledger contract.
 * For one unit and indicator: rows (errors out, 仅计认定项目, 筛选) → actual → x → 门槛 → the 计分方式's
 * formula (from the registry) → round2. lo, hi and ranks are taken over the units' x before 门槛.
 */
import type { AdminData, Adjustment, Unit } from './admin.js';
import type { Grade } from './settings.js';
import { adjustmentKind } from './adjustment-kinds.js';
import { basisRule, basisUnit, isRateBasis, measure } from './bases.js';
import { comparePeriods, formatPeriod, previousPeriod, type Period } from './dates.js';
import type { Project } from './ledger.js';
import { pointsFor, type Indicator } from './method.js';
import { windowOf, type Window } from './metrics.js';
import { round2 } from './round.js';
import { round6, scoringRule, SCORING_RULES, type ScoringRule } from './scorings.js';
import type { RankingRecord, WeeklyRecord } from './system-records.js';

export interface IndicatorScore {
  readonly indicator: Indicator;
  /** Rates are fractions; amounts in 万元 (万美元 for 实际利用外资); counts. */
  readonly actual: number;
  /** Target-based only: the unit's annual target (undefined when missing). */
  readonly target: number | undefined;
  /** Target-based only: target × 序时进度ᵢ(m). */
  readonly paceTarget: number | undefined;
  /** 得分明细 完成率: x for target-based and rate indicators, x ÷ largest x for 相对值, else undefined. */
  readonly completion: number | undefined;
  /** Rounded to 2 decimals. */
  readonly score: number;
  /** The most this indicator could give (分值 × cap for ratios, cap for 每项加分, 0 for 扣分, top 档位 for 分档). */
  readonly possible: number;
  /** v2: the scored value x (completion, rate or actual); undefined for a target-based unit without target. */
  readonly x?: number;
  /** v2: 序时进度ᵢ(m) used for a target-based indicator. */
  readonly pace?: number;
  /** v2: how the score arose, in Chinese (得分明细 说明). */
  readonly note?: string;
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
  /** v2: the grade 总分 earns, before 一票否决 / 降一档. */
  readonly baseGrade?: string;
  /** v2: the 一票否决 / 降一档 rows in force this month. */
  readonly gradeChanges?: readonly Adjustment[];
  /** v2: "一票否决：事由" etc. joined, '' when the grade was not changed. */
  readonly gradeNote?: string;
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

/** The rows one indicator counts for one unit: 仅计认定项目 and 筛选 apply to row-based 口径. */
export function rowsFor(indicator: Indicator, rows: readonly Project[], admin: AdminData): readonly Project[] {
  if (!basisRule(indicator.basis)?.rowBased) return rows;
  let out = rows;
  if (admin.settings.recognisedOnly) out = out.filter((p) => p.recognition === '已认定');
  if (indicator.filter) out = out.filter(indicator.filter.test);
  return out;
}

interface Measured {
  readonly unit: Unit;
  readonly actual: number;
  readonly target: number | undefined;
  readonly pace: number | undefined;
  /** undefined: target-based without a positive target (scores 0, left out of lo/hi/ranks). */
  readonly x: number | undefined;
}

/** Scores and ranks every unit for an assessed month. */
export function scoreMonth(input: ScoreInput): UnitScore[] {
  const { admin, period } = input;
  const w = windowOf(period, admin.settings.overdueDays);
  const byUnit = new Map<string, Project[]>();
  for (const p of input.projects) {
    const list = byUnit.get(p.unit);
    if (list) list.push(p);
    else byUnit.set(p.unit, [p]);
  }
  const measured = new Map<string, Map<string, Measured>>();
  for (const indicator of admin.method) {
    const mine = new Map<string, Measured>();
    for (const unit of admin.units.filter((u) => appliesTo(indicator, u.group))) {
      mine.set(unit.name, measureUnit(indicator, unit, byUnit.get(unit.name) ?? [], admin, input, w));
    }
    measured.set(indicator.name, mine);
  }
  // The x of the units in 范围 is the same for every unit of a group (or of the city): found once for each,
  // not once per unit (200 units × 200 × every indicator).
  const pools = new Map<Indicator, Map<string | undefined, { pool: number[]; best: number }>>();
  const poolOf = (indicator: Indicator, scope: string, group: string) => {
    const key = scope === '全市' ? undefined : group;
    const mine = pools.get(indicator) ?? new Map<string | undefined, { pool: number[]; best: number }>();
    pools.set(indicator, mine);
    let found = mine.get(key);
    if (!found) {
      const all = [...(measured.get(indicator.name)?.values() ?? [])];
      const xs = all.filter((m) => key === undefined || m.unit.group === key).flatMap((m) => (m.x === undefined ? [] : [m.x]));
      found = { pool: xs.map(round6), best: Math.max(0, ...xs) };
      mine.set(key, found);
    }
    return found;
  };
  const partial = admin.units.map((unit) => {
    const scores = admin.method.filter((indicator) => appliesTo(indicator, unit.group)).map((indicator) => {
      const scope = indicator.params?.scope ?? '组内';
      const me = measured.get(indicator.name)?.get(unit.name) as Measured;
      const { pool, best } = poolOf(indicator, scope, unit.group);
      return scoreOne(indicator, unit.group, me, pool, best, scope, admin.targetBased.has(indicator.name));
    });
    const adjustment = round2(sumAdjustments(admin, unit.name, period));
    const total = round2(scores.reduce((sum, s) => sum + s.score, 0) + adjustment);
    return { unit, scores, adjustment, total };
  });
  const previous = period.month === 1 ? undefined : formatPeriod(previousPeriod(period));
  const lastRanks = new Map(input.rankings.filter((r) => r.month === previous).map((r) => [r.unit, r.groupRank]));
  return partial.map((p) => {
    const groupRank = competitionRank(p.total, partial.filter((o) => o.unit.group === p.unit.group).map((o) => o.total));
    const last = lastRanks.get(p.unit.name);
    const baseGrade = gradeOf(p.total, admin.settings.grades);
    const gradeChanges = gradeAdjustments(admin, p.unit.name, period);
    return {
      ...p,
      groupRank,
      cityRank: competitionRank(p.total, partial.map((o) => o.total)),
      change: last === undefined ? undefined : last - groupRank,
      grade: lowerGrade(baseGrade, gradeChanges, admin.settings.grades),
      baseGrade,
      gradeChanges,
      gradeNote: gradeChanges.map((a) => `${a.kind}${a.reason ? `：${a.reason}` : ''}`).join('；'),
    };
  });
}

function measureUnit(indicator: Indicator, unit: Unit, rows: readonly Project[], admin: AdminData, input: ScoreInput, w: Window): Measured {
  const actual = measure(indicator.basis, rowsFor(indicator, rows, admin), w, input.weekly, unit.name, admin.settings.usdRate);
  if (!admin.targetBased.has(indicator.name)) return { unit, actual, target: undefined, pace: undefined, x: actual };
  const target = admin.targets.get(unit.name)?.get(indicator.name);
  const pace = paceOf(indicator, admin, input.period);
  return { unit, actual, target, pace, x: target === undefined || target <= 0 ? undefined : actual / (target * pace) };
}

/** 序时进度ᵢ(m): the row's own 序时进度 when filled, else 参数.序时进度. */
export function paceOf(indicator: Indicator, admin: AdminData, period: Period): number {
  return (indicator.pace ?? admin.settings.pace)[period.month - 1] ?? period.month / 12;
}

const pct = (value: number): string => `${(value * 100).toFixed(1)}%`;
const num = (value: number): string => String(Math.round(value * 100) / 100);

/** One unit's score on one indicator, given the x of the units in 范围 (`pool`, rounded) and their largest x. */
function scoreOne(indicator: Indicator, group: string, m: Measured, pool: readonly number[], best: number, scope: string, targetBased: boolean): IndicatorScore {
  const rule = scoringRule(indicator.scoring) ?? SCORING_RULES[0];
  const points = pointsFor(indicator, group);
  const params = indicator.params ?? {};
  const fraction = targetBased || isRateBasis(indicator.basis);
  const unit = basisUnit(indicator.basis);
  const show = (v: number) => (fraction ? pct(v) : `${num(v)}${unit === '%' ? '' : ` ${unit}`}`);
  const base = {
    indicator, actual: m.actual, target: m.target, paceTarget: m.target === undefined || m.pace === undefined ? undefined : m.target * m.pace,
    ...(m.pace === undefined ? {} : { pace: m.pace }),
  };
  if (m.x === undefined) {
    return { ...base, completion: undefined, score: 0, possible: rule.possible(points, indicator.cap, params, 0), note: '未设年度目标，得 0 分' };
  }
  const x = m.x;
  const xText = targetBased ? `完成率 ${pct(x)}` : `${indicator.basis} ${show(x)}`;
  const result = rule.score({ x, points, cap: indicator.cap, params, pool, best, scopeWord: scope, xText, show });
  const completion = fraction ? x : result.completion;
  const possible = rule.possible(points, indicator.cap, params, x);
  if (params.gate && round6(x) < params.gate.value) {
    return { ...base, x, completion, score: 0, possible, note: `${xText}，低于门槛 ${params.gate.text}，得 0 分` };
  }
  const score = round2(result.value);
  return { ...base, x, completion, score, possible, note: result.explain(score) };
}

/**
 * One indicator's score under its 计分方式 (v1 signature, kept for callers and tests): `best` is the
 * largest actual of the unit's group, for 相对值. 目标完成率 is target-based; the others are not.
 */
export function scoreIndicator(indicator: Indicator, actual: number, target: number | undefined, pace: number, best: () => number): IndicatorScore {
  const rule: ScoringRule | undefined = scoringRule(indicator.scoring);
  const targetBased = rule?.target === 'required';
  const x = !targetBased ? actual : target === undefined || target <= 0 ? undefined : actual / (target * pace);
  const unit: Unit = { name: '', group: '', leaderEmails: [], liaisonEmails: [], tab: '', row: 0, robotGroup: undefined };
  const m: Measured = { unit, actual, target: targetBased ? target : undefined, pace: targetBased ? pace : undefined, x };
  const scored = scoreOne(indicator, '', m, x === undefined ? [] : [round6(x)], best(), '组内', targetBased);
  return targetBased && (target === undefined || target <= 0) ? { ...scored, target, paceTarget: undefined } : scored;
}

/** 加减分: a unit's 加减分 rows (类型 blank or 加减分) with 月份 in the assessed year and not after the assessed month. */
export function sumAdjustments(admin: AdminData, unit: string, period: Period): number {
  return inForce(admin, unit, period)
    .filter((a) => adjustmentKind(a.kind)?.addsPoints !== false)
    .reduce((sum, a) => sum + a.points, 0);
}

/** The 一票否决 / 降一档 rows in force for a unit in the assessed month. */
export function gradeAdjustments(admin: AdminData, unit: string, period: Period): Adjustment[] {
  return inForce(admin, unit, period).filter((a) => (adjustmentKind(a.kind)?.gradeDrop ?? 0) > 0);
}

function inForce(admin: AdminData, unit: string, period: Period): Adjustment[] {
  return admin.adjustments.filter((a) => a.unit === unit && a.month.year === period.year && comparePeriods(a.month, period) <= 0);
}

/** The grade after 一票否决 (lowest) and 降一档 (one lower per row), never below the lowest. */
export function lowerGrade(grade: string, changes: readonly Adjustment[], grades: readonly Grade[]): string {
  const drop = changes.reduce((sum, a) => sum + (adjustmentKind(a.kind)?.gradeDrop ?? 0), 0);
  if (drop === 0 || grades.length === 0) return grade;
  const at = grades.findIndex((g) => g.name === grade);
  return grades[Math.min(grades.length - 1, (at < 0 ? grades.length - 1 : at) + drop)]?.name ?? grade;
}

/** 1 + the number of strictly higher totals: equal totals share a rank and the next skips (1, 2, 2, 4). */
export function competitionRank(total: number, all: readonly number[]): number {
  return 1 + all.filter((other) => other > total).length;
}

/** The first grade whose threshold the total reaches; below all thresholds, the lowest grade. */
export function gradeOf(total: number, grades: readonly Grade[]): string {
  return (grades.find((g) => total >= g.min) ?? grades[grades.length - 1])?.name ?? '';
}
