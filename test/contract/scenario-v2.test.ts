/**
 * Independent v2 contract scenario (issue 9): 清河市, 5 units in 2 考核组别, assessed for 2026-09.
 *
 * Written from /work/shared/ledger-contract.md ALONE (the implementation was not read). Every expected
 * number was computed by hand from the contract text; the arithmetic is written next to it. Results are
 * read from the OUTPUT GRIDS (排名, 得分明细, 校验结果, 预警) by header name, which is the contract.
 *
 * Fixed facts: Y = 2026, m = 9, E = 2026-09-30, W = 2026-01-01 … 2026-09-30; 参数.序时进度 blank → 9/12 = 0.75;
 * 美元汇率 = 7; 等次 `优秀:70,良好:60,一般:30,较差:0`; 超期未开工天数 180 → T = E − 180 days = 2026-04-03.
 * The ledgers are in scenario-v2-city.ts; 丙县's tab has no 资金来源 column at all.
 *
 * 考评办法 v2 (report order):
 *  M1 省外到位资金  到位资金      筛选 资金来源=省外境内/境外          目标完成率 分值 县市组:20；开发区组:10  封顶 1.2
 *                   计分参数 门槛:80%   序时进度 own: month 9 = 55%   target-based (目标任务)
 *  M2 利用外资      实际利用外资  —                                    功效系数   10   下限:50%；范围:全市
 *  M3 亿元项目签约额 签约金额     合同投资额 >= 1亿                     分档       10   档位:5亿=10/2亿=6/1亿=3
 *  M4 产业链签约    签约项目数    产业链=新能源、装备制造              分档  分值 县市组:12;开发区组:15
 *                   档位:100%=12、80%=8、60%=4   target-based, 序时进度 = 参数 (0.75)
 *  M5 开工率排名    开工率        币种=人民币                          排名计分   10   步长:2;范围:全市
 *  M6 重点企业签约  签约项目数    企业类型=世界500强、央企、行业龙头   每项加分   2    封顶 3
 *  M7 签约完成      签约金额      投资方所在地 含 广东/浙江；企业类型≠民企  功效系数 10  范围:组内 (下限: default 60%)
 *                   target-based (丙县 has no target), 序时进度 own: month 9 = 50%
 *  M8 开工项目      开工项目数    总投资>5000万；认定状态=未认定；资金来源≠市内/市外省内   相对值 10  范围:全市；门槛:2
 *
 * Ambiguities (reading taken; also listed in the report):
 *  A1 "lo, hi and ranks compare x rounded to 6 decimal places; the formulas use x unrounded": whether lo/hi
 *     enter the formula rounded is open. Every lo/hi here is chosen so that both readings give the same
 *     2-decimal score, except hi = lo, which is decided on the rounded x (literal reading).
 *  A2 "序时落后 when a 目标完成率 indicator's …" vs v2 "序时进度ᵢ replaces … the 序时落后 warning": whether a
 *     target-based 分档 / 功效系数 indicator also warns is open; only M1 (目标完成率) is asserted.
 *  A3 "完成率 … x ÷ largest x for 相对值": whether a unit below 门槛 still shows x ÷ largest is open; not asserted.
 *  A4 "reports and 得分明细's 说明 name the row's 事由 next to the 等次 it changed": which 得分明细 row carries it
 *     is not said; the reading taken is that at least one of the unit's rows for the month does.
 *  A5 得分明细's 年度目标 / 序时目标 on an indicator without a target: not said; read as blank (asserted null).
 *  A6 丙县 has no 资金来源 column: "their 资金来源 reads as blank (so they count nowhere a 资金来源 is required)" vs
 *     "A blank field … always satisfies ≠": does `资金来源≠…` keep such a row? Left open on purpose: in M8 丙县's
 *     only started row is already out (已认定), so no number here depends on it.
 *  A7 A 目标任务 column on a target-based indicator with the default 序时进度 (M4) uses 参数.序时进度 (= 0.75 here).
 *  A8 预警's 说明 is free text; as in the v1 scenario, the reading taken is that a 序时落后 row names the 指标名称
 *     (here 省外到位资金, whose 口径 is 到位资金).
 *  A9 得分明细's precision: the contract rounds scores only ("each indicator score is rounded to 2 decimals") and says
 *     "实际值 and 完成率 are numbers (rates and completions as fractions, shown as percentages by the cell format)";
 *     v1 wrote 实际值 and 完成率 to 4 decimals and 序时目标 to 2, and "every v1 workbook keeps its exact v1 meaning
 *     under v2" (issue 9: a v1 得分明细 holds exactly the values it held). So the cells are asserted EXACTLY at those
 *     precisions (half away from zero: 18600/11000 = 1.690909… is written 1.6909, 2/3 is 0.6667); the scores, which
 *     use x unrounded, are asserted as before.
 */
import { describe, expect, it } from 'vitest';
import { assessMonth, type Cell } from '../../functions/core/index.js';
import { ADJUSTMENTS_V2_HEADER, DETAIL_V2_HEADER, METHOD_V2_HEADER, headerOf, records, rowOfA1, splitCell, type Grid } from './v2-book.js';
import { cityTabs, MONTH, NOW, PERIOD } from './scenario-v2-city.js';

const M = ['省外到位资金', '利用外资', '亿元项目签约额', '产业链签约', '开工率排名', '重点企业签约', '签约完成', '开工项目'] as const;

