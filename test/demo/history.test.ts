import { describe, expect, it } from 'vitest';
import {
  RANKING_TAB_NAME, SCORE_DETAIL_TAB, WEEKLY_TAB, assessMonth, dayOf, lastDayOfMonth, parseShanghaiTime, shanghaiToday,
  type Cell,
} from '../../functions/core/index.js';
import { cityTabsOn, monthRunTime } from '../../functions/demo/city-history.js';
import { demoTabs } from '../../functions/demo/demo-book.js';
import { planCity } from '../../functions/demo/generate-city.js';

// The demo as `npm start` builds it on 2026-11-29 (smaller ledgers to keep the test quick; same code).
const options = { now: new Date('2026-11-29T02:00:00Z'), rowsPerUnit: 20 };
const demo = demoTabs(options);
const plan = planCity(options);
const rowsOf = (tab: string, month: string) => (demo.get(tab) ?? []).filter((r) => r[0] === month);
const ACTIVE = new Set(['线索', '洽谈', '签约', '落地', '开工', '投产']);

describe('the demo’s history', () => {
  it('when the demo is built in late November, then 排名 holds January to September (October is the run’s own)', () => {
    const months = new Set((demo.get(RANKING_TAB_NAME) ?? []).slice(1).map((r) => r[0]));
    expect([...months]).toEqual(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09']);
  });

  it('when the demo is built in January for December, then 排名 holds January to November', () => {
    const january = demoTabs({ now: new Date('2026-12-31T04:00:00Z'), rowsPerUnit: 5 }, { year: 2026, month: 12 });
    const months = new Set((january.get(RANKING_TAB_NAME) ?? []).slice(1).map((r) => r[0]));
    expect(months.size).toBe(11);
    expect([...months].at(-1)).toBe('2026-11');
  });

  it.each([1, 2, 6, 9])('when month %i is re-assessed on the ledger as it stood at its end, then 排名 and 得分明细 are the recorded ones', (month) => {
    const label = `2026-${String(month).padStart(2, '0')}`;
    const earlier = (demo.get(RANKING_TAB_NAME) ?? []).filter((r, i) => i === 0 || String(r[0]) < label);
    const system = new Map<string, Cell[][]>([[WEEKLY_TAB.name, demo.get(WEEKLY_TAB.name) ?? []], [RANKING_TAB_NAME, earlier]]);
    const tabs = cityTabsOn(plan, lastDayOfMonth(2026, month), system);
    const outcome = assessMonth(tabs, { year: 2026, month }, monthRunTime(2026, month));
    const ranking = (outcome.writes.get(RANKING_TAB_NAME) ?? []).filter((r) => r[0] === label);
    expect(ranking).toHaveLength(12);
    expect(ranking).toEqual(rowsOf(RANKING_TAB_NAME, label));
    expect((outcome.writes.get(SCORE_DETAIL_TAB.name) ?? []).filter((r) => r[0] === label)).toEqual(rowsOf(SCORE_DETAIL_TAB.name, label));
  });

  it('when 周报记录 is checked against the rows’ 更新日期 at each deadline, then every recorded count agrees', () => {
    const weekly = (demo.get(WEEKLY_TAB.name) ?? []).slice(1);
    expect(weekly.length).toBe(12 * 48);
    for (const [at, unit, onTime, updated, due] of weekly) {
      const deadline = shanghaiToday(parseShanghaiTime(String(at))!);
      const grid = cityTabsOn(plan, deadline).get(`台账-${String(unit)}`) ?? [];
      const header = (grid[0] ?? []).map(String);
      const stage = header.indexOf('项目阶段');
      const date = header.indexOf('更新日期');
      const active = grid.slice(1).filter((r) => ACTIVE.has(String(r[stage])));
      const fresh = active.filter((r) => {
        const [y, m, d] = String(r[date]).split('-').map(Number);
        const day = dayOf(y!, m!, d!);
        return day >= deadline - 6 && day <= deadline;
      });
      expect([unit, updated, due, onTime]).toEqual([unit, fresh.length, active.length, fresh.length === active.length ? '是' : '否']);
    }
  });

  it('when the year is read week by week, then most units report on time most weeks but not all of them always', () => {
    const verdicts = (demo.get(WEEKLY_TAB.name) ?? []).slice(1).map((r) => r[2]);
    const share = verdicts.filter((v) => v === '是').length / verdicts.length;
    expect(share).toBeGreaterThan(0.6);
    expect(share).toBeLessThan(0.98);
  });

  it.each(['2026-01', '2026-05', '2026-09'])('when %s is read back, then units have 到位资金 points (no empty past)', (month) => {
    const rows = rowsOf(RANKING_TAB_NAME, month);
    const withFunds = rows.filter((r) => Number(r[3]) > 0);
    expect(withFunds.length).toBeGreaterThanOrEqual(10);
  });

  it('when the ledger of a past month end is built, then no date in it lies after that day', () => {
    const end = lastDayOfMonth(2026, 3);
    const dates = [...cityTabsOn(plan, end)].filter(([name]) => name.startsWith('台账-')).flatMap(([, grid]) => {
      const header = (grid[0] ?? []).map(String);
      const columns = ['签约日期', '开工日期', '投产日期', '更新日期'].map((h) => header.indexOf(h));
      return grid.slice(1).flatMap((r) => columns.map((c) => String(r[c] ?? '')).filter((t) => /^\d{4}-\d{2}-\d{2}$/.test(t)));
    });
    expect(dates.length).toBeGreaterThan(100);
    expect(dates.filter((t) => t > '2026-03-31')).toEqual([]);
  });
});
