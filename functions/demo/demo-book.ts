/**
 * The demo ledger: a generated city as it stands on `now`, plus the history a real ledger would have by
 * then — 周报记录 of every weekly deadline of the year and the 排名, 得分明细 and 预警 of every month
 * before the one the caller assesses — each computed by the core on the ledger as it stood at the time
 * (city-history.ts), so the first report's trends, 较上月 and 周上报及时率 are true. Pure: `now` is given.
 */
import { lastCompletePeriod, type Cell, type Period } from '../core/index.js';
import { cityTabsOn, replayYear } from './city-history.js';
import { planCity, type CityOptions } from './generate-city.js';

/**
 * `assessed` is the month the caller will assess itself (default: the last complete month before `now`);
 * every earlier month of the year is history. In January `npm start` assesses December with `now` on
 * 31 December, so it passes December explicitly.
 */
export function demoTabs(options: CityOptions, assessed: Period = lastCompletePeriod(options.now)): Map<string, Cell[][]> {
  const plan = planCity(options);
  const lastMonth = assessed.year === plan.year ? assessed.month : 13;
  return cityTabsOn(plan, plan.today, replayYear(plan, options.now, lastMonth));
}
