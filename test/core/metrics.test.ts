import { describe, expect, it } from 'vitest';
import {
  bookTabs, checkBook, closeWeek, measure, readWeeklyRecords, shanghaiInstant, dayOf, windowOf, type Basis, type Cell,
} from '../../functions/core/index.js';
import { NOW, city, goodRow } from '../support/city.js';

/** A unit's projects for metric tests; `now` after every date used. */
const rows: Record<string, Cell>[] = [
  // signed this year, started, big, key investor
  goodRow({ 项目编号: 'A', 企业类型: '央企、上市公司', '合同投资额(万元)': 15000, 签约日期: '2026-02-10', 开工日期: '2026-04-01', '1月到位(万元)': 1000, '6月到位(万元)': 500 }),
  // signed this year, 十亿 project, 签约 stage
  goodRow({ 项目编号: 'B', 项目阶段: '签约', '总投资(万元)': 200000, '合同投资额(万元)': 120000, 签约日期: '2026-06-30', 开工日期: null, '1月到位(万元)': null, '7月到位(万元)': null, 企业类型: '行业龙头' }),
  // signed last year, overdue (no start), counts in 履约率 denominator
  goodRow({ 项目编号: 'C', 项目阶段: '签约', 签约日期: '2025-10-01', 开工日期: null, '1月到位(万元)': 200, 企业类型: '民企' }),
  // signed last year, started last year, produced this year
  goodRow({ 项目编号: 'D', 项目阶段: '投产', 签约日期: '2025-03-01', 开工日期: '2025-08-01', 投产日期: '2026-03-15', '1月到位(万元)': null }),
  // 终止: signed this year (not counted in 签约), signed long ago for 履约率
  goodRow({ 项目编号: 'E', 项目阶段: '终止', 存在问题: '撤资', 签约日期: '2026-01-05', 开工日期: '2026-01-20', '1月到位(万元)': 300 }),
  goodRow({ 项目编号: 'F', 项目阶段: '终止', 存在问题: '撤资', 签约日期: '2025-06-01', 开工日期: null, '1月到位(万元)': null }),
  // 洽谈: nothing but funds
  goodRow({ 项目编号: 'G', 项目阶段: '洽谈', 投资方: null, '合同投资额(万元)': null, 签约日期: null, 开工日期: null, '1月到位(万元)': null, '2月到位(万元)': 50 }),
];

describe('口径 for June 2026 (E = 2026-06-30, 超期未开工天数 180 → signed on or before 2026-01-01)', () => {
  const out = checkBook(bookTabs(city({ 温县: rows })), NOW);
  const projects = out.ledger.projects.filter((p) => p.counted);
  const w = windowOf({ year: 2026, month: 6 }, 180);
  it('when the rows are read, then all are counted', () => {
    expect(out.findings.filter((f) => f.level === '错误')).toEqual([]);
    expect(projects).toHaveLength(7);
  });
  it.each([
    ['到位资金', 1000 + 500 + 200 + 300 + 50],
    ['签约项目数', 2], // A, B (E is 终止; C, D, F signed last year)
    ['签约金额', 15000 + 120000],
    ['亿元以上签约项目数', 2],
    ['十亿元以上签约项目数', 1],
    ['开工项目数', 1], // A (E is 终止)
    ['投产项目数', 1], // D
    ['重点企业签约数', 2], // A 央企, B 行业龙头
    ['超期未开工项目数', 1], // C (F is 终止)
    ['履约率', 1 / 3], // due: C, D, F; started: D
    ['周上报及时率', 1], // none recorded
  ] as const)('when measuring %s, then %d', (basis, expected) => {
    expect(measure(basis as Basis, projects, w, [], '温县')).toBeCloseTo(expected, 10);
  });
  it('when May is measured, then June arrivals and a June signing are outside the window', () => {
    const may = windowOf({ year: 2026, month: 5 }, 180);
    expect(measure('到位资金', projects, may, [], '温县')).toBe(1550);
    expect(measure('签约项目数', projects, may, [], '温县')).toBe(1);
  });
  it('when nothing is due to have started, then 履约率 is 1', () => {
    expect(measure('履约率', projects.filter((p) => p.id === 'A'), w, [], '温县')).toBe(1);
  });
});

describe('周报记录 and 周上报及时率', () => {
  it('when every active row was updated in the 7 days up to the deadline, then 按时 is 是', () => {
    const deadline = shanghaiInstant(dayOf(2026, 6, 26), 17 * 60); // 周五 17:00
    const tabs = bookTabs(city({ 温县: [goodRow({ 更新日期: '2026-06-20' }), goodRow({ 项目编号: 'P-2', 项目名称: '乙', 项目阶段: '达效', 投产日期: '2026-05-01', 更新日期: '2026-01-01' })], 博爱县: [goodRow({ 项目编号: 'P-3', 项目名称: '丙', 更新日期: '2026-06-19' })] }));
    const out = closeWeek(tabs, deadline, new Date('2026-06-26T09:00:00Z'));
    expect(out.verdicts.map((v) => [v.unit, v.onTime, v.updated, v.due])).toEqual([['温县', true, 1, 1], ['博爱县', false, 0, 1]]);
    expect(out.writes.get('周报记录')).toEqual([
      ['截止时间', '单位名称', '按时', '已更新项目数', '应更新项目数'],
      ['2026-06-26 17:00', '温县', '是', 1, 1],
      ['2026-06-26 17:00', '博爱县', '否', 0, 1],
    ]);
  });

  it('when the same deadline is closed twice, then its rows are replaced', () => {
    const deadline = shanghaiInstant(dayOf(2026, 6, 26), 17 * 60);
    const tabs = bookTabs(city({ 温县: [goodRow({ 更新日期: '2026-06-10' })] }));
    const first = closeWeek(tabs, deadline, NOW);
    tabs.set('周报记录', first.writes.get('周报记录')!);
    const second = closeWeek(tabs, deadline, NOW);
    expect(second.writes.get('周报记录')).toHaveLength(2);
  });

  it('when weeks are recorded, then the rate is on-time over recorded weeks of the year up to E', () => {
    const grid: Cell[][] = [
      ['截止时间', '单位名称', '按时', '已更新项目数', '应更新项目数'],
      ['2025-12-26 17:00', '温县', '否', 0, 1], // last year: ignored
      ['2026-06-05 17:00', '温县', '是', 1, 1],
      ['2026-06-12 17:00', '温县', '否', 0, 1],
      ['2026-06-19 17:00', '温县', '是', 1, 1],
      ['2026-06-26 17:00', '温县', '是', 1, 1],
      ['2026-07-03 17:00', '温县', '否', 0, 1], // after E: ignored
      ['2026-06-26 17:00', '博爱县', '否', 0, 1],
    ];
    const w = windowOf({ year: 2026, month: 6 }, 180);
    expect(measure('周上报及时率', [], w, readWeeklyRecords(grid), '温县')).toBe(0.75);
    expect(measure('周上报及时率', [], w, readWeeklyRecords(grid), '修武县')).toBe(1);
  });
});
