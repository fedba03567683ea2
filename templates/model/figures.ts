/**
 * City-wide figures computed from counted ledger rows with the core's own 口径, so a bulletin's totals
 * agree with the assessment to the 万元.
 */
import {
  basisUnit, measure, performance, windowOf, type AdminData, type Basis, type Period, type Project, type Window,
} from '../../functions/core/index.js';
import type { ValueUnit } from '../html/format.js';

/** One headline figure: the city's actual value of a 口径, and its target where the method sets one. */
export interface CityFigure {
  readonly label: string;
  readonly basis: Basis;
  readonly valueUnit: ValueUnit;
  readonly actual: number;
  /** Sum of the units' annual targets of the 目标完成率 indicator on this 口径; undefined when none. */
  readonly target: number | undefined;
  /** actual ÷ target (of the whole year). */
  readonly progress: number | undefined;
  /** 序时进度 of the month: the share of the annual target due by now. */
  readonly pace: number;
  /** A short derived remark, e.g. 履约率's "应开工 4 个，已开工 2 个". */
  readonly detail: string;
}

/** The headline 口径 of a bulletin, in the order a leader reads them. */
export const HEADLINE_BASES: readonly { basis: Basis; label: string }[] = [
  { basis: '到位资金', label: '到位资金' },
  { basis: '签约项目数', label: '签约项目' },
  { basis: '签约金额', label: '签约金额' },
  { basis: '亿元以上签约项目数', label: '亿元以上项目' },
  { basis: '开工项目数', label: '开工项目' },
  { basis: '履约率', label: '履约率' },
];

/** 序时进度 of a month: the configured cumulative share, or m/12. */
export function paceOf(admin: AdminData, month: number): number {
  return admin.settings.pace[month - 1] ?? month / 12;
}

/** The city's annual target on a 口径: the sum of the units' targets of its 目标完成率 indicator. */
export function cityTarget(admin: AdminData, basis: Basis): number | undefined {
  // Only an indicator over all rows: a 筛选 (e.g. 省外资金 only) measures something else than the city figure.
  const indicator = admin.method.find((m) => m.basis === basis && m.scoring === '目标完成率' && m.filter === undefined);
  if (!indicator) return undefined;
  let sum = 0;
  for (const unit of admin.units) sum += admin.targets.get(unit.name)?.get(indicator.name) ?? 0;
  return sum > 0 ? sum : undefined;
}

/** Headline figures of the city at the end of an assessed month. */
export function cityFigures(admin: AdminData, counted: readonly Project[], period: Period): CityFigure[] {
  const w = windowOf(period, admin.settings.overdueDays);
  const pace = paceOf(admin, period.month);
  return HEADLINE_BASES.map(({ basis, label }) => {
    const actual = measure(basis, counted, w, [], '');
    const target = basis === '履约率' ? undefined : cityTarget(admin, basis);
    return {
      label, basis, valueUnit: basisUnit(basis), actual, target,
      progress: target === undefined ? undefined : actual / target, pace, detail: detailOf(basis, counted, w),
    };
  });
}

function detailOf(basis: Basis, counted: readonly Project[], w: Window): string {
  if (basis !== '履约率') return '';
  const { due, started } = performance(counted, w);
  return due === 0 ? '暂无到期应开工项目' : `签约满期应开工 ${due} 个，已开工 ${started} 个`;
}

/** The city's value of a 口径 inside a date range of the year (e.g. one quarter): month numbers from–to. */
export function cityFigureBetween(admin: AdminData, counted: readonly Project[], year: number, from: number, to: number, basis: Basis): number {
  const end = measure(basis, counted, windowOf({ year, month: to }, admin.settings.overdueDays), [], '');
  if (from <= 1) return end;
  const before = measure(basis, counted, windowOf({ year, month: from - 1 }, admin.settings.overdueDays), [], '');
  return end - before;
}
