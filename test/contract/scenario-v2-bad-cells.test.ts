/**
 * Independent v2 contract scenario (issue 9), bad cells: a 考评办法 / 加减分 / 参数 / ledger full of mistakes an
 * admin or county clerk makes, each of which must give an 错误 in 校验结果 naming the right cell — never a throw.
 *
 * Written from /work/shared/ledger-contract.md alone. The rules quoted:
 *  - "A row with an unusable cell is left out of the method with an 错误 on 考评办法 naming the cell, as in v1."
 *  - "An unknown item or an item on a 计分方式 it does not belong to is an error. Errors name the cell where the fix
 *     belongs: a missing 档位 names the 计分参数 cell, a 筛选 on 周上报及时率 names the 筛选 cell."
 *  - "An indicator that applies to a group its 分值 does not list is an error on that 考评办法 row, and so is a 分档
 *     得分 above any applicable group's 分值." — the row, not the cell, is fixed by the text: the reading taken is
 *     that the 分值 cell (E) or the 计分参数 cell (G) of that row is named; both are accepted.
 *  - "比率 still requires a rate 口径": the cell is not said; any cell of that 考评办法 row is accepted.
 *  - "目标完成率 still requires a target column" with "A missing required column is an error naming the tab and the
 *     column": whether that makes the workbook unusable (a structure problem) or only leaves the row out is not said;
 *     it is checked on a book of its own, accepting either, as long as the tab and the column are named.
 *  - 封顶 "must be blank" for 分档 and 功效系数 → the 封顶 cell.
 *  - 门槛 is "for every 计分方式 but 每项扣分"; 范围 is for "相对值, 功效系数, 排名计分"; 档位 for 分档 → 计分参数 cell.
 *  - 筛选: each field has its own operators (企业类型 only = and ≠; 产业链 only = and ≠) and closed-list values.
 *  - 序时进度ᵢ is "12 cumulative percentages, like 参数.序时进度" → two values is an error on the 序时进度 cell.
 *  - 加减分 "Any other 类型 is an error"; 参数 仅计认定项目 is "是 / 否"; 美元汇率 is a number (万元 per 万美元).
 *  - Ledger: 资金来源, 币种, 认定状态 "are closed lists: any other text is an 错误 naming the cell"; 资金来源 is
 *    "Required from 签约 when the method uses it"; "a counted 美元 row without [美元汇率] is an 错误 on that row
 *    saying to set 参数.美元汇率".
 */
import { describe, expect, it } from 'vitest';
import { assessMonth, type Cell } from '../../functions/core/index.js';
import {
  a1, ADJUSTMENTS_V2_HEADER, headerOf, LEDGER_V2_HEADER, ledgerGrid, METHOD_V2_HEADER, plainGrid, records, rowOfA1,
  splitCell, UNITS_HEADER, type Grid, type Tabs,
} from './v2-book.js';

const NOW = new Date('2026-10-05T16:30:00Z');
const PERIOD = { year: 2026, month: 9 };
const FRESH = '2026-09-28';

// 参数 without 美元汇率 (bad 参数 values get books of their own below, so that a reading which refuses the
// whole workbook for one of them fails only that test).
const SETTINGS: Cell[][] = [
  ['参数', '值'],
  ['年度', 2026],
  ['城市', '清河市'],
  ['等次', '优秀:90,良好:80,一般:60,较差:0'],
];

