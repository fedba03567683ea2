/**
 * 筛选 (v2): conditions on ledger fields that narrow the rows a row-based 口径 counts. Each field is
 * declared once with the operators it accepts and how it reads a row; parsing, messages and the
 * corrected example for a 筛选 that cannot be read all derive from that table.
 */
import { toHalfWidth } from './cells.js';
import { decodeAmount } from './codecs.js';
import type { Project } from './ledger.js';
import { COMPANY_TYPES, CURRENCIES, FUND_SOURCES, INVESTMENT_METHODS, RECOGNITIONS, STAGES } from './vocabulary.js';

type Operator = '≥' | '>' | '≤' | '<' | '=' | '≠' | '含';

interface FilterField {
  readonly name: string;
  readonly kind: 'amount' | 'choice' | 'types' | 'text';
  /** The closed list a choice field takes (产业链 comes from 参数). */
  readonly choices?: (chains: readonly string[]) => readonly string[];
  readonly read: (p: Project) => number | string | readonly string[] | undefined;
  readonly example: string;
}

const OPERATORS: Record<FilterField['kind'], readonly Operator[]> = {
  amount: ['≥', '>', '≤', '<', '='],
  choice: ['=', '≠'],
  types: ['=', '≠'],
  text: ['含'],
};

/** Every field a 筛选 may name. Blank 币种 reads as 人民币 and blank 认定状态 as 未认定 (the Project does that). */
export const FILTER_FIELDS: readonly FilterField[] = [
  { name: '总投资', kind: 'amount', read: (p) => p.totalInvestment, example: '总投资≥1亿' },
  { name: '合同投资额', kind: 'amount', read: (p) => p.contractAmount, example: '合同投资额≥5000万' },
  { name: '产业链', kind: 'choice', choices: (chains) => chains, read: (p) => p.chain, example: '产业链=新能源/新材料' },
  { name: '招商方式', kind: 'choice', choices: () => INVESTMENT_METHODS, read: (p) => p.method, example: '招商方式=以商招商/基金招商' },
  { name: '资金来源', kind: 'choice', choices: () => FUND_SOURCES, read: (p) => p.source, example: '资金来源=省外境内/境外' },
  { name: '认定状态', kind: 'choice', choices: () => RECOGNITIONS, read: (p) => p.recognition, example: '认定状态=已认定' },
  { name: '项目阶段', kind: 'choice', choices: () => STAGES, read: (p) => p.stage, example: '项目阶段≠终止' },
  { name: '币种', kind: 'choice', choices: () => CURRENCIES, read: (p) => p.currency, example: '币种=美元' },
  { name: '企业类型', kind: 'types', choices: () => COMPANY_TYPES, read: (p) => p.companyTypes, example: '企业类型=世界500强/央企' },
  { name: '投资方所在地', kind: 'text', read: (p) => p.investorPlace, example: '投资方所在地 含 广东/浙江' },
];

/** A parsed 筛选: the text as written, a row test, and whether it looks at 资金来源. */
export interface Filter {
  readonly text: string;
  readonly test: (p: Project) => boolean;
  readonly usesSource: boolean;
}

export type FilterParse = { readonly ok: true; readonly filter: Filter } | { readonly ok: false; readonly problem: string; readonly fix: string };

// Longest names first so 合同投资额 is not read as 投资额, and ≥ forms before their one-character prefixes.
const FIELD_NAMES = [...FILTER_FIELDS].sort((a, b) => b.name.length - a.name.length);
const CONDITION = /^(>=|<=|!=|<>|≥|≤|≠|>|<|=|含)(.*)$/;
const CANONICAL: Record<string, Operator> = { '>=': '≥', '<=': '≤', '!=': '≠', '<>': '≠' };

/** Parses a 筛选 cell; `chains` is 参数.产业链. Never throws. */
export function parseFilter(raw: string, chains: readonly string[], withExample = true): FilterParse {
  const text = toHalfWidth(raw).trim();
  const tests: ((p: Project) => boolean)[] = [];
  let usesSource = false;
  for (const part of text.split(/[;；]/).map((s) => s.trim()).filter(Boolean)) {
    const parsed = parseCondition(part, chains);
    if (!parsed.ok) {
      const corrected = withExample ? suggest(text, chains) : undefined;
      const fix = corrected ? `请写成“${corrected}”` : `每个条件写成“字段 运算 值”，多个条件用分号分隔，如 ${FILTER_FIELDS.slice(2, 5).map((f) => f.example).join('；')}`;
      return { ok: false, problem: `条件“${part}”${parsed.problem}`, fix: `${fix}${parsed.hint ? `（${parsed.hint}）` : ''}` };
    }
    tests.push(parsed.test);
    usesSource ||= parsed.field === '资金来源';
  }
  return { ok: true, filter: { text, usesSource, test: (p) => tests.every((t) => t(p)) } };
}

