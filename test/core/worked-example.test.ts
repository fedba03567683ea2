import { describe, expect, it } from 'vitest';
import { assessMonth, bookTabs, type Cell } from '../../functions/core/index.js';
import { WORKED_EXAMPLE, WORKED_EXAMPLE_NOW } from '../support/worked-example.js';

/** Rows of a written grid for one month, without the 计算时间 column. */
function monthRows(grid: Cell[][] | undefined, month: string): Record<string, Cell>[] {
  const [header, ...rows] = grid ?? [];
  return rows.filter((r) => r[0] === month).map((r) => {
    const entries = (header as string[]).map((h, i) => [h, r[i]] as const).filter(([h]) => h !== '计算时间');
    return Object.fromEntries(entries);
  });
}

describe('the worked example of docs/worked-example.md (June 2026)', () => {
  const out = assessMonth(bookTabs(WORKED_EXAMPLE), { year: 2026, month: 6 }, WORKED_EXAMPLE_NOW);

  it('when assessed, then 排名 has exactly the documented rows', () => {
    expect(out.structure).toEqual([]);
    expect(monthRows(out.writes.get('排名'), '2026-06')).toEqual([
      { 月份: '2026-06', 单位名称: '乙县', 考核组别: '县市组', 到位资金: 48, 签约项目: 30, 履约率: 15, 超期未开工: 0, 加减分: 1.5, 总分: 94.5, 组内排名: 1, 全市排名: 1, 较上月: 1, 等次: '优秀' },
      { 月份: '2026-06', 单位名称: '甲县', 考核组别: '县市组', 到位资金: 32, 签约项目: 15, 履约率: 0, 超期未开工: -2, 加减分: 0, 总分: 45, 组内排名: 2, 全市排名: 2, 较上月: -1, 等次: '较差' },
      { 月份: '2026-06', 单位名称: '丙区', 考核组别: '城区组', 到位资金: 20.01, 签约项目: null, 履约率: 0, 超期未开工: -2, 加减分: 0, 总分: 18.01, 组内排名: 1, 全市排名: 3, 较上月: 0, 等次: '较差' },
    ]);
  });

  it('when assessed, then 得分明细 shows actual, target, pace target, completion and score', () => {
    const detail = monthRows(out.writes.get('得分明细'), '2026-06').map((r) => [r['单位名称'], r['指标名称'], r['实际值'], r['年度目标'], r['序时目标'], r['完成率'], r['得分']]);
    expect(detail).toEqual([
      ['甲县', '到位资金', 8000, 20000, 10000, 0.8, 32],
      ['甲县', '签约项目', 1, null, null, 0.5, 15],
      ['甲县', '履约率', 0, null, null, 0, 0],
      ['甲县', '超期未开工', 1, null, null, null, -2],
      ['乙县', '到位资金', 6500, 10000, 5000, 1.3, 48],
      ['乙县', '签约项目', 2, null, null, 1, 30],
      ['乙县', '履约率', 0.5, null, null, 0.5, 15],
      ['乙县', '超期未开工', 0, null, null, null, 0],
      ['丙区', '到位资金', 2000.5, 8000, 4000, 0.5001, 20.01],
      ['丙区', '履约率', 0, null, null, 0, 0],
      ['丙区', '超期未开工', 1, null, null, null, -2],
    ]);
  });

  it('when assessed, then 预警 lists overdue, stale and behind-pace warnings', () => {
    expect(monthRows(out.writes.get('预警'), '2026-06').map((r) => [r['单位名称'], r['项目编号'], r['预警类型'], r['级别']])).toEqual([
      ['甲县', 'JX-2', '超期未开工', '红'],
      ['甲县', 'JX-3', '长期未更新', '黄'],
      ['甲县', null, '序时落后', '黄'],
      ['丙区', 'BQ-2', '超期未开工', '红'],
      ['丙区', null, '序时落后', '黄'],
    ]);
  });

  it('when BQ-3 has an impossible 签约日期, then it is left out and its cell named', () => {
    expect(out.excluded.map((p) => p.id)).toEqual(['BQ-3']);
    expect(out.findings.filter((f) => f.level === '错误').map((f) => `${f.tab}!${f.cell} ${f.field} “${f.value}”`)).toEqual(['台账-丙区!K4 签约日期 “2026-02-30”']);
  });
});