const METHOD: Cell[][] = [
  [...METHOD_V2_HEADER],
  ['省外到位资金', '到位资金', '资金来源=省外境内/境外', '目标完成率', '县市组:20；开发区组:10', 1.2, '门槛:80%', '',
    '4%,8%,12%,16%,20%,25%,30%,40%,55%,70%,85%,100%', '省外及境外到位资金'],
  ['利用外资', '实际利用外资', '', '功效系数', 10, '', '下限:50%；范围:全市', '', '', '实际利用外资（万美元）'],
  ['亿元项目签约额', '签约金额', '合同投资额 >= 1亿', '分档', 10, '', '档位:5亿=10/2亿=6/1亿=3', '', '', ''],
  ['产业链签约', '签约项目数', '产业链=新能源、装备制造', '分档', '县市组:12;开发区组:15', '', '档位:100%=12、80%=8、60%=4', '', '', ''],
  ['开工率排名', '开工率', '币种=人民币', '排名计分', 10, '', '步长:2;范围:全市', '', '', ''],
  ['重点企业签约', '签约项目数', '企业类型=世界500强、央企、行业龙头', '每项加分', 2, 3, '', '', '', ''],
  ['签约完成', '签约金额', '投资方所在地 含 广东/浙江；企业类型≠民企', '功效系数', 10, '', '范围:组内', '',
    '5%,10%,15%,20%,25%,30%,35%,40%,50%,70%,85%,100%', ''],
  ['开工项目', '开工项目数', '总投资>5000万；认定状态=未认定；资金来源≠市内/市外省内', '相对值', 10, '', '范围:全市；门槛:2', '', '', ''],
];

// 目标任务: one column per target-based indicator (M1, M4, M7). 丙县's 签约完成 is blank (cell D4).
const TARGETS: Cell[][] = [
  ['单位名称', '省外到位资金', '产业链签约', '签约完成'],
  ['甲县', 20000, 5, 50000],
  ['乙县', 50000, 2, 40000],
  ['丙县', 10000, 4, ''],
  ['高新区', 50000, 3, 90000],
  ['经开区', 20000, 6, 21000],
];

const ADJUSTMENTS: Cell[][] = [
  [...ADJUSTMENTS_V2_HEADER],
  ['甲县', '2026-06', 2, '引进重大项目奖励', '市招商局', ''], //          blank 类型 → v1: +2
  ['乙县', '2026-05', -5, '发生重大安全生产事故', '市应急管理局', '一票否决'], // 分值 ignored
  ['丙县', '2026-04', -1, '台账填报不及时', '市招商局', '加减分'], //         explicit 加减分 → −1
  ['丙县', '2026-07', 0, '约谈整改', '市纪委', '降一档'], //                  already lowest → stays
  ['高新区', '2026-03', 0, '数据填报不实', '市统计局', '降一档'],
  ['高新区', '2026-08', 3, '重点项目推进不力', '市督查室', '降一档'], //      分值 3 ignored; 2nd row → two grades
  ['经开区', '2026-10', 0, '环保督察问题', '市生态环境局', '一票否决'], //    October → not in force for 2026-09
];

const tabs = cityTabs({ method: METHOD, targets: TARGETS, adjustments: ADJUSTMENTS });
const outcome = assessMonth(tabs, PERIOD, NOW);
const rankingGrid = outcome.writes.get('排名') as Grid | undefined;
const detailGrid = outcome.writes.get('得分明细') as Grid | undefined;
const ranking = records(rankingGrid).filter((r) => r['月份'] === MONTH);
const detail = records(detailGrid).filter((r) => r['月份'] === MONTH);
const checks = records(outcome.writes.get('校验结果') as Grid | undefined);
const warnings = records(outcome.writes.get('预警') as Grid | undefined).filter((r) => r['月份'] === MONTH);

const detailOf = (unit: string, name: string) => detail.find((r) => r['单位名称'] === unit && r['指标名称'] === name);
const rankOf = (unit: string) => ranking.find((r) => r['单位名称'] === unit);
const num = (v: unknown): number => Number(v);
/** The value 得分明细 writes for a hand-computed number: half away from zero at `decimals` (A9). */
const written = (v: number, decimals: number): number => (Math.sign(v) * Math.round(Math.abs(v) * 10 ** decimals)) / 10 ** decimals;

/** One 得分明细 expectation: 实际值, 年度目标, 序时目标, 完成率 (null = blank), 得分; unrounded hand values (A9 rounds them). */
type DetailCase = readonly [unit: string, actual: number, target: number | null, paced: number | null, rate: number | null, score: number];

function expectDetail(name: string, cases: readonly DetailCase[], basis: string): void {
  for (const [unit, actual, target, paced, rate, score] of cases) {
    const r = detailOf(unit, name);
    const at = `${unit} ${name}`;
    expect(r, at).toBeDefined();
    expect(r?.['口径'], `${at} 口径`).toBe(basis);
    expect(num(r?.['实际值']), `${at} 实际值 (4 decimals)`).toBe(written(actual, 4));
    if (target === null) expect(r?.['年度目标'], `${at} 年度目标`).toBeNull();
    else expect(num(r?.['年度目标']), `${at} 年度目标`).toBeCloseTo(target, 6);
    if (paced === null) expect(r?.['序时目标'], `${at} 序时目标`).toBeNull();
    else expect(num(r?.['序时目标']), `${at} 序时目标 (2 decimals)`).toBe(written(paced, 2));
    if (rate === null) expect(r?.['完成率'], `${at} 完成率`).toBeNull();
    else expect(num(r?.['完成率']), `${at} 完成率 (a fraction, 4 decimals)`).toBe(written(rate, 4));
    expect(r?.['得分'], `${at} 得分`).toBe(score);
  }
}

