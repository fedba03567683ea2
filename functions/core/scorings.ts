/**
 * The 计分方式 registry: every way an indicator can be scored, declared once — which 口径 it accepts,
 * whether it may or must be target-based, which 计分参数 items belong to it, what 封顶 means for it, the
 * note shown on 考评办法, the formula, and how it explains a score in words (得分明细 说明, unit reports).
 * A new 计分方式 is one entry here plus its tests.
 */
import { BASIS_RULES } from './bases.js';

/** Items of the 计分参数 cell. */
export type ParamName = '档位' | '下限' | '步长' | '范围' | '门槛';

/** One 档位 tier: x ≥ threshold earns points. `text` is the threshold as typed, for 说明. */
export interface Tier {
  readonly threshold: number;
  readonly points: number;
  readonly text: string;
}

/** Parsed 计分参数 (missing items take their defaults where the rule uses them). */
export interface ScoringParams {
  /** Highest threshold first. */
  readonly tiers?: readonly Tier[];
  /** 下限 as a fraction of 分值. */
  readonly floor?: number;
  readonly step?: number;
  readonly scope?: '组内' | '全市';
  readonly gate?: { readonly value: number; readonly text: string };
}

/** What the formula of one unit's indicator sees. */
export interface ScoreArgs {
  /** The scored value: completion, rate or actual (unrounded). */
  readonly x: number;
  readonly points: number;
  readonly cap: number | undefined;
  readonly params: ScoringParams;
  /** x rounded to 6 decimals of every unit in 范围 with a usable x (this unit included): lo, hi, ranks. */
  readonly pool: readonly number[];
  /** Largest unrounded x in 范围, at least 0 (相对值). */
  readonly best: number;
  /** "组内" or "全市", for 说明. */
  readonly scopeWord: string;
  /** x in words, e.g. "完成率 86.4%", "签约项目数 3 个". */
  readonly xText: string;
  /** Formats a value of x's kind (percent for fractions), for 说明. */
  readonly show: (value: number) => string;
}

/** The formula's result before round2, with 完成率 and the 说明. */
export interface ScoreResult {
  readonly value: number;
  /** 得分明细 完成率 for non-target indicators (target-based ones show x). */
  readonly completion: number | undefined;
  /** The 说明, given the score after round2. */
  readonly explain: (score: number) => string;
}

export interface ScoringRule {
  readonly name: string;
  /** Shown in the 考评办法 计分方式 note. */
  readonly note: string;
  /** Which 口径 it accepts: rates only, anything but rates, counts only, or any. */
  readonly bases: 'rate' | 'notRate' | 'count' | 'any';
  /** 目标任务 column: required (目标完成率), allowed, or forbidden. */
  readonly target: 'required' | 'allowed' | 'forbidden';
  /** 计分参数 items that belong to it; `required` ones must be present. */
  readonly params: readonly ParamName[];
  readonly requiredParams: readonly ParamName[];
  /** 封顶: a ratio (1.2 or 120%), a points cap, accepted but without effect, or must be blank. */
  readonly cap: 'ratio' | 'points' | 'unused' | 'blank';
  /** The most it can give, for reports. */
  readonly possible: (points: number, cap: number | undefined, params: ScoringParams, x: number) => number;
  readonly score: (args: ScoreArgs) => ScoreResult;
}

const num = (value: number): string => String(Math.round(value * 100) / 100);
const pct = (value: number): string => `${(value * 100).toFixed(1)}%`;

