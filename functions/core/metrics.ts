/**
 * 口径: what each indicator measures for a unit in an assessed month, exactly as the contract defines it.
 * Only counted rows (no 错误) are given to these functions.
 */
import { dayOf, lastDayOfMonth, type Day, type Period } from './dates.js';
import type { Project } from './ledger.js';
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