function expectScores(name: string, scores: Readonly<Record<string, number>>): void {
  for (const [unit, score] of Object.entries(scores)) expect(rankOf(unit)?.[name], `排名 ${unit} ${name}`).toBe(score);
}

describe('v2 contract scenario: 清河市, 5 units in 2 groups, assessed for 2026-09', () => {
  it('when the book is checked, then the only 错误 are 丙县\'s missing 资金来源 column (one, on its header row) and its blank 签约完成 target', () => {
    expect(outcome.structure).toEqual([]);
    const errors = checks.filter((r) => r['级别'] === '错误');
    const where = errors.map((r) => splitCell(r['单元格']));
    // "When the method uses 资金来源 and a unit tab has no 资金来源 column at all, that tab gets one 错误 on its
    // header row naming the missing column …; its rows are not errors one by one" (M1 filters on 资金来源, M2 is 实际利用外资).
    const bing = errors.filter((_, i) => where[i]?.[0] === '台账-丙县');
    expect(bing, JSON.stringify(bing)).toHaveLength(1);
    expect(rowOfA1(splitCell(bing[0]?.['单元格'])[1])).toBe(1);
    expect(`${String(bing[0]?.['字段'])} ${String(bing[0]?.['问题'])}`).toContain('资金来源');
    // "A unit without a positive target for such an indicator is an error on this tab" (v1 rule, applied to every
    // target-based indicator): 目标任务 column D (签约完成), row 4 (丙县).
    const target = errors.filter((_, i) => where[i]?.[0] === '目标任务');
    expect(target.map((r) => splitCell(r['单元格'])[1])).toEqual(['D4']);
    // nothing else: every 签约+ row elsewhere has a 资金来源; 美元 rows have 美元汇率; closed lists are respected.
    expect(errors).toHaveLength(2);
  });

  it('when 2026-09 is assessed, then 排名 has one score column per 考评办法 row in order and 得分明细 gains 说明 last', () => {
    expect(headerOf(rankingGrid)).toEqual([
      '月份', '单位名称', '考核组别', ...M, '加减分', '总分', '组内排名', '全市排名', '较上月', '等次', '计算时间',
    ]);
    expect(headerOf(detailGrid)).toEqual([...DETAIL_V2_HEADER]);
    expect(ranking).toHaveLength(5);
    expect(detail).toHaveLength(5 * 8); // no 适用组别 → every indicator for every unit
  });

  // ---------------------------------------------------------------------------------------------
  // M1 省外到位资金: 资金来源 筛选 with `/`, 美元 × 7, 终止 counted, per-indicator 序时进度 (55%), per-group 分值,
  // 目标完成率 with 封顶 1.2 and 门槛 80% on the completion x.
  //   甲县 JX-01 (5000+7000) 12000 + JX-02 美元 (500+300) × 7 = 5600 + JX-05 终止 1000 = 18600
  //        [JX-03 市内, JX-04 市外省内 out]; target 20000 → 序时目标 20000 × 0.55 = 11000; x = 18600/11000 = 1.690909
  //        (完成率 written 1.6909) → 20 × min(1.690909, 1.2) = 24
  //   乙县 YX-01 (6000+6000+3000) 15000 + YX-02 境外 人民币 7000 = 22000; target 50000 → 27500; x = 0.8 (= 门槛) → 20 × 0.8 = 16
  //   丙县 no 资金来源 column → every row blank → none counts → 0; target 10000 → 5500; x = 0 < 80% → 0
  //   高新区 GX-01 美元 (1000+1000+1500) × 7 = 24500 + GX-02 8000 = 32500; target 50000 → 27500;
  //        x = 1.181818… (written 1.1818) → 10 × 1.181818 = 11.818… → 11.82
  //   经开区 JK-01 (3000+1900) 4900 + JK-02 美元 500 × 7 = 3500 = 8400; target 20000 → 11000; x = 0.763636 (written 0.7636) < 80% → 0
  it('when 到位资金 is filtered on 资金来源 with a per-indicator 序时进度, 封顶 and 门槛, then 得分明细 and 排名 follow the hand computation', () => {
    expectDetail('省外到位资金', [
      ['甲县', 18600, 20000, 11000, 18600 / 11000, 24],
      ['乙县', 22000, 50000, 27500, 0.8, 16],
      ['丙县', 0, 10000, 5500, 0, 0],
      ['高新区', 32500, 50000, 27500, 32500 / 27500, 11.82],
      ['经开区', 8400, 20000, 11000, 8400 / 11000, 0],
    ], '到位资金');
    expectScores('省外到位资金', { 甲县: 24, 乙县: 16, 丙县: 0, 高新区: 11.82, 经开区: 0 });
  });

  // M2 利用外资: 实际利用外资 in 万美元 over 境外 rows: 美元 as typed, 人民币 ÷ 7. 功效系数 下限 50%, 范围 全市.
  //   甲县 JX-02 500+300 = 800;  乙县 YX-02 7000 ÷ 7 = 1000;  丙县 no 资金来源 → 0;  高新区 GX-01 1000+1000+1500 = 3500
  //   (GX-04 境外, no 到位);  经开区 JK-02 500.   lo = 0 (丙县), hi = 3500, L = 0.5
  //   甲县 10 × (0.5 + 0.5 × 800/3500)  = 10 × 0.614286 = 6.142857 → 6.14
  //   乙县 10 × (0.5 + 0.5 × 1000/3500) = 10 × 0.642857 = 6.428571 → 6.43
  //   丙县 10 × (0.5 + 0) = 5;  高新区 10 × 1 = 10
  //   经开区 10 × (0.5 + 0.5 × 500/3500) = 10 × 0.571429 = 5.714286 → 5.71
  it('when 实际利用外资 is scored by 功效系数 across the city with 下限 50%, then the 万美元 actuals and scores follow the hand computation', () => {
    expectDetail('利用外资', [
      ['甲县', 800, null, null, null, 6.14],
      ['乙县', 1000, null, null, null, 6.43],
      ['丙县', 0, null, null, null, 5],
      ['高新区', 3500, null, null, null, 10],
      ['经开区', 500, null, null, null, 5.71],
    ], '实际利用外资');
    expectScores('利用外资', { 甲县: 6.14, 乙县: 6.43, 丙县: 5, 高新区: 10, 经开区: 5.71 });
  });

  // M3 亿元项目签约额: 签约金额 over rows with 合同投资额 ≥ 1亿 (10000 万元, 美元 converted); 档位 5亿=10/2亿=6/1亿=3.
  //   甲县 JX-01 29000 + JX-02 3000 × 7 = 21000 → 50000 (= 5亿 exactly) → 10   [JX-03 8000 < 1亿; JX-04 2025; JX-05 终止]
  //   乙县 YX-01 20000 + YX-02 14000 = 34000 → 2亿 档 → 6                        [YX-03 5000]
  //   丙县 BX-01 30000 + BX-02 `1亿` = 10000 (≥ 1亿, boundary) → 40000 → 6
  //   高新区 GX-01 8000 × 7 = 56000 + GX-02 60000 = 116000 → 10                  [GX-03 5000; GX-04 800 × 7 = 5600]
  //   经开区 JK-02 2000 万美元 × 7 = 14000 (typed 2000 < 10000, converted ≥) → 14000 → 1亿 档 → 3
  //        [JK-01 8000, JK-03 6000, JK-04 3000]
  it('when 签约金额 is filtered on 合同投资额 >= 1亿 and scored by 分档 with amount 阈值 (5亿), then the tiers follow the hand computation', () => {
    expectDetail('亿元项目签约额', [
      ['甲县', 50000, null, null, null, 10],
      ['乙县', 34000, null, null, null, 6],
      ['丙县', 40000, null, null, null, 6],
      ['高新区', 116000, null, null, null, 10],
      ['经开区', 14000, null, null, null, 3],
    ], '签约金额');
    expectScores('亿元项目签约额', { 甲县: 10, 乙县: 6, 丙县: 6, 高新区: 10, 经开区: 3 });
  });

  // M4 产业链签约: 签约项目数 over 产业链 ∈ {新能源, 装备制造} (list with `、`); target-based 分档 on the completion,
  // 序时进度 = 参数 default 0.75; 档位 100%=12、80%=8、60%=4; 分值 per group 12 / 15 (no 得分 above 12).
  // 完成率 is x written to 4 decimals (A9): 1.3333, 0.6667, 0.8889, 0.4444.
  //   甲县 JX-01 新能源, JX-02 装备制造, JX-03 新能源 = 3; target 5 → 3.75; x = 0.8 → 80% 档 → 8
  //   乙县 YX-01 装备制造, YX-03 新能源 = 2 [YX-02 新材料]; target 2 → 1.5; x = 1.333333 → 12
  //   丙县 BX-01, BX-02 = 2; target 4 → 3; x = 0.666667 → 60% 档 → 4
  //   高新区 GX-02 新能源, GX-03 装备制造 = 2 [GX-01 电子信息, GX-04 生物医药]; target 3 → 2.25; x = 0.888889 → 8
  //   经开区 JK-02 新能源, JK-03 装备制造 = 2 [JK-01 新材料, JK-04 健康食品]; target 6 → 4.5; x = 0.444444 → below every 阈值 → 0
  it('when a target-based 签约项目数 is scored by 分档 on its completion, then 完成率 is x and the tiers follow the hand computation', () => {
    expectDetail('产业链签约', [
      ['甲县', 3, 5, 3.75, 0.8, 8],
      ['乙县', 2, 2, 1.5, 2 / 1.5, 12],
      ['丙县', 2, 4, 3, 2 / 3, 4],
      ['高新区', 2, 3, 2.25, 2 / 2.25, 8],
      ['经开区', 2, 6, 4.5, 2 / 4.5, 0],
    ], '签约项目数');
    expectScores('产业链签约', { 甲县: 8, 乙县: 12, 丙县: 4, 高新区: 8, 经开区: 0 });
  });

  // M5 开工率排名: D = rows counted by 签约项目数 that pass 币种=人民币 (blank 币种 reads as 人民币); rate = started ≤ E / D.
  //   甲县 JX-01 (blank 币种, started), JX-03 (人民币, not) → 1/2 = 0.5          [JX-02 美元 out; JX-04 signed 2025]
  //   乙县 YX-01 (started), YX-02 (人民币, started on E itself), YX-03 (not) → 2/3
  //   丙县 BX-01 (started), BX-02 (not) → 1/2 = 0.5
  //   高新区 GX-02 (started), GX-03 (人民币, started) → 2/2 = 1                 [GX-01, GX-04 美元 out]
  //   经开区 JK-01 (started), JK-03 (started), JK-04 (人民币, not) → 2/3          [JK-02 美元 out]
  //   全市 ranks by x, largest first, ties share: 高新区 1; 乙县, 经开区 2, 2; 甲县, 丙县 4, 4
  //   score = max(0, 10 − 2 × (rank − 1)): 10; 8, 8; 4, 4
  //   实际值 and 完成率 (the rate) are written to 4 decimals (A9): 2/3 → 0.6667.
  it('when 开工率 on 币种=人民币 rows is scored by 排名计分 (步长 2, 全市), then equal rates share a rank and the next rank skips', () => {
    expectDetail('开工率排名', [
      ['甲县', 0.5, null, null, 0.5, 4],
      ['乙县', 2 / 3, null, null, 2 / 3, 8],
      ['丙县', 0.5, null, null, 0.5, 4],
      ['高新区', 1, null, null, 1, 10],
      ['经开区', 2 / 3, null, null, 2 / 3, 8],
    ], '开工率');
    expectScores('开工率排名', { 甲县: 4, 乙县: 8, 丙县: 4, 高新区: 10, 经开区: 8 });
  });

  // M6 重点企业签约: 签约项目数 with 企业类型 including one of 世界500强/央企/行业龙头; 每项加分 2, 封顶 3.
  //   甲县 JX-01 央企, JX-02 `外资、世界500强` = 2 → min(4, 3) = 3 [JX-03 民企]
  //   乙县 YX-01 行业龙头 = 1 → 2;  丙县 BX-01 央企 = 1 → 2 [BX-02 国企]
  //   高新区 GX-01 `世界500强, 外资`, GX-02 行业龙头 = 2 → 3;  经开区 none (国企, 外资, blank, blank) → 0
  it('when 签约项目数 is filtered on 企业类型 = a list, then blank types never match and 每项加分 is capped', () => {
    expectDetail('重点企业签约', [
      ['甲县', 2, null, null, null, 3],
      ['乙县', 1, null, null, null, 2],
      ['丙县', 1, null, null, null, 2],
      ['高新区', 2, null, null, null, 3],
      ['经开区', 0, null, null, null, 0],
    ], '签约项目数');
    expectScores('重点企业签约', { 甲县: 3, 乙县: 2, 丙县: 2, 高新区: 3, 经开区: 0 });
  });

  // M7 签约完成: 签约金额 over rows whose 投资方所在地 contains 广东 or 浙江 and whose 企业类型 includes no 民企
  // (blank 所在地 never satisfies 含; blank 企业类型 always satisfies ≠). Target-based 功效系数, 下限 60% (default), 组内;
  // its own 序时进度: month 9 = 50%.
  //   甲县 JX-01 广东 央企 29000 + JX-02 浙江 外资 3000 × 7 = 21000 → 50000 [JX-03 所在地 blank]; target 50000 → 25000; x = 2
  //   乙县 YX-01 广东 行业龙头 20000 [YX-02 香港; YX-03 浙江 but 民企] → 20000; target 40000 → 20000; x = 1
  //   丙县 BX-01 30000 + BX-02 10000 = 40000 but no positive target → 0, and left out of lo/hi
  //   县市组: lo = 1 (乙), hi = 2 (甲) — with 丙县 in (x = 0) 乙县 would get 10 × (0.6 + 0.4 × 1/2) = 8, not 6.
  //     甲县 10 × (0.6 + 0.4 × 1) = 10;  乙县 10 × (0.6 + 0) = 6
  //   高新区 GX-02 广东 行业龙头 60000 [GX-01 美国, GX-03 民企, GX-04 香港]; target 90000 → 45000; x = 1.333333
  //   经开区 JK-01 广东 国企 8000 + JK-03 浙江 blank 类型 6000 = 14000 [JK-02 新加坡, JK-04 blank 所在地];
  //     target 21000 → 10500; x = 1.333333
  //   开发区组: hi = lo (both 4/3) → 分值 10 each;  完成率 written to 4 decimals (A9): 4/3 → 1.3333
  it('when a target-based 功效系数 has a unit without a target and a group where hi = lo, then that unit scores 0 outside lo/hi and hi = lo gives 分值', () => {
    expectDetail('签约完成', [
      ['甲县', 50000, 50000, 25000, 2, 10],
      ['乙县', 20000, 40000, 20000, 1, 6],
      ['高新区', 60000, 90000, 45000, 60000 / 45000, 10],
      ['经开区', 14000, 21000, 10500, 14000 / 10500, 10],
    ], '签约金额');
    const bing = detailOf('丙县', '签约完成');
    expect(bing?.['得分'], '丙县 签约完成 得分 (no target)').toBe(0);
    expectScores('签约完成', { 甲县: 10, 乙县: 6, 丙县: 0, 高新区: 10, 经开区: 10 });
  });

  // M8 开工项目: 开工项目数 over rows with 总投资 > 5000 万元 (美元 converted), 认定状态 = 未认定 (blank reads as 未认定)
  // and 资金来源 none of 市内/市外省内; 相对值 over 全市, 门槛 2 on the count.
  //   甲县 0 [JX-01 已认定; JX-04 (blank 认定, 30000) is 市外省内] → 0 < 2 → 0
  //   乙县 YX-02 (未认定, `1.4亿` = 14000, 境外) = 1 [YX-01 已认定] → 1 < 2 → 0
  //   丙县 BX-01 已认定 → 0 → 0
  //   高新区 GX-01 (未认定, 10000 万美元 = 70000, 境外), GX-02 (未认定, 80000, 省外境内),
  //     GX-04 (blank, 800 万美元 = 5600 > 5000, 境外) = 3
  //     [GX-03 总投资 5000 is not > 5000] → 10 × 3/3 = 10
  //   经开区 JK-01 (blank, 30000, 省外境内), JK-03 (blank, 7000, 省外境内) = 2 → 10 × 2/3 = 6.666… → 6.67
  //   largest x in 全市 = 3 (高新区); 完成率 = x ÷ largest (asserted only where 门槛 is met, see A3), written to
  //   4 decimals (A9): 经开区 2/3 → 0.6667
  it('when 开工项目数 is filtered on 总投资 > 5000万, 认定状态 = 未认定 and 资金来源 ≠ a list, and scored 相对值 over 全市 with 门槛 2, then the hand computation holds', () => {
    for (const [unit, actual] of [['甲县', 0], ['乙县', 1], ['丙县', 0]] as const) {
      expect(num(detailOf(unit, '开工项目')?.['实际值']), `${unit} 开工项目 实际值`).toBe(actual);
      expect(detailOf(unit, '开工项目')?.['得分'], `${unit} 开工项目 得分 (门槛)`).toBe(0);
    }
    expectDetail('开工项目', [
      ['高新区', 3, null, null, 1, 10],
      ['经开区', 2, null, null, 2 / 3, 6.67],
    ], '开工项目数');
    expectScores('开工项目', { 甲县: 0, 乙县: 0, 丙县: 0, 高新区: 10, 经开区: 6.67 });
  });

  // Ties, tiers and 门槛 compare x rounded to 6 decimals; the formula uses x unrounded.
  //   乙县 M1: x = 22000 ÷ (50000 × 0.55); in binary floating point 50000 × 0.55 = 27500.000000000004 and the quotient is
  //     0.7999999999999999 < 0.8 — rounded to 6 decimals it is 0.8, so 门槛 80% is met: 20 × 0.7999999999999999 → 16.
  //   甲县 M4: x = 3 ÷ (5 × 0.75) = 0.8 (3 ÷ 5 ÷ 0.75 = 0.7999999999999999) → the 80% 档 → 8.
  //   乙县/经开区 M5 (2/3 each) share rank 2; 高新区/经开区 M7 (4/3 each) give hi = lo.
  it('when x lands on a 阈值 or 门槛 only up to floating-point noise, then x rounded to 6 decimals decides', () => {
    expect(50000 * 0.55).not.toBe(27500); // the noise this case is about (a guard on the scenario itself)
    expect(rankOf('乙县')?.['省外到位资金']).toBe(16);
    expect(rankOf('甲县')?.['产业链签约']).toBe(8);
    expect([rankOf('乙县')?.['开工率排名'], rankOf('经开区')?.['开工率排名']]).toEqual([8, 8]);
    expect([rankOf('高新区')?.['签约完成'], rankOf('经开区')?.['签约完成']]).toEqual([10, 10]);
  });

  // 加减分 v2 and the whole 排名 row. Sums of the rounded indicator scores:
  //   甲县  24 + 6.14 + 10 + 8 + 4 + 3 + 10 + 0 = 65.14; + 2 (blank 类型) = 67.14 → 良好 (60 ≤ 67.14 < 70)
  //   乙县  16 + 6.43 + 6 + 12 + 8 + 2 + 6 + 0 = 56.43; 一票否决 adds nothing → 56.43 earns 一般, vetoed → 较差
  //   丙县  0 + 5 + 6 + 4 + 4 + 2 + 0 + 0 = 21; − 1 (类型 加减分) = 20 → 较差; 降一档 cannot go below the lowest → 较差
  //   高新区 11.82 + 10 + 10 + 8 + 10 + 3 + 10 + 10 = 72.82 earns 优秀; two 降一档 rows → 良好 → 一般
  //   经开区 0 + 5.71 + 3 + 0 + 8 + 0 + 10 + 6.67 = 33.38 → 一般 (its 一票否决 is dated 2026-10, not yet in force)
  //   组内: 县市组 67.14, 56.43, 20 → 1, 2, 3; 开发区组 72.82, 33.38 → 1, 2 (the veto changes no rank)
  //   全市: 72.82, 67.14, 56.43, 33.38, 20 → 高新区 1, 甲县 2, 乙县 3, 经开区 4, 丙县 5
  //   较上月: no earlier 排名 → blank
  it('when 加减分 rows carry 类型 一票否决 and 降一档, then 等次 changes while 加减分, 总分 and ranks do not', () => {
    const want: Record<string, [adj: number, total: number, inGroup: number, inCity: number, grade: string, group: string]> = {
      甲县: [2, 67.14, 1, 2, '良好', '县市组'],
      乙县: [0, 56.43, 2, 3, '较差', '县市组'],
      丙县: [-1, 20, 3, 5, '较差', '县市组'],
      高新区: [0, 72.82, 1, 1, '一般', '开发区组'],
      经开区: [0, 33.38, 2, 4, '一般', '开发区组'],
    };
    for (const [unit, [adj, total, inGroup, inCity, grade, group]] of Object.entries(want)) {
      const r = rankOf(unit);
      expect(r, unit).toBeDefined();
      expect({
        考核组别: r?.['考核组别'], 加减分: r?.['加减分'], 总分: r?.['总分'], 组内排名: r?.['组内排名'],
        全市排名: r?.['全市排名'], 较上月: r?.['较上月'], 等次: r?.['等次'],
      }, unit).toEqual({ 考核组别: group, 加减分: adj, 总分: total, 组内排名: inGroup, 全市排名: inCity, 较上月: null, 等次: grade });
    }
  });

  // 说明: "says in Chinese how the score arose when it is not plain arithmetic (e.g. `完成率 86.4%，落在 80% 档，得 15 分`,
  // `组内第 3 名，20 − 2 × 1 = 18`, `低于门槛 60%，得 0 分`, `一票否决：…`)"; "reports and 得分明细's 说明 name the row's
  // 事由 next to the 等次 it changed". Key phrases only, not wording.
  it('when scores come from a 档, a rank, a 门槛 or a grade override, then 得分明细\'s 说明 says so', () => {
    const say = (unit: string, name: string) => String(detailOf(unit, name)?.['说明'] ?? '');
    expect(say('甲县', '产业链签约'), '甲县 产业链签约: the 80% 档').toMatch(/80\s*%.*档|档.*80\s*%/);
    expect(say('丙县', '产业链签约'), '丙县 产业链签约: the 60% 档').toMatch(/60\s*%.*档|档.*60\s*%/);
    expect(say('甲县', '亿元项目签约额'), '甲县 亿元项目签约额: a 档').toContain('档');
    expect(say('乙县', '开工率排名'), '乙县 开工率排名: rank 2').toMatch(/第\s*2\s*名/);
    expect(say('甲县', '开工率排名'), '甲县 开工率排名: rank 4').toMatch(/第\s*4\s*名/);
    expect(say('经开区', '省外到位资金'), '经开区 省外到位资金: below 门槛').toContain('门槛');
    expect(say('丙县', '省外到位资金'), '丙县 省外到位资金: below 门槛').toContain('门槛');
    expect(say('甲县', '开工项目'), '甲县 开工项目: below 门槛').toContain('门槛');
    const unitSays = (unit: string) => detail.filter((r) => r['单位名称'] === unit).map((r) => String(r['说明'] ?? '')).join('\n');
    expect(unitSays('乙县')).toContain('一票否决');
    expect(unitSays('乙县')).toContain('发生重大安全生产事故');
    expect(unitSays('高新区')).toContain('数据填报不实');
    expect(unitSays('高新区')).toContain('重点项目推进不力');
    expect(unitSays('经开区'), 'a veto dated 2026-10 is not in force in 2026-09').not.toContain('环保督察问题');
  });

  // 序时落后 (yellow ≥ 10 points, red ≥ 30) for the 目标完成率 indicator M1 with its own 序时进度 55%:
  //   甲县 18600/20000 = 93% (ahead) → none;  乙县 22000/50000 = 44% → 11 behind → 黄 (with 参数's 75% it would be 红)
  //   丙县 0% → 55 behind → 红;  高新区 32500/50000 = 65% → none (with 75% it would be 黄)
  //   经开区 8400/20000 = 42% → 13 behind → 黄 (with 75% it would be 红)
  it('when a 目标完成率 indicator has its own 序时进度, then 序时落后 is measured against it', () => {
    const m1 = warnings.filter((r) => r['预警类型'] === '序时落后' && String(r['说明'] ?? '').includes('省外到位资金'));
    const got = Object.fromEntries(m1.map((r) => [String(r['单位名称']), r['级别']]));
    expect(got).toEqual({ 乙县: '黄', 丙县: '红', 经开区: '黄' });
  });
});


