/**
 * The demo ledger: a generated city plus the history a real ledger would have by now — 周报记录 for every
 * past weekly deadline of the year and the 排名 of every earlier month — so the first report already
 * shows trends and 较上月. Pure: `now` is given.
 */
import {
  RANKING_TAB_NAME, WEEKLY_TAB, assessMonth, bookTabs, formatShanghaiTime, lastCompletePeriod, parseWeeklyDeadline, shanghaiParts,
  type Cell,
} from '../core/index.js';
import { latestDeadline } from '../core/weekly-deadline.js';
import { withDemoMethod } from './demo-method.js';
import { generateCity, type CityOptions } from './generate-city.js';

export function demoTabs(options: CityOptions): Map<string, Cell[][]> {
  const def = withDemoMethod(generateCity(options));
  const tabs = bookTabs(def);
  const { now } = options;
  const year = shanghaiParts(now).year;
  // Weekly records: most units report on time most weeks.
  const deadline = parseWeeklyDeadline('周五 17:00')!;
  const weekly: Cell[][] = [WEEKLY_TAB.columns.map((c) => c.header)];
  let seed = 7;
  const rnd = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
  for (let at = latestDeadline(deadline, now); shanghaiParts(at).year === year; at = new Date(at.getTime() - 7 * 86_400_000)) {
    for (const unit of def.units) {
      const due = 20 + Math.floor(rnd() * 20);
      const onTime = rnd() < 0.88;
      weekly.splice(1, 0, [formatShanghaiTime(at), unit.name, onTime ? '是' : '否', onTime ? due : due - 1 - Math.floor(rnd() * 5), due]);
    }
  }
  tabs.set(WEEKLY_TAB.name, weekly);
  // Rankings of the months before the last complete one, computed from the same ledger.
  const last = lastCompletePeriod(now);
  for (let month = 1; month < last.month && last.year === year; month++) {
    const monthEnd = new Date(Date.UTC(year, month, 1, 0, 0) - 8 * 3_600_000);
    const outcome = assessMonth(tabs, { year, month }, monthEnd);
    const ranking = outcome.writes.get(RANKING_TAB_NAME);
    if (ranking) tabs.set(RANKING_TAB_NAME, ranking);
  }
  return tabs;
}
