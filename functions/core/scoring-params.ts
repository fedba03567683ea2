/**
 * 计分参数 (v2): `名称:值` items separated by `；` or `;`. Which items a 计分方式 accepts and requires comes
 * from its registry entry; an unknown item, an item of another 计分方式 or a value that cannot be read is
 * an 错误 on the 计分参数 cell, with the way to write it.
 */
import { toHalfWidth } from './cells.js';
import { decodeAmount, decodeNumber } from './codecs.js';
import { basisUnit, type Basis } from './bases.js';
import { scoringsAccepting, type ParamName, type ScoringParams, type ScoringRule, type Tier } from './scorings.js';

/** How a threshold was written: a percentage (for completions and rates), an amount with 万/亿/元, or a plain number. */
export type ThresholdKind = 'percent' | 'amount' | 'plain';

export interface Threshold {
  readonly value: number;
  readonly text: string;
  readonly kind: ThresholdKind;
}

const PARAM_NAMES: readonly ParamName[] = ['档位', '下限', '步长', '范围', '门槛'];
const HOW: Record<ParamName, string> = {
  档位: '档位:100%=20/80%=15/60%=10（阈值=得分，用 / 分隔）',
  下限: '下限:60%',
  步长: '步长:1',
  范围: '范围:组内 或 范围:全市',
  门槛: '门槛:60%（完成率、比率）或 门槛:5（个数）',
};

/** A 阈值 or 门槛: `80%`, `5`, `5亿` / `5000万` (in the indicator's unit). */
export function parseThreshold(text: string): Threshold | undefined {
  const t = toHalfWidth(text).replace(/\s/g, '');
  if (/%$/.test(t)) {
    const d = decodeNumber(t);
    return d.ok && d.value !== undefined && d.value >= 0 ? { value: d.value, text: t, kind: 'percent' } : undefined;
  }
  if (/[万亿元]/.test(t)) {
    const d = decodeAmount(t);
    return d.ok && d.value !== undefined ? { value: d.value, text: t, kind: 'amount' } : undefined;
  }
  const d = decodeNumber(t);
  return d.ok && d.value !== undefined && d.value >= 0 ? { value: d.value, text: t, kind: 'plain' } : undefined;
}

export type ParamsParse = { ok: true; params: ScoringParams & { kinds: readonly ThresholdKind[] } } | { ok: false; problem: string; fix: string };

/** Parses the 计分参数 cell for a rule; `kinds` lists how every threshold was written, for the later unit check. */
export function parseParams(text: string, rule: ScoringRule, basis: Basis): ParamsParse {
  const items = toHalfWidth(text).split(/[;；]/).map((s) => s.trim()).filter(Boolean);
  const kinds: ThresholdKind[] = [];
  const out: { tiers?: Tier[]; floor?: number; step?: number; scope?: '组内' | '全市'; gate?: { value: number; text: string } } = {};
  const accepted = rule.params as readonly ParamName[];
  const present = new Set<ParamName>();
  const fail = (problem: string, item?: ParamName): ParamsParse =>
    ({ ok: false, problem, fix: item ? `请写成 ${HOW[item]}` : `“${rule.name}”可用的计分参数：${accepted.length > 0 ? accepted.map((p) => HOW[p]).join('；') : '无（请清空）'}` });
  for (const item of items) {
    const m = /^([^:：=]+?)\s*[:：]\s*(.*)$/.exec(item);
    const name = (m?.[1] ?? item).replace(/\s/g, '') as ParamName;
    const value = (m?.[2] ?? '').trim();
    if (!PARAM_NAMES.includes(name)) return fail(`“${item}”不是可识别的计分参数`);
    if (!accepted.includes(name)) return fail(`“${name}”只用于${scoringsAccepting(name).join('、')}，不适用于“${rule.name}”`);
    if (!m || value === '') return fail(`“${name}”没有写值`, name);
    present.add(name);
    switch (name) {
      case '档位': {
        const tiers: Tier[] = [];
        for (const part of value.split(/[/、]/).map((s) => s.trim()).filter(Boolean)) {
          const tm = /^(.+?)\s*=\s*(.+)$/.exec(part);
          const threshold = tm ? parseThreshold(tm[1] ?? '') : undefined;
          const points = tm ? decodeNumber(tm[2] ?? '') : undefined;
          if (!threshold || !points?.ok || points.value === undefined || points.value < 0) return fail(`档位“${part}”无法识别`, '档位');
          tiers.push({ threshold: threshold.value, points: points.value, text: threshold.text });
          kinds.push(threshold.kind);
        }
        if (tiers.length === 0) return fail('档位没有写任何一档', '档位');
        out.tiers = tiers.sort((a, b) => b.threshold - a.threshold);
        break;
      }
      case '下限': {
        const d = decodeNumber(value);
        // `60` means 60%; `60%` and `0.6` are already the share.
        const floor = d.ok && d.value !== undefined ? (!value.endsWith('%') && d.value > 1 ? d.value / 100 : d.value) : Number.NaN;
        if (!(floor >= 0 && floor <= 1)) return fail(`下限“${value}”不是 0 到 100% 之间的比例`, '下限');
        out.floor = floor;
        break;
      }
      case '步长': {
        const d = decodeNumber(value);
        if (!d.ok || d.value === undefined || d.value <= 0) return fail(`步长“${value}”不是正数`, '步长');
        out.step = d.value;
        break;
      }
      case '范围': {
        if (value !== '组内' && value !== '全市') return fail(`范围“${value}”无法识别`, '范围');
        out.scope = value;
        break;
      }
      case '门槛': {
        const gate = parseThreshold(value);
        if (!gate) return fail(`门槛“${value}”无法识别`, '门槛');
        out.gate = { value: gate.value, text: gate.text };
        kinds.push(gate.kind);
        break;
      }
    }
  }
  const missing = rule.requiredParams.find((p) => !present.has(p));
  if (missing) return { ok: false, problem: `“${rule.name}”必须在计分参数中写“${missing}”`, fix: `请写成 ${HOW[missing]}${basisUnit(basis) === '个' ? '，个数口径如 档位:10=10/5=6/1=2' : ''}` };
  return { ok: true, params: { ...out, kinds } };
}