// 考评办法: two good rows, then one mistake per row (sheet rows 4 …). [name, row cells without the name]
const BAD_METHOD: readonly (readonly Cell[])[] = [
  ['缺档位', '签约项目数', '', '分档', 10, '', '', '', '', ''],
  ['周报筛选', '周上报及时率', '项目阶段=签约', '比率', 5, '', '', '', '', ''],
  ['档位超分', '签约项目数', '', '分档', '县市组:10；开发区组:8', '', '档位:3=10/1=5', '', '', ''],
  ['缺组别分值', '签约金额', '', '相对值', '县市组:10', '', '', '', '', ''],
  ['未知参数', '签约项目数', '', '每项加分', 1, '', '权重:2', '', '', ''],
  ['步长错用', '签约金额', '', '功效系数', 10, '', '步长:2', '', '', ''],
  ['筛选读不懂', '签约金额', '金额大于1亿', '相对值', 10, '', '', '', '', ''],
  ['分档封顶', '签约项目数', '', '分档', 10, 1.2, '档位:3=10/1=5', '', '', ''],
  ['来源写错', '签约项目数', '资金来源=国外', '每项加分', 1, '', '', '', '', ''],
  ['扣分门槛', '超期未开工项目数', '', '每项扣分', 1, 3, '门槛:2', '', '', ''],
  ['序时写错', '到位资金', '', '目标完成率', 10, '', '', '', '10%,20%', ''],
  ['类型含', '签约项目数', '企业类型 含 央企', '每项加分', 1, '', '', '', '', ''],
  ['排名档位', '签约项目数', '', '排名计分', 10, '', '档位:1=1', '', '', ''],
  ['分档范围', '签约项目数', '', '分档', 10, '', '档位:3=10/1=5；范围:全市', '', '', ''],
  ['范围写错', '签约金额', '', '相对值', 10, '', '范围:全省', '', '', ''],
  ['金额读不懂', '签约金额', '总投资≥很多', '相对值', 10, '', '', '', '', ''],
  ['档位读不懂', '签约项目数', '', '分档', 10, '', '档位:很多=3', '', '', ''],
  ['功效封顶', '签约金额', '', '功效系数', 10, 1.2, '', '', '', ''],
  ['产业链比大小', '签约项目数', '产业链≥新能源', '每项加分', 1, '', '', '', '', ''],
  ['比率非比率', '签约项目数', '', '比率', 10, '', '', '', '', ''],
];
const METHOD: Cell[][] = plainGrid(METHOD_V2_HEADER, [
  ['签约项目', '签约项目数', '', '每项加分', 1, '', '', '', '', ''], // row 2, good
  ['外资', '实际利用外资', '', '相对值', 10, '', '', '', '', ''], //       row 3, good: the method uses 资金来源
  ...BAD_METHOD,
]);
const methodRow = (name: string): number => METHOD.findIndex((r) => r[0] === name) + 1;
const m = (name: string, field: string): string => a1(METHOD_V2_HEADER, field, methodRow(name));

const ADJUSTMENTS: Cell[][] = plainGrid(ADJUSTMENTS_V2_HEADER, [
  ['甲县', '2026-05', 1, '招商表彰', '市招商局', '奖励'], //      row 2: unknown 类型 → 加减分!F2
  ['高新区', '2026-04', 0, '安全事故', '市应急管理局', '一票否决'], // row 3: fine
]);

const signed = { 项目阶段: '签约', '总投资(万元)': 1000, '合同投资额(万元)': 1000, 签约日期: '2026-05-01', 投资方: '某投资公司',
  产业链: '新能源', 责任领导: '某领导', 进展情况: '推进中', 更新日期: FRESH } as const;
const LEDGER_JIA = [
  { 项目编号: 'C-01', 项目名称: '币种写错', 资金来源: '市内', 币种: '欧元', ...signed }, //            row 2 → 币种
  { 项目编号: 'C-02', 项目名称: '认定写错', 资金来源: '市内', 认定状态: '已审核', ...signed }, //     row 3 → 认定状态
  { 项目编号: 'C-03', 项目名称: '来源写错', 资金来源: '国外', ...signed }, //                         row 4 → 资金来源
  { 项目编号: 'C-04', 项目名称: '来源未填', ...signed }, //                                            row 5 → 资金来源 (required)
  { 项目编号: 'C-05', 项目名称: '美元无汇率', 资金来源: '境外', 币种: '美元', ...signed, '9月到位(万元)': 100 }, // row 6
  { 项目编号: 'C-06', 项目名称: '线索项目', 项目阶段: '线索', 产业链: '新能源', 更新日期: FRESH }, // row 7: no 资金来源 needed
];

function badTabs(): Tabs {
  const tabs: Tabs = new Map();
  tabs.set('参数', SETTINGS);
  tabs.set('单位', plainGrid(UNITS_HEADER, [['甲县', '县市组', '', '', ''], ['高新区', '开发区组', '', '', '']]));
  tabs.set('目标任务', [['单位名称', '序时写错'], ['甲县', 1000], ['高新区', 1000]]);
  tabs.set('考评办法', METHOD);
  tabs.set('加减分', ADJUSTMENTS);
  tabs.set('台账-甲县', ledgerGrid(LEDGER_JIA));
  tabs.set('台账-高新区', ledgerGrid([{ 项目编号: 'G-01', 项目名称: '好项目', 资金来源: '省外境内', ...signed }]));
  return tabs;
}

