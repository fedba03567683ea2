/** The weekly deadline setting, e.g. `周五 17:00`. */
import { toHalfWidth } from './cells.js';
import { shanghaiInstant, shanghaiParts, type Day } from './dates.js';

export interface WeeklyDeadline {
  /** 1 = Monday … 7 = Sunday. */
  readonly weekday: number;
  readonly minutes: number;
}

const WEEKDAYS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7 };

/** Parses `周五 17:00`, `星期五17:00`, `周日 9:30`; undefined when malformed. */
export function parseWeeklyDeadline(text: string): WeeklyDeadline | undefined {
  const m = /^(?:周|星期|礼拜)([一二三四五六日天])\s*(\d{1,2})[:：](\d{2})$/.exec(toHalfWidth(text).trim());
  if (!m) return undefined;
  const hour = Number(m[2]);
  const minute = Number(m[3]);
  if (hour > 23 || minute > 59) return undefined;
  return { weekday: WEEKDAYS[m[1] ?? ''] ?? 5, minutes: hour * 60 + minute };
}

/** The next deadline at or after an instant. */
export function nextDeadline(deadline: WeeklyDeadline, instant: Date): Date {
  const now = shanghaiParts(instant);
  let day: Day = now.dayNumber + ((deadline.weekday - now.weekday + 7) % 7);
  let at = shanghaiInstant(day, deadline.minutes);
  if (at.getTime() < instant.getTime()) {
    day += 7;
    at = shanghaiInstant(day, deadline.minutes);
  }
  return at;
}

/** The latest deadline at or before an instant: what the weekly run records. */
export function latestDeadline(deadline: WeeklyDeadline, instant: Date): Date {
  const next = nextDeadline(deadline, instant);
  return next.getTime() === instant.getTime() ? next : new Date(next.getTime() - 7 * 86_400_000);
}
