/**
 * Calendar arithmetic in Asia/Shanghai, independent of the host's TZ.
 * A calendar date is a `Day`: the spreadsheet serial number (days since 1899-12-30), which is what Sheets
 * returns with SERIAL_NUMBER and what both Excel and LibreOffice store. Shanghai has had no daylight
 * saving since 1991, so its wall clock is UTC+8 throughout.
 */

/** Days since 1899-12-30 (spreadsheet serial), a whole number. */
export type Day = number;

const MS_PER_DAY = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
/** Serial of 1970-01-01. */
const UNIX_EPOCH_SERIAL = 25_569;

/** The Day for a year, month (1–12) and day; no validation. */
export function dayOf(year: number, month: number, day: number): Day {
  return Date.UTC(year, month - 1, day) / MS_PER_DAY + UNIX_EPOCH_SERIAL;
}

/** True when year-month-day is a real calendar date. */
export function isRealDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return day <= (month === 2 ? (leap ? 29 : 28) : DAYS_IN_MONTH[month - 1] ?? 31);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Year, month (1–12) and day of a Day. */
export function partsOf(day: Day): { year: number; month: number; day: number } {
  const date = new Date((day - UNIX_EPOCH_SERIAL) * MS_PER_DAY);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/** `YYYY-MM-DD` for a Day. */
export function formatDay(day: Day): string {
  const { year, month, day: d } = partsOf(day);
  return `${year}-${pad2(month)}-${pad2(d)}`;
}

/**
 * The Day a Date cell stands for. exceljs builds Date cells from the serial as a UTC instant, so the
 * UTC fields carry the calendar date; a time of day is dropped.
 */
export function dayFromDateCell(date: Date): Day {
  return Math.floor(date.getTime() / MS_PER_DAY + 1e-9) + UNIX_EPOCH_SERIAL;
}

/** The Date cell (UTC midnight) that stands for a Day, as exceljs expects when writing. */
export function dateCellOf(day: Day): Date {
  return new Date((day - UNIX_EPOCH_SERIAL) * MS_PER_DAY);
}

/** Wall-clock parts of an instant in Shanghai. */
export function shanghaiParts(instant: Date): {
  year: number; month: number; day: number; hour: number; minute: number; weekday: number; dayNumber: Day;
} {
  const shifted = new Date(instant.getTime() + SHANGHAI_OFFSET_MS);
  const dayNumber = Math.floor(shifted.getTime() / MS_PER_DAY) + UNIX_EPOCH_SERIAL;
  const weekday = shifted.getUTCDay() === 0 ? 7 : shifted.getUTCDay();
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    weekday,
    dayNumber,
  };
}

/** Today's Day in Shanghai at an instant. */
export function shanghaiToday(instant: Date): Day {
  return shanghaiParts(instant).dayNumber;
}

/** `YYYY-MM-DD HH:mm` in Shanghai: the time format of every system tab. */
export function formatShanghaiTime(instant: Date): string {
  const p = shanghaiParts(instant);
  return `${p.year}-${pad2(p.month)}-${pad2(p.day)} ${pad2(p.hour)}:${pad2(p.minute)}`;
}

/** The instant of a Shanghai wall-clock time. */
export function shanghaiInstant(day: Day, minutesOfDay: number): Date {
  return new Date((day - UNIX_EPOCH_SERIAL) * MS_PER_DAY + minutesOfDay * 60_000 - SHANGHAI_OFFSET_MS);
}

/** Parses `YYYY-MM-DD HH:mm` (Shanghai) as written in system tabs; undefined when malformed. */
export function parseShanghaiTime(text: string): Date | undefined {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2}))?$/.exec(text.trim());
  if (!m) return undefined;
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0'].map(Number) as [
    number, number, number, number, number,
  ];
  if (!isRealDate(year, month, day) || hour > 23 || minute > 59) return undefined;
  return shanghaiInstant(dayOf(year, month, day), hour * 60 + minute);
}

/** Last Day of a month. */
export function lastDayOfMonth(year: number, month: number): Day {
  return dayOf(year, month + 1, 1) - 1;
}

/** An assessed month: `YYYY-MM`. */
export interface Period {
  readonly year: number;
  readonly month: number;
}

/** `YYYY-MM` for a period. */
export function formatPeriod(period: Period): string {
  return `${period.year}-${pad2(period.month)}`;
}

/** Parses `YYYY-MM` (also `YYYY-M`, `YYYY/MM`, `YYYY年M月`); undefined when it is not a month. */
export function parsePeriod(text: string): Period | undefined {
  const m = /^(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*月?$/.exec(text.trim());
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  if (month < 1 || month > 12) return undefined;
  return { year, month };
}

/** The month before. */
export function previousPeriod(period: Period): Period {
  return period.month === 1 ? { year: period.year - 1, month: 12 } : { year: period.year, month: period.month - 1 };
}

/** The last complete month at an instant (Shanghai): what the monthly run on the 1st assesses. */
export function lastCompletePeriod(instant: Date): Period {
  const p = shanghaiParts(instant);
  return previousPeriod({ year: p.year, month: p.month });
}

/** Compares two periods: negative when a is earlier. */
export function comparePeriods(a: Period, b: Period): number {
  return a.year !== b.year ? a.year - b.year : a.month - b.month;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