let thrown: unknown = null;
let outcome: ReturnType<typeof assessMonth> | undefined;
try {
  outcome = assessMonth(badTabs(), PERIOD, NOW);
} catch (e) {
  thrown = e; // asserted below: "Nothing throws"
}
const errors = outcome ? records(outcome.writes.get('校验结果') as Grid | undefined).filter((r) => r['级别'] === '错误') : [];
const at = (tab: string) => errors.filter((r) => splitCell(r['单元格'])[0] === tab);

/** [what, tab, accepted A1 cells (or a row number: any cell of it), 字段 when one cell is fixed, text that 填报值 must hold]. */
type BadCase = readonly [what: string, tab: string, cells: readonly string[] | number, field: string | null, typed: string | null];
const L = (field: string, row: number) => a1(LEDGER_V2_HEADER, field, row);
const CASES: readonly BadCase[] = [
  ['分档 without 档位 → the 计分参数 cell', '考评办法', [m('缺档位', '计分参数')], '计分参数', null],
  ['a 筛选 on 周上报及时率 → the 筛选 cell', '考评办法', [m('周报筛选', '筛选')], '筛选', '项目阶段=签约'],
  ['a 分档 得分 above a group\'s 分值 → that row', '考评办法', [m('档位超分', '分值'), m('档位超分', '计分参数')], null, null],
  ['a 分值 that leaves out an applicable group → that row', '考评办法', [m('缺组别分值', '分值'), m('缺组别分值', '适用组别')], null, null],
  ['an unknown 计分参数 item', '考评办法', [m('未知参数', '计分参数')], '计分参数', '权重:2'],
  ['步长 on 功效系数', '考评办法', [m('步长错用', '计分参数')], '计分参数', '步长:2'],
  ['a 筛选 that cannot be read', '考评办法', [m('筛选读不懂', '筛选')], '筛选', '金额大于1亿'],
  ['封顶 on 分档', '考评办法', [m('分档封顶', '封顶')], '封顶', '1.2'],
  ['a 筛选 value outside 资金来源\'s list', '考评办法', [m('来源写错', '筛选')], '筛选', '资金来源=国外'],
  ['门槛 on 每项扣分', '考评办法', [m('扣分门槛', '计分参数')], '计分参数', '门槛:2'],
  ['a 序时进度 with 2 values', '考评办法', [m('序时写错', '序时进度')], '序时进度', '10%,20%'],
  ['含 on 企业类型', '考评办法', [m('类型含', '筛选')], '筛选', '企业类型 含 央企'],
  ['档位 on 排名计分', '考评办法', [m('排名档位', '计分参数')], '计分参数', '档位:1=1'],
  ['范围 on 分档', '考评办法', [m('分档范围', '计分参数')], '计分参数', '范围:全市'],
  ['范围 全省', '考评办法', [m('范围写错', '计分参数')], '计分参数', '全省'],
  ['an amount in a 筛选 that cannot be read', '考评办法', [m('金额读不懂', '筛选')], '筛选', '很多'],
  ['a 档位 阈值 that cannot be read', '考评办法', [m('档位读不懂', '计分参数')], '计分参数', '很多'],
  ['封顶 on 功效系数', '考评办法', [m('功效封顶', '封顶')], '封顶', '1.2'],
  ['≥ on 产业链', '考评办法', [m('产业链比大小', '筛选')], '筛选', '产业链≥新能源'],
  ['比率 on a count 口径', '考评办法', methodRow('比率非比率'), null, null],
  ['an unknown 加减分 类型', '加减分', ['F2'], '类型', '奖励'],
  ['币种 欧元', '台账-甲县', [L('币种', 2)], '币种', '欧元'],
  ['认定状态 已审核', '台账-甲县', [L('认定状态', 3)], '认定状态', '已审核'],
  ['资金来源 国外', '台账-甲县', [L('资金来源', 4)], '资金来源', '国外'],
  ['a 签约 row without 资金来源 while the method uses it', '台账-甲县', [L('资金来源', 5)], '资金来源', null],
  ['a counted 美元 row without 参数.美元汇率 → that row', '台账-甲县', 6, null, null],
];

