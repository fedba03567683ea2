import { describe, expect, it } from 'vitest';
import { assessMonth, bookTabs, type Cell } from '../../functions/core/index.js';
import { WORKED_EXAMPLE_V2, WORKED_EXAMPLE_V2_NOW } from './worked-example-v2.js';

/** Rows of a written grid for June, without 月份 and 计算时间. */
function june(grid: Cell[][] | undefined): Cell[][] {
  const [header, ...rows] = grid ?? [];
  const drop = new Set([0, (header ?? []).indexOf('计算时间')]);
  return rows.filter((r) => r[0] === '2026-06').map((r) => r.filter((_, i) => !drop.has(i)));
}

const NOTE = '；等次 一般（降一档：重点项目推进不力,被省通报）';

describe('Part 2 of docs/worked-example.md: a v2 city (June 2026)', () => {
  const out = assessMonth(bookTabs(WORKED_EXAMPLE_V2), { year: 2026, month: 6 }, WORKED_EXAMPLE_V2_NOW);

  it('when assessed, then nothing in the ledger or the method is an error', () => {
    expect(out.structure).toEqual([]);
    expect(out.findings).toEqual([]);
  });

  it('when assessed, then 排名 has exactly the documented rows (甲县 降一档 from 良好 to 一般)', () => {
    expect(june(out.writes.get('排名'))).toEqual([
      ['乙县', '县市组', 24, 10, 10, 3, 0, 47, 1, 1, null, '优秀'],
      ['甲县', '县市组', 18.5, 7.33, 6, 5, 0, 36.83, 2, 2, null, '一般'],
      ['丙区', '城区组', 8.75, 3.6, 3, 0, 0, 15.35, 1, 3, null, '较差'],
    ]);
    expect(out.scores.find((s) => s.unit.name === '甲县')?.baseGrade).toBe('良好');
  });

  it('when assessed, then 得分明细 shows every documented number and 说明', () => {
    expect(june(out.writes.get('得分明细'))).toEqual([
      ['甲县', '省外资金', '到位资金', 3700, 10000, 4000, 0.925, 18.5, `完成率 92.5%，20 × 92.5% = 18.5${NOTE}`],
      ['甲县', '外资', '实际利用外资', 100, null, null, null, 7.33, `实际利用外资 100 万美元，全市最低 50 万美元、最高 200 万美元，10 × (60.0% + 40.0% × (100 万美元 − 50 万美元) ÷ (200 万美元 − 50 万美元)) = 7.33${NOTE}`],
      ['甲县', '认定签约', '签约项目数', 2, null, null, null, 6, `签约项目数 2 个，落在 2 档，得 6 分${NOTE}`],
      ['甲县', '亿元项目', '亿元以上签约项目数', 3, null, null, null, 5, `全市第 1 名，5 − 0 × 2 = 5${NOTE}`],
      ['乙县', '省外资金', '到位资金', 2000, 4000, 1600, 1.25, 24, '完成率 125.0%，封顶 120.0%，20 × 120.0% = 24'],
      ['乙县', '外资', '实际利用外资', 200, null, null, null, 10, '实际利用外资 200 万美元，全市最低 50 万美元、最高 200 万美元，10 × (60.0% + 40.0% × (200 万美元 − 50 万美元) ÷ (200 万美元 − 50 万美元)) = 10'],
      ['乙县', '认定签约', '签约项目数', 3, null, null, null, 10, '签约项目数 3 个，落在 3 档，得 10 分'],
      ['乙县', '亿元项目', '亿元以上签约项目数', 1, null, null, null, 3, '全市第 2 名，5 − 1 × 2 = 3'],
      ['丙区', '省外资金', '到位资金', 350, 2000, 800, 0.4375, 8.75, '完成率 43.8%，20 × 43.8% = 8.75'],
      ['丙区', '外资', '实际利用外资', 50, null, null, null, 3.6, '实际利用外资 50 万美元，全市最低 50 万美元、最高 200 万美元，6 × (60.0% + 40.0% × (50 万美元 − 50 万美元) ÷ (200 万美元 − 50 万美元)) = 3.6'],
      ['丙区', '认定签约', '签约项目数', 1, null, null, null, 3, '签约项目数 1 个，落在 1 档，得 3 分'],
      ['丙区', '亿元项目', '亿元以上签约项目数', 0, null, null, null, 0, '亿元以上签约项目数 0 个，低于门槛 1，得 0 分'],
    ]);
  });

  it('when assessed, then 序时落后 uses the indicator’s own 序时进度 (40%, not 参数’s 50%)', () => {
    expect(june(out.writes.get('预警'))).toEqual([
      ['丙区', null, null, '序时落后', '省外资金完成年度目标的 17.5%，序时进度 40.0%，落后 22.5 个百分点', '黄'],
    ]);
  });
});