// ---------------------------------------------------------------------------------------------
// Variant: the same ledgers with 仅计认定项目 = 是 and a plain method, to see which rows every row-based 口径 keeps.
// 已认定 rows: 甲县 JX-01, JX-02 (美元), JX-05 (终止); 乙县 YX-01, YX-03; 丙县 BX-01; 高新区 none; 经开区 JK-02 (美元).
//   签约项目数  甲 JX-01, JX-02 = 2;  乙 YX-01, YX-03 = 2;  丙 BX-01 = 1;  高新 0;  经开 JK-02 = 1
//   开工率      甲 1/2 (JX-01 started, JX-02 not) = 0.5;  乙 1/2 (YX-03 not) = 0.5;  丙 1/1 = 1;  高新 D = 0 → 1;  经开 0/1 = 0
//   超期未开工  (签约 ≤ T = 2026-04-03, not started, not 终止) 甲 JX-02 (03-15) = 1 (all rows: + JX-03 未认定 = 2);
//               乙 YX-03 (04-03 = T) = 1;  others 0
//   履约率      D = 已认定 rows (终止 included) signed ≤ T: 甲 {JX-01, JX-02, JX-05} → 1/3
//               (all rows: {JX-01, JX-02, JX-03, JX-04, JX-05} → 2/5);
//               乙 {YX-01, YX-03} → 1/2;  丙 {BX-01} → 1;  高新 D = 0 → 1;  经开 D = 0 → 1 (all rows: {JK-01, JK-03} → 1)
//               (实际值 written to 4 decimals, A9: 甲 1/3 → 0.3333; 得分 10 × 1/3 = 3.33 from the unrounded rate)
//   实际利用外资 甲 JX-02 800;  乙 0 (YX-02 未认定);  丙 0;  高新 0 (GX-01 未认定);  经开 JK-02 500
//   到位资金    甲 JX-01 12000 + JX-02 800 × 7 = 5600 + JX-05 1000 = 18600;  乙 YX-01 15000;  丙 BX-01 4000;  高新 0;
//               经开 JK-02 500 × 7 = 3500
//   周上报及时率 is not row-based: no 周报记录 → 1 for everyone, 高新区 included.
// Scores (plain v1 formulas): 开工率 比率 10 → 5, 5, 10, 10, 0;  履约率 比率 10 → 3.33, 5, 10, 10, 10;
//   外资 相对值 组内 → 县市组 max 800: 10, 0, 0; 开发区组 max 500: 0, 10;
//   外资分档 档位 0.08亿=10/500=4 — "an amount 阈值 … is in the indicator's unit", so 0.08亿 is 800 万美元 (not 800 万元
//   ÷ 7): 甲 800 ≥ 800 → 10; 经开 500 ≥ 500 → 4 (÷ 7 would have given 10); others 0 → 0;
//   签约排名 (target-based 排名计分, 步长 3, 全市; 参数.序时进度 0.75): targets 甲 2, 乙 4, 丙 blank, 高新 1, 经开 1 →
//   x = 甲 2/1.5 = 1.333333, 乙 2/3 = 0.666667, 高新 0/0.75 = 0, 经开 1/0.75 = 1.333333; 丙县 has no positive target →
//   0 and out of the ranks. Ranks 甲 1, 经开 1, 乙 3, 高新 4 → 10, 10, 10 − 3 × 2 = 4, 10 − 3 × 3 = 1; 丙县 0
//   (had 丙县 been ranked at x = 0 it would share rank 4 and get 1).
//   到位资金 相对值 组内 → 县市组 max 18600: 10, 10 × 15000/18600 = 8.0645 → 8.06, 10 × 4000/18600 = 2.1505 → 2.15;
//   开发区组 max 3500: 0, 10.
describe('v2 contract scenario, 仅计认定项目 = 是', () => {
  const method: Cell[][] = [
    [...METHOD_V2_HEADER],
    ['签约项目', '签约项目数', '', '每项加分', 1, '', '', '', '', ''],
    ['开工率', '开工率', '', '比率', 10, '', '', '', '', ''],
    ['超期未开工', '超期未开工项目数', '', '每项扣分', 1, '', '', '', '', ''],
    ['履约率', '履约率', '', '比率', 10, '', '', '', '', ''],
    ['外资', '实际利用外资', '', '相对值', 10, '', '', '', '', ''],
    ['外资分档', '实际利用外资', '', '分档', 10, '', '档位:0.08亿=10/500=4', '', '', ''],
    ['到位资金', '到位资金', '', '相对值', 10, '', '', '', '', ''],
    ['周报', '周上报及时率', '', '比率', 5, '', '', '', '', ''],
    ['签约排名', '签约项目数', '', '排名计分', 10, '', '步长:3；范围:全市', '', '', ''],
  ];
  const only = assessMonth(cityTabs({
    settings: { 仅计认定项目: '是' },
    method,
    targets: [['单位名称', '签约排名'], ['甲县', 2], ['乙县', 4], ['丙县', ''], ['高新区', 1], ['经开区', 1]],
    adjustments: [[...ADJUSTMENTS_V2_HEADER]],
  }), PERIOD, NOW);
  const rows = records(only.writes.get('得分明细') as Grid | undefined).filter((r) => r['月份'] === MONTH);
  const find = (unit: string, name: string) => rows.find((r) => r['单位名称'] === unit && r['指标名称'] === name);

  it('when only recognised projects count, then unrecognised rows are not 错误 (only 丙县\'s missing 资金来源 column and its blank target are)', () => {
    const errors = records(only.writes.get('校验结果') as Grid | undefined).filter((r) => r['级别'] === '错误');
    const cells = errors.map((r) => String(r['单元格']));
    expect(cells, JSON.stringify(errors)).toHaveLength(2);
    expect(cells).toEqual(expect.arrayContaining([expect.stringMatching(/^台账-丙县!\$?[A-Z]+\$?1$/), '目标任务!B4']));
  });

  const cases: readonly [name: string, basis: string, byUnit: Readonly<Record<string, [actual: number, score: number]>>][] = [
    ['签约项目', '签约项目数', { 甲县: [2, 2], 乙县: [2, 2], 丙县: [1, 1], 高新区: [0, 0], 经开区: [1, 1] }],
    ['开工率', '开工率', { 甲县: [0.5, 5], 乙县: [0.5, 5], 丙县: [1, 10], 高新区: [1, 10], 经开区: [0, 0] }],
    ['超期未开工', '超期未开工项目数', { 甲县: [1, -1], 乙县: [1, -1], 丙县: [0, 0], 高新区: [0, 0], 经开区: [0, 0] }],
    ['履约率', '履约率', { 甲县: [1 / 3, 3.33], 乙县: [0.5, 5], 丙县: [1, 10], 高新区: [1, 10], 经开区: [1, 10] }],
    ['外资', '实际利用外资', { 甲县: [800, 10], 乙县: [0, 0], 丙县: [0, 0], 高新区: [0, 0], 经开区: [500, 10] }],
    ['外资分档', '实际利用外资', { 甲县: [800, 10], 乙县: [0, 0], 丙县: [0, 0], 高新区: [0, 0], 经开区: [500, 4] }],
    ['到位资金', '到位资金', { 甲县: [18600, 10], 乙县: [15000, 8.06], 丙县: [4000, 2.15], 高新区: [0, 0], 经开区: [3500, 10] }],
    ['周报', '周上报及时率', { 甲县: [1, 5], 乙县: [1, 5], 丙县: [1, 5], 高新区: [1, 5], 经开区: [1, 5] }],
    ['签约排名', '签约项目数', { 甲县: [2, 10], 乙县: [2, 4], 丙县: [1, 0], 高新区: [0, 1], 经开区: [1, 10] }],
  ];
  it.each(cases)('when %s is measured with 仅计认定项目 = 是, then only 已认定 rows count', (name, basis, byUnit) => {
    for (const [unit, [actual, score]] of Object.entries(byUnit)) {
      const r = find(unit, name);
      expect(r, `${unit} ${name}`).toBeDefined();
      expect(r?.['口径'], `${unit} ${name} 口径`).toBe(basis);
      expect(num(r?.['实际值']), `${unit} ${name} 实际值 (4 decimals, A9)`).toBe(written(actual, 4));
      expect(r?.['得分'], `${unit} ${name} 得分`).toBe(score);
    }
  });
});