type ConditionParse =
  | { ok: true; field: string; test: (p: Project) => boolean }
  | { ok: false; problem: string; hint?: string };

function parseCondition(part: string, chains: readonly string[]): ConditionParse {
  const compact = part.replace(/\s+/g, '');
  const field = FIELD_NAMES.find((f) => compact.startsWith(f.name) || compact.startsWith(`${f.name}(万元)`));
  if (!field) return { ok: false, problem: '没有可识别的字段', hint: `可用字段：${FILTER_FIELDS.map((f) => f.name).join('、')}` };
  const rest = compact.slice(compact.startsWith(`${field.name}(万元)`) ? field.name.length + 4 : field.name.length);
  const m = CONDITION.exec(rest);
  const op = m ? (CANONICAL[m[1] ?? ''] ?? (m[1] as Operator)) : undefined;
  const allowed = OPERATORS[field.kind];
  if (!m || !op) return { ok: false, problem: `缺少运算符`, hint: `“${field.name}”可用：${allowed.join(' ')}，如 ${field.example}` };
  if (!allowed.includes(op)) return { ok: false, problem: `中“${field.name}”不能用“${op}”`, hint: `“${field.name}”可用：${allowed.join(' ')}，如 ${field.example}` };
  const valueText = (m[2] ?? '').trim();
  if (valueText === '') return { ok: false, problem: '缺少值', hint: `如 ${field.example}` };
  if (field.kind === 'amount') {
    const amount = decodeAmount(valueText);
    if (!amount.ok || amount.value === undefined) return { ok: false, problem: `中的金额“${valueText}”无法识别`, hint: `金额可写 50000、5000万、1亿，如 ${field.example}` };
    const limit = amount.value;
    const compare = { '≥': (v: number) => v >= limit, '>': (v: number) => v > limit, '≤': (v: number) => v <= limit, '<': (v: number) => v < limit, '=': (v: number) => v === limit }[op as '≥'];
    return { ok: true, field: field.name, test: (p) => { const v = field.read(p); return typeof v === 'number' && compare(v); } };
  }
  const values = valueText.split(/[/、]/).map((v) => v.trim()).filter(Boolean);
  if (field.choices) {
    const choices = field.choices(chains);
    const bad = values.find((v) => !choices.includes(v));
    if (bad !== undefined) return { ok: false, problem: `中“${bad}”不是${field.name}的可选值`, hint: `${field.name}可选：${choices.join('、')}；多个值用 / 分隔，如 ${field.example}` };
  }
  const holds = (v: ReturnType<FilterField['read']>): boolean => {
    if (v === undefined || v === '') return false;
    if (field.kind === 'types') return (v as readonly string[]).some((t) => values.includes(t));
    if (field.kind === 'text') return values.some((needle) => String(v).includes(needle));
    return values.includes(String(v));
  };
  // A blank field never satisfies =, 含 or a comparison, and always satisfies ≠.
  return { ok: true, field: field.name, test: op === '≠' ? (p) => !holds(field.read(p)) : (p) => holds(field.read(p)) };
}

const OPERATOR_WORDS: readonly [RegExp, string][] = [
  [/不等于|不是|不为|!=|<>/g, '≠'], [/大于等于|不低于|不少于|>=/g, '≥'], [/小于等于|不高于|不超过|<=/g, '≤'],
  [/大于|高于|超过/g, '>'], [/小于|低于/g, '<'], [/包含|含有|包括/g, '含'], [/等于|[:：]|为|是/g, '='],
];
const FIELD_ALIASES: readonly [RegExp, string][] = [
  [/^(?:资金)?来源/, '资金来源'], [/^(?:合同)?(?:投资)?金额|^合同额/, '合同投资额'], [/^(?:项目)?阶段/, '项目阶段'],
  [/^(?:投资方)?所在地|^投资地/, '投资方所在地'], [/^认定(?:状态)?/, '认定状态'], [/^(?:企业)?类型/, '企业类型'], [/^货币|^币别/, '币种'],
];

/** A corrected 筛选 built from the admin's own words, when one can be found; undefined otherwise. */
export function suggest(text: string, chains: readonly string[]): string | undefined {
  const parts = toHalfWidth(text).split(/[;；]/).map((s) => s.trim()).filter(Boolean).map((part) => {
    let s = part.replace(/\s+/g, '');
    if (!FIELD_NAMES.some((f) => s.startsWith(f.name))) for (const [re, name] of FIELD_ALIASES) if (re.test(s)) { s = s.replace(re, name); break; }
    for (const [re, op] of OPERATOR_WORDS) s = s.replace(re, op);
    s = s.replace(/[,，、]|或/g, '/');
    return s.replace(/^(投资方所在地)含/, '$1 含 ');
  });
  const candidate = parts.join('；');
  return parseFilter(candidate, chains, false).ok && candidate !== toHalfWidth(text).trim() ? candidate : undefined;
}