describe('v2 contract, bad 考评办法 / 加减分 / 参数 / ledger cells', () => {
  it('when the workbook is full of v2 mistakes, then assessing it throws nothing and the workbook stays usable', () => {
    expect(thrown).toBeNull();
    expect(outcome?.structure, JSON.stringify(outcome?.structure)).toEqual([]);
  });

  it.each(CASES)('when %s, then 校验结果 has an 错误 on %s naming the right cell', (what, tab, cells, field, typed) => {
    const mine = at(tab).filter((r) => {
      const address = splitCell(r['单元格'])[1];
      return typeof cells === 'number' ? rowOfA1(address) === cells : cells.includes(address);
    });
    expect(mine.length, `${what}: 错误 on ${tab} ${JSON.stringify(cells)}; got ${JSON.stringify(at(tab).map((r) => r['单元格']))}`).toBeGreaterThan(0);
    const r = mine[0];
    expect(String(r?.['问题'] ?? ''), `${what}: 问题 says what is wrong and how to fix it`).not.toBe('');
    if (field !== null) expect(r?.['字段'], `${what}: 字段`).toBe(field);
    if (typed !== null) expect(String(r?.['填报值'] ?? ''), `${what}: 填报值 quotes what was typed`).toContain(typed);
  });

  it('when a counted 美元 row has no 参数.美元汇率, then its 错误 says to set 美元汇率', () => {
    const row6 = at('台账-甲县').filter((r) => rowOfA1(splitCell(r['单元格'])[1]) === 6);
    expect(row6.some((r) => String(r['问题']).includes('美元汇率')), JSON.stringify(row6)).toBe(true);
  });

  it('when a row only lacks 资金来源 before 签约, then it has no 错误', () => {
    expect(at('台账-甲县').filter((r) => rowOfA1(splitCell(r['单元格'])[1]) === 7)).toEqual([]);
  });

  it('when 考评办法 rows are unusable, then they are left out of the method and only the good ones are scored', () => {
    const header = headerOf(outcome?.writes.get('排名') as Grid | undefined);
    const scoreColumns = header.slice(header.indexOf('考核组别') + 1, header.indexOf('加减分'));
    expect(scoreColumns).toEqual(['签约项目', '外资']);
    // and each unusable row got at least one 错误 on its own row
    for (const [name] of BAD_METHOD) {
      const row = methodRow(String(name));
      expect(at('考评办法').some((r) => rowOfA1(splitCell(r['单元格'])[1]) === row), `考评办法 row ${row} (${String(name)})`).toBe(true);
    }
  });

  it('when a 目标完成率 row has no 目标任务 column, then the message names 目标任务 and the indicator (unusable book or 错误)', () => {
    const tabs = badTabs();
    tabs.set('考评办法', plainGrid(METHOD_V2_HEADER, [
      ['签约项目', '签约项目数', '', '每项加分', 1, '', '', '', '', ''],
      ['无目标列', '签约金额', '', '目标完成率', 10, '', '', '', '', ''],
    ]));
    tabs.set('目标任务', [['单位名称'], ['甲县'], ['高新区']]);
    const got = assessMonth(tabs, PERIOD, NOW);
    const said = [
      ...got.structure.map((p) => `${p.tab} ${p.message}`),
      ...records(got.writes.get('校验结果') as Grid | undefined)
        .filter((r) => r['级别'] === '错误')
        .map((r) => `${String(r['单元格'])} ${String(r['字段'])} ${String(r['问题'])}`),
    ];
    expect(said.some((t) => t.includes('目标任务') && t.includes('无目标列')), JSON.stringify(said)).toBe(true);
  });

  it('when a 筛选 cannot be read, then its 问题 shows how a condition is written (字段 运算 值)', () => {
    const r = at('考评办法').find((x) => splitCell(x['单元格'])[1] === m('筛选读不懂', '筛选'));
    expect(String(r?.['问题'] ?? ''), JSON.stringify(r)).toMatch(/[=≠≥≤<>]|含/);
  });

  it.each([
    ['仅计认定项目', '可能'],
    ['美元汇率', '七点一'],
  ])('when 参数.%s is %s, then 校验结果 has an 错误 on its 值 cell (B5) quoting it', (name, typed) => {
    const tabs = badTabs();
    tabs.set('参数', [...SETTINGS, [name, typed]]); // row 5
    const got = assessMonth(tabs, PERIOD, NOW);
    const errs = records(got.writes.get('校验结果') as Grid | undefined)
      .filter((r) => r['级别'] === '错误' && splitCell(r['单元格'])[0] === '参数');
    expect(errs.map((r) => [splitCell(r['单元格'])[1], r['填报值']]), JSON.stringify(got.structure)).toContainEqual(['B5', typed]);
  });
});
