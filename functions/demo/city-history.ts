/**
 * The demo's past, computed rather than invented: every weekly deadline of the year is closed and every
 * earlier month assessed by the real core, each on the ledger as it stood then (see project-life.ts),
 * in the order the scheduled runs would have done it. So 周报记录 agrees with the rows' 更新日期, and
 * each month's 排名, 得分明细 and 预警 are what the product computed at that month's end. Pure.
 */
import {
  RANKING_TAB_NAME, SCORE_DETAIL_TAB, WARNINGS_TAB, WEEKLY_TAB, assessMonth, bookTabs, closeWeek, dayOf, lastDayOfMonth,
  parseWeeklyDeadline, shanghaiInstant, shanghaiParts, shanghaiToday, type Cell, type Day, type Period,
} from '../core/index.js';
import { withDemoMethod } from './demo-method.js';
import { ledgersOn, type CityPlan } from './generate-city.js';

/** The system tabs a year of scheduled runs leaves behind. */
export const HISTORY_TABS = [WEEKLY_TAB.name, RANKING_TAB_NAME, SCORE_DETAIL_TAB.name, WARNINGS_TAB.name] as const;

export type History = Map<string, Cell[][]>;

/** When the scheduled monthly run assesses month m: the evening of its last day. */
export function monthRunTime(year: number, month: number): Date {
  return shanghaiInstant(lastDayOfMonth(year, month), 23 * 60);
}

/** Every tab of the city's ledger as it stood at the end of `day`, with the given system tabs. */
export function cityTabsOn(plan: CityPlan, day: Day, system: History = new Map()): Map<string, Cell[][]> {
  const elapsed = (plan.today - dayOf(plan.year, 1, 1) + 1) / 365;
  const tabs = bookTabs(withDemoMethod({ ...plan.def, ledgers: ledgersOn(plan, day) }, todaysLedgers(plan), elapsed));
  for (const [name, grid] of system) tabs.set(name, grid);
  return tabs;
}

const today = new WeakMap<CityPlan, ReturnType<typeof ledgersOn>>();

/** The ledger as it stands on the plan's last day: the demo method sets the year's targets from it. */
function todaysLedgers(plan: CityPlan): ReturnType<typeof ledgersOn> {
  let ledgers = today.get(plan);
  if (!ledgers) today.set(plan, (ledgers = ledgersOn(plan, plan.today)));
  return ledgers;
}

/**
 * Replays the year up to `now`: each weekly deadline of the year at or before `now`, and each month
 * before `lastMonth` (the month the caller will assess itself), in time order.
 */
export function replayYear(plan: CityPlan, now: Date, lastMonth: number): History {
  const history: History = new Map();
  const deadline = parseWeeklyDeadline('周五 17:00')!;
  const events: { at: Date; period?: Period }[] = [];
  const yearStart = dayOf(plan.year, 1, 1);
  // The first deadline of the year, then every seventh day.
  let day = yearStart + ((deadline.weekday - shanghaiParts(shanghaiInstant(yearStart, 12 * 60)).weekday + 7) % 7);
  for (; shanghaiInstant(day, deadline.minutes) <= now; day += 7) events.push({ at: shanghaiInstant(day, deadline.minutes) });
  for (let month = 1; month < lastMonth; month++) events.push({ at: monthRunTime(plan.year, month), period: { year: plan.year, month } });
  events.sort((a, b) => a.at.getTime() - b.at.getTime());
  for (const event of events) {
    const tabs = cityTabsOn(plan, shanghaiToday(event.at), history);
    const writes = event.period ? assessMonth(tabs, event.period, event.at).writes : closeWeek(tabs, event.at, event.at).writes;
    for (const name of HISTORY_TABS) {
      const grid = writes.get(name);
      if (grid) history.set(name, grid.map((row) => [...row]));
    }
  }
  return history;
}
