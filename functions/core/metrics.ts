/**
 * 口径: what each indicator measures for a unit in an assessed month, exactly as the contract defines it.
 * Only counted rows (no 错误) are given to these functions.
 */
import { dayOf, lastDayOfMonth, type Day, type Period } from './dates.js';
import type { Project } from './ledger.js';
import { KEY_COMPANY_TYPES, type Basis } from './vocabulary.js';
import type { WeeklyRecord } from './system-records.js';

/** The window of an assessed month: W = Y-01-01 … E. */
export interface Window {
  readonly period: Period;
  readonly start: Day;
  /** E: last day of the assessed month. */
  readonly end: Day;
  readonly overdueDays: number;
}

export function windowOf(period: Period, overdueDays: number): Window {
  return { period, start: dayOf(period.year, 1, 1), end: lastDayOfMonth(period.year, period.month), overdueDays };
}

const inWindow = (day: Day | undefined, w: Window): boolean => day !== undefined && day >= w.start && day <= w.end;

/** Rows counted by 签约项目数: not 终止, 签约日期 in W. */
export function signedIn(projects: readonly Project[], w: Window): Project[] {
  return projects.filter((p) => p.stage !== '终止' && inWindow(p.signDate, w));
}

/** Rows overdue at E: not 终止, signed on or before E − days, not started by E. */
export function overdueAt(projects: readonly Project[], w: Window): Project[] {
  const limit = w.end - w.overdueDays;
  return projects.filter(
    (p) => p.stage !== '终止' && p.signDate !== undefined && p.signDate <= limit && !(p.startDate !== undefined && p.startDate <= w.end),
  );
}

/** Signed rows due to have started by E (any stage, 终止 included), and how many did. */
export function performance(projects: readonly Project[], w: Window): { due: number; started: number } {
  const limit = w.end - w.overdueDays;
  const due = projects.filter((p) => p.signDate !== undefined && p.signDate <= limit);
  return { due: due.length, started: due.filter((p) => p.startDate !== undefined && p.startDate <= w.end).length };
}

/** Weekly records of year Y with deadline ≤ E for one unit: on time / recorded, 1 when none. */
export function weeklyRate(records: readonly WeeklyRecord[], unit: string, w: Window): { onTime: number; recorded: number } {
  const mine = records.filter((r) => r.unit === unit && r.deadlineDay >= w.start && r.deadlineDay <= w.end);
  return { onTime: mine.filter((r) => r.onTime).length, recorded: mine.length };
}

/** The actual value of a 口径 for one unit's counted projects. Rates are fractions in [0, 1]. */
export function measure(basis: Basis, projects: readonly Project[], w: Window, weekly: readonly WeeklyRecord[], unit: string): number {
  switch (basis) {
    case '到位资金':
      return projects.reduce((sum, p) => sum + p.arrived.slice(0, w.period.month).reduce((a, b) => a + b, 0), 0);
    case '签约项目数':
      return signedIn(projects, w).length;
    case '签约金额':
      return signedIn(projects, w).reduce((sum, p) => sum + (p.contractAmount ?? 0), 0);
    case '亿元以上签约项目数':
      return signedIn(projects, w).filter((p) => (p.contractAmount ?? 0) >= 10_000).length;
    case '十亿元以上签约项目数':
      return signedIn(projects, w).filter((p) => (p.contractAmount ?? 0) >= 100_000).length;
    case '开工项目数':
      return projects.filter((p) => p.stage !== '终止' && inWindow(p.startDate, w)).length;
    case '投产项目数':
      return projects.filter((p) => p.stage !== '终止' && inWindow(p.productionDate, w)).length;
    case '重点企业签约数':
      return signedIn(projects, w).filter((p) => p.companyTypes.some((t) => KEY_COMPANY_TYPES.includes(t))).length;
    case '超期未开工项目数':
      return overdueAt(projects, w).length;
    case '履约率': {
      const { due, started } = performance(projects, w);
      return due === 0 ? 1 : started / due;
    }
    case '周上报及时率': {
      const { onTime, recorded } = weeklyRate(weekly, unit, w);
      return recorded === 0 ? 1 : onTime / recorded;
    }
  }
}
