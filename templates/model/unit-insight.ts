/**
 * What a unit's leader asks after reading the score: what the rows left out cost, who did best in the
 * group on each indicator, and why the maxima are what they are. Pure: measured with the core's own 口径.
 */
import {
  appliesTo, basisUnit, measure, windowOf,
  type IndicatorScore, type MonthOutcome, type UnitScore,
} from '../../functions/core/index.js';
import type { ValueUnit } from '../html/format.js';
import { groupedBy } from './grouped.js';

/** How much one indicator's 实际值 would change if the unit's rows with 错误 were corrected and counted. */
export interface ExcludedCost {
  readonly indicator: string;
  readonly valueUnit: ValueUnit;
  /** 实际值 with those rows − 实际值 without them (counts, 万元, or a rate's change). */
  readonly delta: number;
}

/** The group's best score on an indicator and who reached it. */
export interface GroupBest {
  readonly score: number;
  readonly units: readonly string[];
}

/**
 * Re-measures each indicator with the unit's excluded rows counted as far as they can be read (a cell
 * with an error reads as blank, so this is what the rows would add at least once corrected). Rate
 * indicators whose rows do not matter (周上报及时率) never change.
 */
export function excludedCosts(outcome: MonthOutcome, score: UnitScore): ExcludedCost[] {
  const unit = score.unit.name;
  const excluded = groupedBy(outcome.excluded, 'unit', (p) => p.unit).get(unit) ?? [];
  if (excluded.length === 0) return [];
  const counted = groupedBy(outcome.ledger.projects, 'counted-unit', (p) => (p.counted ? p.unit : undefined)).get(unit) ?? [];
  const w = windowOf(outcome.period, outcome.admin.settings.overdueDays);
  const rows = [...counted, ...excluded];
  return score.scores.flatMap((s) => {
    if (s.indicator.basis === '周上报及时率') return [];
    const delta = measure(s.indicator.basis, rows, w, [], unit) - s.actual;
    return Math.abs(delta) < 1e-9 ? [] : [{ indicator: s.indicator.name, valueUnit: basisUnit(s.indicator.basis), delta }];
  });
}

/** For each indicator of the unit, the best score in its 考核组别 (ties: every unit reaching it). */
export function groupBests(scores: readonly UnitScore[], group: string): ReadonlyMap<string, GroupBest> {
  const cached = bestsCache.get(scores)?.get(group);
  if (cached) return cached;
  const out = new Map<string, GroupBest>();
  for (const s of groupedBy(scores, 'group', (x) => x.unit.group).get(group) ?? []) {
    for (const line of s.scores) {
      const best = out.get(line.indicator.name);
      if (!best || line.score > best.score) out.set(line.indicator.name, { score: line.score, units: [s.unit.name] });
      else if (line.score === best.score) out.set(line.indicator.name, { score: best.score, units: [...best.units, s.unit.name] });
    }
  }
  const byGroup = bestsCache.get(scores) ?? new Map<string, ReadonlyMap<string, GroupBest>>();
  bestsCache.set(scores, byGroup.set(group, out));
  return out;
}

/** Every unit of a group shares its group's bests: computed once per group, not once per unit. */
const bestsCache = new WeakMap<readonly UnitScore[], Map<string, ReadonlyMap<string, GroupBest>>>();

/** "分值 30 分，超额完成最多得 36 分（封顶 120%）" — why an indicator's 满分 is not its 分值; '' when it is. */
export function possibleNote(s: IndicatorScore): string {
  const { points, cap, scoring } = s.indicator;
  if ((scoring === '目标完成率' || scoring === '比率') && cap !== undefined && cap > 1) {
    return `分值 ${points} 分，超额完成最多得 ${fmt(s.possible)} 分（封顶 ${fmt(cap * 100)}%）`;
  }
  if (scoring === '每项加分') return `加分项，最多加 ${fmt(s.possible)} 分`;
  return '';
}

/**
 * "满分合计 117 分：各项分值合计 100 分，目标任务超额完成最多可多得 14 分，加分项最多 3 分；本组不考核：投产项目数"
 * — so units in different groups see why their maxima differ.
 */
export function possibleSummary(outcome: MonthOutcome, score: UnitScore): string {
  const lines = score.scores;
  const possible = lines.reduce((sum, s) => sum + s.possible, 0);
  const base = lines.filter((s) => s.indicator.scoring !== '每项加分' && s.indicator.scoring !== '每项扣分').reduce((sum, s) => sum + s.indicator.points, 0);
  const bonus = lines.filter((s) => s.indicator.scoring === '每项加分').reduce((sum, s) => sum + s.possible, 0);
  const extra = possible - base - bonus;
  const skipped = outcome.admin.method.filter((m) => !appliesTo(m, score.unit.group)).map((m) => m.name);
  const parts = [`各项分值合计 ${fmt(base)} 分`];
  if (extra > 1e-9) parts.push(`目标任务超额完成最多可多得 ${fmt(extra)} 分`);
  if (bonus > 0) parts.push(`加分项最多 ${fmt(bonus)} 分`);
  return `满分合计 ${fmt(possible)} 分：${parts.join('，')}${skipped.length > 0 ? `；${score.unit.group}不考核${skipped.join('、')}` : ''}`;
}

/** A number without trailing zeros: 36, 1.5, 120. */
function fmt(n: number): string {
  return String(Math.round(n * 100) / 100);
}
