/**
 * The demo ledger: a generated city as it stands on `now`, plus the history a real ledger would have by
 * then — 周报记录 of every weekly deadline of the year and the 排名, 得分明细 and 预警 of every month
 * before the last complete one — each computed by the core on the ledger as it stood at the time
 * (city-history.ts), so the first report's trends, 较上月 and 周上报及时率 are true. Pure: `now` is given.
 */
import { lastCompletePeriod, type Cell } from '../core/index.js';
import { cityTabsOn, replayYear } from './city-history.js';
import { planCity, type CityOptions } from './generate-city.js';

export function demoTabs(options: CityOptions): Map<string, Cell[][]> {
  const plan = planCity(options);
  const last = lastCompletePeriod(options.now);
  // In January the last complete month is December of the plan's year: every month of it is history but that one.
  const lastMonth = last.year === plan.year ? last.month : 13;
  return cityTabsOn(plan, plan.today, replayYear(plan, options.now, lastMonth));
}
