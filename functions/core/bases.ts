/**
 * The 口径 registry: what each indicator can measure, declared once. Parsing (the 口径 cell), validation
 * (which 计分方式 and 筛选 a 口径 accepts), the 考评办法 note and dropdown, targets' units, report units and
 * the measuring itself all derive from this list. A new 口径 is one entry here plus its tests.
 */
import type { Project } from './ledger.js';
import { overdueAt, performance, signedIn, weeklyRate, type Window } from './metrics.js';
import type { WeeklyRecord } from './system-records.js';
import { KEY_COMPANY_TYPES } from './vocabulary.js';

/** Unit of a 口径's value: targets, thresholds and report figures are in it. */
export type ValueUnit = '万元' | '万美元' | '个' | '%';

/** What measuring needs besides the unit's (already narrowed) rows. */
export interface MeasureContext {
  readonly window: Window;
  readonly weekly: readonly WeeklyRecord[];
  readonly unit: string;
  /** 参数.美元汇率: 万元 per 万美元; undefined when not set. */
  readonly usdRate: number | undefined;
}

export interface BasisRule {
  readonly name: string;
  readonly unit: ValueUnit;
  /** Counts ledger rows: 筛选 and 仅计认定项目 apply. False only for 周上报及时率. */
  readonly rowBased: boolean;
  /** Needs 资金来源 on the rows it counts (so 资金来源 becomes required from 签约). */
  readonly usesSource: boolean;
  /** One line for the 考评办法 note. */
  readonly note: string;
  /** The value for one unit; rates are fractions in [0, 1]. */
  readonly measure: (rows: readonly Project[], context: MeasureContext) => number;
}

const arrivedThrough = (p: Project, month: number): number => p.arrived.slice(0, month).reduce((a, b) => a + b, 0);
const rate = (part: number, whole: number): number => (whole === 0 ? 1 : part / whole);

/** Every 口径, in the order the 考评办法 note lists them. */
export const BASIS_RULES = [
  { name: '到位资金', unit: '万元', rowBased: true, usesSource: false, note: '1月至考核月累计到位资金（万元，含终止项目）',
    measure: (rows, c) => rows.reduce((sum, p) => sum + arrivedThrough(p, c.window.period.month), 0) },
  { name: '签约项目数', unit: '个', rowBased: true, usesSource: false, note: '年内签约的项目个数（不含终止）',
    measure: (rows, c) => signedIn(rows, c.window).length },
  { name: '签约金额', unit: '万元', rowBased: true, usesSource: false, note: '年内签约项目的合同投资额（万元）',
    measure: (rows, c) => signedIn(rows, c.window).reduce((sum, p) => sum + (p.contractAmount ?? 0), 0) },
  { name: '亿元以上签约项目数', unit: '个', rowBased: true, usesSource: false, note: '合同投资额 1 亿元以上的签约项目个数',
    measure: (rows, c) => signedIn(rows, c.window).filter((p) => (p.contractAmount ?? 0) >= 10_000).length },
  { name: '十亿元以上签约项目数', unit: '个', rowBased: true, usesSource: false, note: '合同投资额 10 亿元以上的签约项目个数',
    measure: (rows, c) => signedIn(rows, c.window).filter((p) => (p.contractAmount ?? 0) >= 100_000).length },
  { name: '开工项目数', unit: '个', rowBased: true, usesSource: false, note: '年内开工的项目个数',
    measure: (rows, c) => rows.filter((p) => p.stage !== '终止' && p.startDate !== undefined && p.startDate >= c.window.start && p.startDate <= c.window.end).length },
  { name: '投产项目数', unit: '个', rowBased: true, usesSource: false, note: '年内投产的项目个数',
    measure: (rows, c) => rows.filter((p) => p.stage !== '终止' && p.productionDate !== undefined && p.productionDate >= c.window.start && p.productionDate <= c.window.end).length },
  { name: '重点企业签约数', unit: '个', rowBased: true, usesSource: false, note: '世界500强、中国500强、央企、国企、行业龙头的签约项目个数',
    measure: (rows, c) => signedIn(rows, c.window).filter((p) => p.companyTypes.some((t) => KEY_COMPANY_TYPES.includes(t))).length },
  { name: '超期未开工项目数', unit: '个', rowBased: true, usesSource: false, note: '签约超过期限仍未开工的项目个数',
    measure: (rows, c) => overdueAt(rows, c.window).length },
  { name: '履约率', unit: '%', rowBased: true, usesSource: false, note: '签约满期限的项目中已开工的比例',
    measure: (rows, c) => { const { due, started } = performance(rows, c.window); return rate(started, due); } },
  { name: '周上报及时率', unit: '%', rowBased: false, usesSource: false, note: '按时完成周上报的周数占比',
    measure: (_rows, c) => { const { onTime, recorded } = weeklyRate(c.weekly, c.unit, c.window); return rate(onTime, recorded); } },
  { name: '实际利用外资', unit: '万美元', rowBased: true, usesSource: true, note: '资金来源为境外的项目 1月至考核月累计到位（万美元）',
    measure: (rows, c) => rows.filter((p) => p.source === '境外').reduce((sum, p) => {
      if (p.currency === '美元') return sum + p.arrivedTyped.slice(0, c.window.period.month).reduce((a, b) => a + b, 0);
      // 人民币 rows are converted at 参数.美元汇率; without it they cannot count (参数 shows the 错误).
      return c.usdRate === undefined ? sum : sum + arrivedThrough(p, c.window.period.month) / c.usdRate;
    }, 0) },
  { name: '开工率', unit: '%', rowBased: true, usesSource: false, note: '年内签约项目中已开工的比例',
    measure: (rows, c) => { const signed = signedIn(rows, c.window); return rate(signed.filter((p) => p.startDate !== undefined && p.startDate <= c.window.end).length, signed.length); } },
] as const satisfies readonly BasisRule[];

export type Basis = (typeof BASIS_RULES)[number]['name'];
/** Every 口径 name, in order. */
export const BASES: readonly Basis[] = BASIS_RULES.map((b) => b.name);
const BY_NAME = new Map<string, BasisRule>(BASIS_RULES.map((b) => [b.name, b]));

/** The rule of a 口径 name, or undefined when it is not one. */
export function basisRule(name: string): BasisRule | undefined {
  return BY_NAME.get(name);
}

/** Unit of a 口径's value. */
export function basisUnit(basis: Basis): ValueUnit {
  return BY_NAME.get(basis)?.unit ?? '个';
}

/** True for 口径 whose value is a rate in [0, 1]. */
export const isRateBasis = (basis: Basis): boolean => basisUnit(basis) === '%';
/** True for 口径 whose value is money (万元 or 万美元). */
export const isAmountBasis = (basis: Basis): boolean => basisUnit(basis) === '万元' || basisUnit(basis) === '万美元';
/** 口径 whose value is a rate; kept for callers of v1. */
export const RATE_BASES: readonly Basis[] = BASES.filter(isRateBasis);
/** 口径 measured in money. */
export const AMOUNT_BASES: readonly Basis[] = BASES.filter(isAmountBasis);

/** The value of a 口径 for one unit's rows (already narrowed by 仅计认定项目 and 筛选). */
export function measure(basis: Basis, projects: readonly Project[], w: Window, weekly: readonly WeeklyRecord[], unit: string, usdRate?: number): number {
  return (BY_NAME.get(basis) ?? BASIS_RULES[0]).measure(projects, { window: w, weekly, unit, usdRate });
}
