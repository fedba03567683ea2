/**
 * 目标分解: a city total split over the units so that the parts add up exactly. Shares follow each
 * unit's basis (last year's 实际值) or are equal; targets are whole multiples of a rounding step, given
 * out by largest remainder. Every target is positive: a unit whose share is under one step gets exactly
 * one step and the rest is re-split over the others, repeated until no share is under one step.
 * Arithmetic is exact (BigInt over scaled integers), so ties are real ties: they go to the unit listed
 * first in 单位.
 */

export interface SplitUnit {
  readonly name: string;
  /** Last year's figure (≥ 0); ignored when the split is equal. */
  readonly basis: number;
}

export interface SplitRequest {
  /** In 单位 order: the order that breaks ties. */
  readonly units: readonly SplitUnit[];
  readonly total: number;
  /** Rounding step (--round), > 0. */
  readonly step: number;
  /** 平均: equal shares whatever the basis. */
  readonly equal: boolean;
}

export interface SplitLine {
  readonly name: string;
  readonly basis: number;
  /** The unit's share of the basis (1/n when the split is equal). */
  readonly share: number;
  readonly target: number;
  /** True when its share was under one step and it got exactly one step. */
  readonly raisedToOneStep: boolean;
}

export type SplitResult =
  | {
      readonly ok: true;
      readonly lines: readonly SplitLine[];
      /** True when shares are equal: asked for, or every basis is 0. */
      readonly equal: boolean;
      /** total − (a whole number of steps): added to the largest target so the sum stays exact. */
      readonly remainder: number;
    }
  | { readonly ok: false; readonly problem: string; readonly fix: string };

const SCALE_DIGITS = 6;

function decimals(value: number): number {
  const text = String(value);
  const dot = text.indexOf('.');
  return dot < 0 || /e/i.test(text) ? 0 : Math.min(SCALE_DIGITS, text.length - dot - 1);
}

/** Splits `total` over the units; the targets always sum to `total` exactly. */
export function splitTarget(request: SplitRequest): SplitResult {
  const { units, total, step } = request;
  if (units.length === 0) return { ok: false, problem: '“单位”页没有可用的单位', fix: '请先在“单位”页填写各单位名称和考核组别' };
  if (!(total > 0) || !(step > 0)) return { ok: false, problem: '总数和取整单位都必须大于 0', fix: '请检查 --total 和 --round' };
  const digits = Math.max(decimals(total), decimals(step));
  const scale = 10n ** BigInt(digits);
  const toScaled = (v: number) => BigInt(Math.round(v * 10 ** digits));
  const totalScaled = toScaled(total);
  const stepScaled = toScaled(step);
  const steps = totalScaled / stepScaled;
  const remainder = totalScaled - steps * stepScaled;
  if (steps < BigInt(units.length)) {
    const most = Math.floor((total / units.length) * 10 ** digits) / 10 ** digits;
    return {
      ok: false,
      problem: `总数 ${total} 按 ${step} 取整只有 ${steps} 份，不够 ${units.length} 个单位每个至少分到一份`,
      fix: `请用更小的取整单位，如 --round ${niceStepAtMost(most)}，或核对 --total`,
    };
  }
  const weights = units.map((u) => (request.equal ? 1n : BigInt(Math.max(0, Math.round(u.basis * 1e6)))));
  const allZero = weights.every((w) => w === 0n);
  const effective = allZero ? units.map(() => 1n) : weights;
  const stepsOf = apportion(effective, steps);
  let largest = 0;
  stepsOf.forEach((s, i) => { if (s.steps > (stepsOf[largest]?.steps ?? 0n)) largest = i; });
  const basisTotal = units.reduce((sum, u) => sum + Math.max(0, u.basis), 0);
  const equal = request.equal || allZero;
  const lines = units.map((u, i): SplitLine => {
    const scaled = (stepsOf[i]?.steps ?? 0n) * stepScaled + (i === largest ? remainder : 0n);
    return {
      name: u.name, basis: u.basis,
      share: equal ? 1 / units.length : Math.max(0, u.basis) / basisTotal,
      target: Number(scaled / scale) + Number(scaled % scale) / 10 ** digits,
      raisedToOneStep: stepsOf[i]?.raised ?? false,
    };
  });
  return { ok: true, lines, equal, remainder: Number(remainder) / 10 ** digits };
}

/**
 * Hare–Niemeyer with a floor of one step: units whose quota is under one are fixed at one and the rest
 * re-split, until none is; then floors, and the leftover steps by largest remainder, first listed first.
 */
function apportion(weights: readonly bigint[], steps: bigint): { steps: bigint; raised: boolean }[] {
  const out = weights.map(() => ({ steps: 0n, raised: false }));
  const active = new Set(weights.map((_, i) => i));
  for (;;) {
    const left = steps - BigInt(weights.length - active.size);
    const sum = [...active].reduce((s, i) => s + (weights[i] ?? 0n), 0n);
    const below = [...active].filter((i) => sum === 0n || left * (weights[i] ?? 0n) < sum);
    if (below.length === 0) {
      const quotas = [...active].map((i) => ({ i, floor: (left * (weights[i] ?? 0n)) / sum, rest: (left * (weights[i] ?? 0n)) % sum }));
      let spare = left - quotas.reduce((s, q) => s + q.floor, 0n);
      for (const q of quotas) out[q.i] = { steps: q.floor, raised: false };
      const order = [...quotas].sort((a, b) => (a.rest === b.rest ? a.i - b.i : a.rest > b.rest ? -1 : 1));
      for (const q of order) {
        if (spare === 0n) break;
        out[q.i] = { steps: (out[q.i]?.steps ?? 0n) + 1n, raised: false };
        spare--;
      }
      return out;
    }
    for (const i of below) {
      out[i] = { steps: 1n, raised: true };
      active.delete(i);
    }
    if (active.size === 0) return out;
  }
}

/** The largest of 1, 2, 5 × 10ⁿ not above `most` (at least 1): a step a person would choose. */
function niceStepAtMost(most: number): number {
  let best = 1;
  for (let p = 1; p <= most; p *= 10) for (const m of [1, 2, 5]) if (m * p <= most) best = m * p;
  return best;
}
