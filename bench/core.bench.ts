/**
 * Issue 2's figures: the pure core alone on a generated city of 100,000 ledger rows over 200 units.
 * Prints rows per second for parse + validate, and the time to score, rank and warn.
 */
import { bookTabs, checkBook, lastCompletePeriod, parseAdmin, readLedger, readRankingRecords, readWeeklyRecords, scoreMonth, shanghaiToday, warningsFor, windowOf } from '../functions/core/index.js';
import { withDemoMethod } from '../functions/demo/demo-method.js';
import { generateCity } from '../functions/demo/generate-city.js';
import { best, line } from './measure.js';

export async function benchCore(): Promise<void> {
  const now = new Date('2026-11-01T00:00:00Z');
  const units = 200;
  const rowsPerUnit = 500;
  const def = generateCity({ now, units, rowsPerUnit });
  const tabs = bookTabs(def);
  const rows = units * rowsPerUnit;
  const parse = await best(3, () => readLedger({ tabs, admin: parseAdmin(tabs), now }));
  line('core: parse + validate', `${rows.toLocaleString('en-US')} rows in ${parse.toFixed(0)} ms = ${Math.round(rows / (parse / 1000)).toLocaleString('en-US')} rows/s (goal ≥ 200,000)`);
  let checked = checkBook(tabs, now);
  const check = await best(3, () => { checked = checkBook(tabs, now); });
  line('core: validate + snapshot + 校验结果', `${rows.toLocaleString('en-US')} rows in ${check.toFixed(0)} ms`);
  const counted = checked.ledger.projects.filter((p) => p.counted);
  const period = lastCompletePeriod(now);
  const score = await best(3, () => {
    const scores = scoreMonth({ admin: checked.admin, projects: counted, period, weekly: readWeeklyRecords(undefined), rankings: readRankingRecords(undefined) });
    warningsFor(checked.admin, counted, scores, windowOf(period, checked.admin.settings.overdueDays), shanghaiToday(now));
  });
  line('core: score + rank + warn', `${counted.length.toLocaleString('en-US')} counted rows in ${score.toFixed(0)} ms (goal < 1000 ms)`);
  // The same city under the demo's v2 method (筛选, 美元, 认定, 功效系数, 分档, 排名计分, 门槛).
  const v2 = checkBook(bookTabs(withDemoMethod(def)), now);
  const v2Counted = v2.ledger.projects.filter((p) => p.counted);
  const v2Score = await best(3, () => scoreMonth({ admin: v2.admin, projects: v2Counted, period, weekly: [], rankings: [] }));
  line('core: score + rank, v2 method', `${v2Counted.length.toLocaleString('en-US')} counted rows in ${v2Score.toFixed(0)} ms (goal < 1000 ms)`);
  line('core: findings', `${checked.findings.length.toLocaleString('en-US')} findings (${checked.findings.filter((f) => f.level === '错误').length.toLocaleString('en-US')} 错误)`);
}
