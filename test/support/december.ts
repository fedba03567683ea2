/**
 * A December ledger with every row kind a rollover meets: each stage, 终止 (clean and with 错误), a 美元
 * row written with a 币种 column, rows with 错误, 上年末累计到位 and monthly 到位 typed in every amount
 * form, an amount nobody can read, extra staff columns, a note row, and the user's own tab.
 */
import { DEFAULT_METHOD, LEDGER_COLUMNS, bookTabs, dateCellOf, dayOf, type Cell } from '../../functions/core/index.js';

export const DECEMBER_NOW = new Date('2026-12-31T09:00:00Z'); // 2026-12-31 17:00 Shanghai
export const JANUARY_NOW = new Date('2027-02-01T01:00:00Z'); // 2027-02-01 09:00 Shanghai: January is complete

const date = (y: number, m: number, d: number): Date => dateCellOf(dayOf(y, m, d));

/** The unit tab's header: the contract's columns, 币种 after 投资方所在地 when the contract lacks it, and two staff columns. */
export function decemberHeader(): string[] {
  const headers = LEDGER_COLUMNS.map((c) => c.header);
  if (!headers.includes('币种')) headers.splice(headers.indexOf('投资方所在地') + 1, 0, '币种');
  return [...headers, '内部备注', '对接人电话'];
}

type Row = Record<string, Cell>;
const base = (over: Row): Row => ({
  项目名称: '项目', 投资方: '某某有限公司', 产业链: '新能源', 项目阶段: '开工', '总投资(万元)': 50000, '合同投资额(万元)': 40000,
  签约日期: date(2026, 2, 10), 开工日期: date(2026, 5, 1), 责任领导: '张三', 进展情况: '主体施工', 更新日期: date(2026, 12, 25), ...over,
});

/** 温县's rows: the reason for each is in its 项目名称. */
export const WEN_ROWS: Row[] = [
  base({ 项目编号: 'W-1', 项目名称: '开工·金额各种写法', '上年末累计到位(万元)': 5000, '1月到位(万元)': 1000, '3月到位(万元)': '2,000', '12月到位(万元)': '0.5亿', 内部备注: '重点盯办', 对接人电话: '0391-1234567', 校验: '✓' }),
  base({ 项目编号: 'W-2', 项目名称: '已终止', 项目阶段: '终止', 开工日期: null, 存在问题: '投资方资金链断裂', '1月到位(万元)': 800 }),
  base({ 项目编号: 'W-3', 项目名称: '美元项目', 币种: '美元', 项目阶段: '签约', 开工日期: null, '总投资(万元)': 3000, '合同投资额(万元)': 2000, '6月到位(万元)': 300, '7月到位(万元)': '200万' }),
  base({ 项目编号: 'W-4', 项目名称: '签约缺日期（错误）', 项目阶段: '签约', 签约日期: null, 开工日期: null, '2月到位(万元)': 100, 校验: '✗ 1 处错误' }),
  base({ 项目编号: 'W-5', 项目名称: '金额无法识别', '上年末累计到位(万元)': 700, '4月到位(万元)': '约300', '5月到位(万元)': 50 }),
  base({ 项目编号: 'W-6', 项目名称: '线索', 项目阶段: '线索', 投资方: null, '总投资(万元)': null, '合同投资额(万元)': null, 签约日期: null, 开工日期: null, 责任领导: null }),
  base({ 项目编号: 'W-7', 项目名称: '终止且有错误', 项目阶段: '终止', 开工日期: null, 存在问题: null, '1月到位(万元)': 10 }),
  { 内部备注: '以下为下半年新增项目' },
  base({ 项目编号: 'W-8', 项目名称: '达效·文字日期', 项目阶段: '达效', 签约日期: '2025年3月1日', 开工日期: '2025-06-01', 投产日期: '2026/3/1', '上年末累计到位(万元)': '1.2亿', '8月到位(万元)': 80000000 + '元' }),
];

export const ZONE_ROWS: Row[] = [
  base({ 项目编号: 'S-1', 项目名称: '投产', 项目阶段: '投产', 投产日期: date(2026, 10, 1), '上年末累计到位(万元)': 20000, '9月到位(万元)': 1500.5, '10月到位(万元)': 0.25 }),
  base({ 项目编号: 'S-2', 项目名称: '洽谈', 项目阶段: '洽谈', 投资方: null, '合同投资额(万元)': null, 签约日期: null, 开工日期: null }),
  base({ 项目编号: 'S-3', 项目名称: '末行终止', 项目阶段: '终止', 开工日期: null, 存在问题: '项目转移', '2月到位(万元)': 5 }),
  base({ 项目编号: 'S-4', 项目名称: '末行终止二', 项目阶段: '终止', 开工日期: null, 存在问题: '项目转移' }),
];

/** A tab of the bureau's own: carried exactly. */
export const USER_TAB: Cell[][] = [['会议', '日期', '参会人数'], ['一季度调度会', date(2026, 3, 28), 42], ['=不是公式', null, '0012']];

/** Every tab of the December ledger (2026), with a year of system-tab history. */
export function decemberTabs(): Map<string, Cell[][]> {
  const tabs = bookTabs({
    // 美元汇率 is a v2 参数 (v1 reads past it with a 提醒): the 美元 row is then not an 错误 under v2.
    settings: { 年度: 2026, 城市: '测试市', 美元汇率: 7.1 },
    units: [{ name: '温县', group: '县市组' }, { name: '示范区', group: '开发区组' }],
    method: DEFAULT_METHOD,
    targets: { 温县: { 到位资金: 100000, 签约项目数: 10, 签约金额: 200000, 开工项目数: 5 }, 示范区: { 到位资金: 50000, 签约项目数: 5, 签约金额: 100000, 开工项目数: 3 } },
    adjustments: [['温县', '2026-06', 2, '观摩会第一名', '市招商局']],
  });
  const header = decemberHeader();
  tabs.set('台账-温县', [header, ...WEN_ROWS.map((r) => header.map((h) => r[h] ?? null))]);
  tabs.set('台账-示范区', [header, ...ZONE_ROWS.map((r) => header.map((h) => r[h] ?? null))]);
  tabs.set('会议纪要', USER_TAB.map((r) => [...r]));
  tabs.set('快照', [
    ['单位名称', '项目编号', '项目阶段', '内容', '记录时间'],
    ['温县', 'W-1', '开工', '[]', '2026-12-01 10:00'],
    ['示范区', 'S-1', '达效', '[]', '2026-12-01 10:00'], // last seen at 达效: 投产 now is a stage gone backwards
    ['温县', 'W-2', '终止', '[]', '2026-12-01 10:00'],
  ]);
  tabs.set('运行记录', [['运行ID', '任务', '开始', '结束', '结果', '说明'], ['月度:2026-11#1', '月度考评', '2026-12-01 06:00', '2026-12-01 06:01', '完成', '']]);
  tabs.set('发送记录', [['月份', '报告', '收件人', '状态', 'Message-ID', '时间', '说明'], ['2026-11', '月度通报', 'a@b.cn', '已发送', '<x@y>', '2026-12-01 06:01', '']]);
  return tabs;
}
