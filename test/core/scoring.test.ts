import { describe, expect, it } from 'vitest';
import {
  assessMonth, bookTabs, competitionRank, gradeOf, parseAdmin, round2, scoreIndicator, type BookDef, type Indicator,
} from '../../functions/core/index.js';

const indicator = (over: Partial<Indicator>): Indicator => ({
  name: '指标', basis: '到位资金', scoring: '目标完成率', points: 40, cap: undefined, groups: undefined, description: '', ...over,
});

describe('计分方式', () => {
  it.each([
    // scoring, points, cap, actual, target, pace, best, expected score
    ['目标完成率 under pace', '目标完成率', 40, 1.2, 4000, 20000, 0.5, 0, 16],
    ['目标完成率 capped at 1.2', '目标完成率', 40, 1.2, 15000, 20000, 0.5, 0, 48],
    ['目标完成率 without cap', '目标完成率', 40, undefined, 15000, 20000, 0.5, 0, 60],
    ['目标完成率 zero target', '目标完成率', 40, 1.2, 15000, 0, 0.5, 0, 0],
    ['目标完成率 missing target', '目标完成率', 40, 1.2, 15000, undefined, 0.5, 0, 0],
    ['比率 blank cap caps at 1', '比率', 10, undefined, 0.75, undefined, 0.5, 0, 7.5],
    ['比率 cannot exceed 1 without cap', '比率', 10, undefined, 1, undefined, 0.5, 0, 10],
    ['相对值 against the group best', '相对值', 30, undefined, 2, undefined, 0.5, 3, 20],
    ['相对值 when the best is 0', '相对值', 30, undefined, 0, undefined, 0.5, 0, 0],
    ['每项加分 under the cap', '每项加分', 1, 3, 2, undefined, 0.5, 0, 2],
    ['每项加分 over the cap', '每项加分', 1, 3, 5, undefined, 0.5, 0, 3],
    ['每项加分 without cap', '每项加分', 1.5, undefined, 5, undefined, 0.5, 0, 7.5],
    ['每项扣分 under the cap', '每项扣分', 2, 5, 2, undefined, 0.5, 0, -4],
    ['每项扣分 over the cap', '每项扣分', 2, 5, 4, undefined, 0.5, 0, -5],
    ['每项扣分 of nothing', '每项扣分', 2, 5, 0, undefined, 0.5, 0, 0],
  ] as const)('when %s, then the score is right', (_, scoring, points, cap, actual, target, pace, best, expected) => {
    const result = scoreIndicator(indicator({ scoring, points, cap }), actual, target, pace, () => best);
    expect(result.score).toBe(expected);
    expect(Object.is(result.score, -0)).toBe(false);
  });

  it('when the completion is 0.500125 of 40 points, then 20.005 rounds half away from zero to 20.01', () => {
    expect(scoreIndicator(indicator({}), 2000.5, 8000, 0.5, () => 0).score).toBe(20.01);
  });
});

describe('round2 (half away from zero)', () => {
  it.each([
    [1.005, 1.01], [1.004, 1], [-1.005, -1.01], [2.675, 2.68], [0.125, 0.13], [-0.125, -0.13], [-0.001, 0], [1e21, 1e21], [12.345, 12.35],
  ])('when %d, then %d', (value, expected) => {
    expect(round2(value)).toBe(expected);
    expect(Object.is(round2(value), -0)).toBe(false);
  });
});

describe('ranks and grades', () => {
  it('when two units tie, then they share a rank and the next rank skips (1, 2, 2, 4)', () => {
    const totals = [90, 80, 80, 70];
    expect(totals.map((t) => competitionRank(t, totals))).toEqual([1, 2, 2, 4]);
  });

  it.each([
    [95, '优秀'], [90, '优秀'], [89.99, '良好'], [80, '良好'], [60, '一般'], [59.99, '较差'], [0, '较差'], [-3, '较差'],
  ])('when 总分 is %d, then 等次 is %s', (total, grade) => {
    const grades = [{ name: '优秀', min: 90 }, { name: '良好', min: 80 }, { name: '一般', min: 60 }, { name: '较差', min: 0 }];
    expect(gradeOf(total, grades)).toBe(grade);
  });
});

