import { describe, expect, it } from 'vitest';
import { bookTabs, DEFAULT_METHOD, planTargets, type Cell, type TargetRequest } from '../../functions/core/index.js';

const UNITS = [{ name: '温县', group: '县市组' }, { name: '孟州市', group: '县市组' }, { name: '示范区', group: '开发区组' }];

/** A new year's ledger (blank targets, 示范区 already filled) and last year's 得分明细. */
function request(over: Partial<TargetRequest> = {}): TargetRequest {
  const tabs = bookTabs({ settings: { 年度: 2027, 城市: '测试市' }, units: UNITS, method: DEFAULT_METHOD, targets: { 示范区: { 到位资金: 99900 } } });
  const history: Cell[][] = [
    ['月份', '单位名称', '指标名称', '口径', '实际值', '年度目标', '序时目标', '完成率', '得分'],
    ['2026-11', '温县', '到位资金', '到位资金', 1, null, null, null, 0],
    ['2026-12', '温县', '到位资金', '到位资金', 60000, 50000, 50000, 1.2, 36],
    ['2026-12', '孟州市', '到位资金', '到位资金', 30000, 50000, 50000, 0.6, 18],
    ['2026-12', '示范区', '到位资金', '到位资金', 10000, 50000, 50000, 0.2, 6],
    ['2026-12', '温县', '签约项目数', '签约项目数', 0, 5, 5, 0, 0],
  ];
  return { tabs, history, indicator: '到位资金', total: '120亿', basis: undefined, round: undefined, replace: false, ...over };
}

describe('planTargets', () => {
  it('when last year\'s 得分明细 is the basis, then the latest month is used and only blank cells are written', () => {
    const plan = planTargets(request());
    if (!plan.ok) throw new Error(plan.problems.join());
    expect([plan.month, plan.total, plan.step, plan.unit]).toEqual(['2026-12', 1_200_000, 100, '万元']);
    expect(plan.lines.map((l) => [l.name, l.lastYear, l.target, l.write, l.existing])).toEqual([
      ['温县', 60000, 720000, true, ''], ['孟州市', 30000, 360000, true, ''], ['示范区', 10000, 120000, false, '99900'],
    ]);
    expect(plan.edits).toEqual([{ row: 2, column: 1, value: 720000 }, { row: 3, column: 1, value: 360000 }]);
  });

  it('when --replace is given, then filled cells are overwritten too', () => {
    const plan = planTargets(request({ replace: true }));
    expect(plan.ok && plan.edits.map((e) => e.value)).toEqual([720000, 360000, 120000]);
  });

  it('when a count indicator is split, then the default step is 1 and the total must be a whole number', () => {
    const plan = planTargets(request({ indicator: '签约项目数', total: '31', basis: '平均' }));
    expect(plan.ok && [plan.step, plan.lines.map((l) => l.target)]).toEqual([1, [11, 10, 10]]);
    expect(planTargets(request({ indicator: '签约项目数', total: '3.5' }))).toEqual({ ok: false, problems: ['--total “3.5”不是有效的个数：请填写正整数，如 30。'] });
  });

  it('when the indicator applies to some groups only, then only their units get a target', () => {
    const tabs = bookTabs({ settings: { 年度: 2027 }, units: UNITS, method: [...DEFAULT_METHOD, ['县域到位', '到位资金', '目标完成率', 10, '', '县市组']], targets: {} });
    const plan = planTargets(request({ tabs, indicator: '县域到位', total: '1000', basis: '平均' }));
    expect(plan.ok && plan.lines.map((l) => [l.name, l.target])).toEqual([['温县', 500], ['孟州市', 500]]);
  });

  it.each([
    ['an unknown indicator', { indicator: '招商引资' }, '“考评办法”页没有名为“招商引资”的指标'],
    ['a rate indicator', { indicator: '履约率' }, '“履约率”不按目标计分'],
    ['an unreadable total', { total: '很多' }, '--total “很多”不是有效的金额'],
    ['an unknown basis', { basis: '去年' }, '--basis “去年”无法识别：请填写 上年实际 或 平均。'],
    ['a ledger without last year\'s results', { history: [['月份', '单位名称', '指标名称', '实际值']] }, '请用 --from 上年台账 指定上一年的台账，或用 --basis 平均'],
    ['a total too small for the units', { total: '200', round: '100' }, '不够 3 个单位每个至少分到一份'],
  ] as const)('when given %s, then it explains what to type instead', (_name, over, message) => {
    const plan = planTargets(request(over as Partial<TargetRequest>));
    expect(plan.ok).toBe(false);
    expect(!plan.ok && plan.problems.join('\n')).toContain(message);
  });

  it('when 目标任务 lacks the indicator\'s column and a unit\'s row, then the header and the row are added', () => {
    const base = request();
    const tabs = new Map(base.tabs);
    tabs.set('目标任务', [['单位名称', '签约项目数'], ['温县', 5]]);
    const plan = planTargets({ ...base, tabs });
    expect(plan.ok && plan.edits).toEqual([
      { row: 1, column: 2, value: '到位资金' },
      { row: 2, column: 2, value: 720000 },
      { row: 3, column: 0, value: '孟州市' }, { row: 3, column: 2, value: 360000 },
      { row: 4, column: 0, value: '示范区' }, { row: 4, column: 2, value: 120000 },
    ]);
  });
});