/** Every 计分方式, in the order the 考评办法 note and dropdown list them. */
export const SCORING_RULES = [
  {
    name: '目标完成率', note: '分值 × 完成率（实际 ÷ 序时目标），可封顶', bases: 'notRate', target: 'required', params: ['门槛'], requiredParams: [], cap: 'ratio',
    possible: (points, cap) => points * (cap ?? 1),
    score: ({ x, points, cap, xText }) => {
      const used = Math.min(x, cap ?? Number.POSITIVE_INFINITY);
      return { value: points * used, completion: undefined, explain: (score) => `${xText}${used < x ? `，封顶 ${pct(used)}` : ''}，${num(points)} × ${pct(used)} = ${num(score)}` };
    },
  },
  {
    name: '比率', note: '分值 × 比率（履约率等），最高按 100% 或封顶', bases: 'rate', target: 'forbidden', params: ['门槛'], requiredParams: [], cap: 'ratio',
    possible: (points, cap) => points * (cap ?? 1),
    score: ({ x, points, cap, xText }) => {
      const used = Math.min(x, cap ?? 1);
      return { value: points * used, completion: x, explain: (score) => `${xText}，${num(points)} × ${pct(used)} = ${num(score)}` };
    },
  },
  {
    name: '相对值', note: '分值 × 实际 ÷ 范围内最高值', bases: 'notRate', target: 'allowed', params: ['范围', '门槛'], requiredParams: [], cap: 'unused',
    possible: (points) => points,
    score: ({ x, points, best, scopeWord, xText, show }) => {
      const share = best === 0 ? 0 : x / best;
      return { value: points * share, completion: share, explain: (score) => (best === 0 ? `${scopeWord}最高值为 0，得 0 分` : `${xText}，${scopeWord}最高 ${show(best)}，${num(points)} × ${pct(share)} = ${num(score)}`) };
    },
  },
  {
    name: '每项加分', note: '每项加分值，可封顶', bases: 'count', target: 'forbidden', params: ['门槛'], requiredParams: [], cap: 'points',
    possible: (points, cap, _params, x) => cap ?? points * x,
    score: ({ x, points, cap }) => {
      const raw = points * x;
      const value = Math.min(raw, cap ?? Number.POSITIVE_INFINITY);
      return { value, completion: undefined, explain: (score) => `${num(x)} 项 × ${num(points)} 分${value < raw ? `，封顶 ${num(value)} 分` : ''} = ${num(score)}` };
    },
  },
  {
    name: '每项扣分', note: '每项扣分值，可封顶', bases: 'count', target: 'forbidden', params: [], requiredParams: [], cap: 'points',
    possible: () => 0,
    score: ({ x, points, cap }) => {
      const raw = points * x;
      const value = Math.min(raw, cap ?? Number.POSITIVE_INFINITY);
      return { value: -value, completion: undefined, explain: () => `${num(x)} 项 × ${num(points)} 分${value < raw ? `，最多扣 ${num(value)} 分` : ''}，扣 ${num(value)} 分` };
    },
  },
  {
    name: '分档', note: '按计分参数“档位”得分，落在哪一档得哪一档的分', bases: 'any', target: 'allowed', params: ['档位', '门槛'], requiredParams: ['档位'], cap: 'blank',
    possible: (_points, _cap, params) => Math.max(0, ...(params.tiers ?? []).map((t) => t.points)),
    score: ({ x, params, xText }) => {
      const rounded = round6(x);
      const tiers = params.tiers ?? [];
      const tier = tiers.find((t) => rounded >= t.threshold);
      if (!tier) return { value: 0, completion: undefined, explain: () => `${xText}，低于最低档 ${tiers[tiers.length - 1]?.text ?? ''}，得 0 分` };
      return { value: tier.points, completion: undefined, explain: () => `${xText}，落在 ${tier.text} 档，得 ${num(tier.points)} 分` };
    },
  },
  {
    name: '功效系数', note: '分值 × (下限 + (1 − 下限) × (x − 最低) ÷ (最高 − 最低))，最高者得满分', bases: 'any', target: 'allowed', params: ['下限', '范围', '门槛'], requiredParams: [], cap: 'blank',
    possible: (points) => points,
    score: ({ x, points, params, pool, scopeWord, xText, show }) => {
      const floor = params.floor ?? 0.6;
      const lo = Math.min(...pool);
      const hi = Math.max(...pool);
      if (!(hi > lo)) return { value: points, completion: undefined, explain: () => `${xText}，${scopeWord}最高与最低相同，得满分 ${num(points)} 分` };
      const value = points * (floor + ((1 - floor) * (x - lo)) / (hi - lo));
      return { value, completion: undefined, explain: (score) => `${xText}，${scopeWord}最低 ${show(lo)}、最高 ${show(hi)}，${num(points)} × (${pct(floor)} + ${pct(1 - floor)} × (${show(x)} − ${show(lo)}) ÷ (${show(hi)} − ${show(lo)})) = ${num(score)}` };
    },
  },
  {
    name: '排名计分', note: '按范围内名次：分值 − 步长 × (名次 − 1)，最低 0 分', bases: 'any', target: 'allowed', params: ['步长', '范围', '门槛'], requiredParams: [], cap: 'unused',
    possible: (points) => points,
    score: ({ x, points, params, pool, scopeWord }) => {
      const step = params.step ?? 1;
      const rank = 1 + pool.filter((other) => other > round6(x)).length;
      const value = Math.max(0, points - step * (rank - 1));
      return { value, completion: undefined, explain: () => `${scopeWord}第 ${rank} 名，${num(points)} − ${rank - 1} × ${num(step)} = ${num(value)}` };
    },
  },
] as const satisfies readonly ScoringRule[];

export type Scoring = (typeof SCORING_RULES)[number]['name'];
/** Every 计分方式 name, in order. */
export const SCORINGS: readonly Scoring[] = SCORING_RULES.map((r) => r.name);
const BY_NAME = new Map<string, ScoringRule>(SCORING_RULES.map((r) => [r.name, r]));

/** The rule of a 计分方式 name, or undefined when it is not one. */
export function scoringRule(name: string): ScoringRule | undefined {
  return BY_NAME.get(name);
}

/** Which 计分方式 accept a 计分参数 item, for messages. */
export function scoringsAccepting(item: ParamName): string[] {
  return SCORING_RULES.filter((r) => (r.params as readonly string[]).includes(item)).map((r) => r.name);
}

/** Ties, tiers, 门槛, lo, hi and ranks compare x rounded to 6 decimal places (the formulas use x unrounded). */
export function round6(x: number): number {
  return Number(x.toFixed(6));
}

/** Which 口径 a rule accepts, in words, for messages. */
export function basesWord(rule: ScoringRule): string {
  const rates = BASIS_RULES.filter((b) => b.unit === '%').map((b) => b.name).join('、');
  return { rate: `比率口径（${rates}）`, notRate: '非比率口径', count: '个数口径', any: '任何口径' }[rule.bases];
}

const namesWith = (test: (rule: ScoringRule) => boolean): string => SCORING_RULES.filter(test).map((r) => r.name).join('、');

/** How 封顶 is written, per 计分方式, from the registry: the 封顶 column note and its fix. */
export function capNote(): string {
  return `${namesWith((r) => r.cap === 'ratio')}：最高倍数，如 1.2 或 120%；${namesWith((r) => r.cap === 'points')}：最多加减的分数；${namesWith((r) => r.cap === 'blank')}必须留空；留空不封顶`;
}

/** The 计分方式 that may be target-based (a 目标任务 column), in words. */
export function targetScorings(): string {
  return namesWith((r) => r.target !== 'forbidden');
}