/** A city where every unit's score is set by a 每项加分 indicator counting its signed projects. */
function cityWith(signs: Record<string, number>, extra: BookDef['extra'] = {}, method: BookDef['method'] = [['签约加分', '签约项目数', '每项加分', 10, '']]): BookDef {
  const ledgers: Record<string, Record<string, string | number>[]> = {};
  for (const [unit, count] of Object.entries(signs)) {
    ledgers[unit] = Array.from({ length: count }, (_, i) => ({
      项目编号: `${unit}-${i}`, 项目名称: `项目${i}`, 投资方: '某公司', 产业链: '新能源', 项目阶段: '签约', '总投资(万元)': 100,
      '合同投资额(万元)': 100, 签约日期: '2026-03-01', 责任领导: '甲', 进展情况: '推进中', 更新日期: '2026-06-20',
    }));
  }
  return {
    settings: { 年度: 2026, 城市: '测试市' },
    units: Object.keys(signs).map((name, i) => ({ name, group: i < 4 ? 'A组' : 'B组' })),
    method, targets: {}, ledgers, extra,
  };
}

const rankingRows = (def: BookDef, month: number, now = new Date('2026-07-05T02:00:00Z')) => {
  const out = assessMonth(bookTabs(def), { year: 2026, month }, now);
  expect(out.structure).toEqual([]);
  const grid = out.writes.get('排名') ?? [];
  const header = grid[0] as string[];
  return grid.slice(1).filter((r) => r[0] === `2026-${String(month).padStart(2, '0')}`).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
};

describe('ranking a month', () => {
  it('when totals tie, then 组内排名 and 全市排名 share ranks and skip', () => {
    const rows = rankingRows(cityWith({ 甲: 3, 乙: 2, 丙: 2, 丁: 1, 戊: 2 }), 6);
    const by = Object.fromEntries(rows.map((r) => [r['单位名称'], r]));
    expect(['甲', '乙', '丙', '丁'].map((u) => by[u]?.['组内排名'])).toEqual([1, 2, 2, 4]);
    expect(['甲', '乙', '丙', '丁', '戊'].map((u) => by[u]?.['全市排名'])).toEqual([1, 2, 2, 5, 2]);
    expect(by['戊']?.['组内排名']).toBe(1);
  });

  it('when it is January, then 较上月 is blank even if December has a ranking', () => {
    const previous = [['月份', '单位名称', '考核组别', '签约加分', '加减分', '总分', '组内排名', '全市排名', '较上月', '等次', '计算时间'], ['2025-12', '甲', 'A组', 0, 0, 0, 2, 2, null, '较差', '']];
    const def = cityWith({ 甲: 0, 乙: 0 }, { 排名: previous });
    const rows = rankingRows(def, 1, new Date('2026-02-01T02:00:00Z'));
    expect(rows.map((r) => r['较上月'])).toEqual([null, null]);
  });

  it('when last month has no ranking, then 较上月 is blank; when it has, then it is last rank minus this rank', () => {
    const header = ['月份', '单位名称', '考核组别', '签约加分', '加减分', '总分', '组内排名', '全市排名', '较上月', '等次', '计算时间'];
    const april = [header, ['2026-04', '甲', 'A组', 0, 0, 0, 1, 1, null, '较差', ''], ['2026-04', '乙', 'A组', 0, 0, 0, 2, 2, null, '较差', '']];
    expect(rankingRows(cityWith({ 甲: 1, 乙: 2 }, { 排名: april }), 6).map((r) => r['较上月'])).toEqual([null, null]);
    const may = [header, ['2026-05', '甲', 'A组', 0, 0, 0, 1, 1, null, '较差', ''], ['2026-05', '乙', 'A组', 0, 0, 0, 2, 2, null, '较差', '']];
    const rows = rankingRows(cityWith({ 甲: 1, 乙: 2 }, { 排名: may }), 6);
    expect(Object.fromEntries(rows.map((r) => [r['单位名称'], r['较上月']]))).toEqual({ 乙: 1, 甲: -1 });
  });

  it('when a month is re-run, then its rows are replaced, not duplicated, and other months are kept', () => {
    const def = cityWith({ 甲: 1, 乙: 2 });
    const first = assessMonth(bookTabs(def), { year: 2026, month: 5 }, new Date('2026-06-01T00:00:00Z'));
    const tabs = bookTabs(def);
    tabs.set('排名', first.writes.get('排名') as never);
    const june = assessMonth(tabs, { year: 2026, month: 6 }, new Date('2026-07-01T00:00:00Z'));
    tabs.set('排名', june.writes.get('排名') as never);
    const again = assessMonth(tabs, { year: 2026, month: 6 }, new Date('2026-07-02T00:00:00Z'));
    const months = (again.writes.get('排名') ?? []).slice(1).map((r) => r[0]);
    expect(months).toEqual(['2026-05', '2026-05', '2026-06', '2026-06']);
  });

  it('when an indicator is limited by 适用组别, then units outside score nothing on it and it is not shown for them', () => {
    const def = cityWith({ 甲: 1, 乙: 1, 丙: 1, 丁: 1, 戊: 3 }, {}, [
      ['签约加分', '签约项目数', '每项加分', 10, ''],
      ['A组专项', '签约项目数', '每项加分', 1, '', 'A组'],
    ]);
    const out = assessMonth(bookTabs(def), { year: 2026, month: 6 }, new Date('2026-07-05T02:00:00Z'));
    const 戊 = out.scores.find((s) => s.unit.name === '戊');
    expect(戊?.scores.map((s) => s.indicator.name)).toEqual(['签约加分']);
    expect(戊?.total).toBe(30);
    const rank = (out.writes.get('排名') ?? []).find((r) => r[1] === '戊') ?? [];
    expect(rank[4]).toBeNull();
    const detail = (out.writes.get('得分明细') ?? []).filter((r) => r[1] === '戊').map((r) => r[2]);
    expect(detail).toEqual(['签约加分']);
  });

  it('when 加减分 rows exist, then only those of the assessed year up to the assessed month count', () => {
    const def: BookDef = {
      ...cityWith({ 甲: 0 }),
      adjustments: [['甲', '2026-02', 2.5, '表彰', '市招商局'], ['甲', '2026-06', -1, '通报', '市招商局'], ['甲', '2026-07', 5, '下月', ''], ['甲', '2025-12', 9, '去年', '']],
    };
    const out = assessMonth(bookTabs(def), { year: 2026, month: 6 }, new Date('2026-07-05T02:00:00Z'));
    expect(out.scores[0]?.adjustment).toBe(1.5);
    expect(out.scores[0]?.total).toBe(1.5);
  });
});

