/** What a month's reports need beyond the core's MonthOutcome. */
import {
  dayOf, lastDayOfMonth, type MonthOutcome, type Period, type UnitScore, type WeeklyRecord,
} from '../../functions/core/index.js';
import { groupedBy } from './grouped.js';

/** Optional inputs the caller may pass along with a MonthOutcome. */
export interface MonthContext {
  /**
   * 周报记录 as read by the core's readWeeklyRecords. With them the data-quality summary counts the weeks
   * a unit missed in the month; without, it falls back to the 周上报及时率 indicator when the method has one.
   */
  readonly weekly?: readonly WeeklyRecord[];
}

/** Weekly reporting of one unit in the assessed month: weeks missed, and the year's on-time rate. */
export interface WeeklyStanding {
  /** Deadlines of the month not met; undefined when 周报记录 holds none of the month for the unit. */
  readonly missedThisMonth: number | undefined;
  /** On-time share of the year so far (from 周报记录, else the 周上报及时率 score); undefined when unknown. */
  readonly rate: number | undefined;
}

/** A unit's weekly reporting, from 周报记录 when given, else from its 周上报及时率 score. */
export function weeklyStanding(score: UnitScore, period: Period, context: MonthContext): WeeklyStanding {
  const records = context.weekly ? groupedBy(context.weekly, 'unit', (r) => r.unit).get(score.unit.name) ?? [] : [];
  const end = lastDayOfMonth(period.year, period.month);
  const year = records.filter((r) => r.deadlineDay >= dayOf(period.year, 1, 1) && r.deadlineDay <= end);
  const month = year.filter((r) => r.deadlineDay >= dayOf(period.year, period.month, 1));
  const indicator = score.scores.find((s) => s.indicator.basis === '周上报及时率');
  // No record of the month is "unknown", not "on time".
  return {
    missedThisMonth: month.length === 0 ? undefined : month.filter((r) => !r.onTime).length,
    rate: year.length === 0 ? indicator?.actual : year.filter((r) => r.onTime).length / year.length,
  };
}

/** True when the outcome could be scored (no structural problem). */
export function isAssessed(outcome: MonthOutcome): boolean {
  return outcome.structure.length === 0 && outcome.scores.length > 0;
}