describe('caps as typed in 考评办法', () => {
  it.each([['1.2', 1.2], ['120%', 1.2], [1.2, 1.2], ['', undefined], [120, 1.2]])('when 封顶 is %j, then the cap is %j', (typed, cap) => {
    const def = cityWith({ 甲: 0 }, {}, [['到位', '到位资金', '目标完成率', 30, typed]]);
    const admin = parseAdmin(bookTabs({ ...def, targets: { 甲: { 到位: 100 } } }));
    expect(admin.method[0]?.cap).toBe(cap);
  });
});

describe('admin tabs that cannot be assessed', () => {
  it('when the month is in another year than 参数.年度, then the run stops and says to roll the year over', () => {
    const out = assessMonth(bookTabs(cityWith({ 甲: 1 })), { year: 2027, month: 1 }, new Date('2027-02-01T00:00:00Z'));
    expect(out.structure.map((s) => s.message)).toEqual(['“参数”页的年度是 2026，而要考核的是 2027-01：新的一年请先把“年度”改为 2027，并在“目标任务”页填写 2027 年的年度目标。']);
    expect(out.writes.size).toBe(0);
  });

  it('when 考评办法 has no usable indicator, then the run stops and says so', () => {
    const out = assessMonth(bookTabs(cityWith({ 甲: 1 }, {}, [])), { year: 2026, month: 6 }, new Date('2026-07-01T00:00:00Z'));
    expect(out.structure[0]?.message).toContain('“考评办法”页没有一条可用的指标');
  });

  it('when two units name the same 台账页名, then the second is reported and not ranked', () => {
    const def = cityWith({ 甲: 1 });
    const out = assessMonth(bookTabs({ ...def, units: [...def.units, { name: '乙', group: 'A组', tab: '台账-甲' }] }), { year: 2026, month: 6 }, new Date('2026-07-05T02:00:00Z'));
    expect(out.findings.filter((f) => f.tab === '单位').map((f) => `${f.cell} ${f.problem}`)).toEqual(['E3 与“甲”的台账页相同，本单位不参加排名']);
    expect(out.scores.map((s) => s.unit.name)).toEqual(['甲']);
  });
});
