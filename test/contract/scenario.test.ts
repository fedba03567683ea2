/**
 * Independent contract check: a 5-unit city in 2 考核组别, assessed for 2026-09.
 *
 * Every expected number below was computed BY HAND from /work/shared/ledger-contract.md
 * (not from the implementation). The arithmetic is written next to each number.
 *
 * Fixed facts used throughout:
 *   Y = 2026, m = 9, E = 2026-09-30, W = 2026-01-01 … 2026-09-30.
 *   超期未开工天数 = 180  →  E − 180 days = 2026-04-03 (call it T; "签约日期 ≤ T" is inclusive).
 *   序时进度 = '8%,16%,25%,33%,42%,50%,58%,67%,80%,85%,92%,100%'  →  序时进度(9) = 0.80 (default would be 0.75).
 *   now = 2026-10-05T16:30Z = 2026-10-06 00:30 Asia/Shanghai (so "today" is 2026-10-06 in Shanghai but
 *         still 2026-10-05 in UTC; one row is updated on 2026-10-06 and must NOT be "a date after today").
 *   等次 default: 优秀:90, 良好:80, 一般:60, 较差:0 (a score gets the highest threshold it reaches).
 *
 * 考评办法 (report order) — every 口径 except none, every 计分方式:
 *   1 到位资金       到位资金           目标完成率 30  封顶 1.2
 *   2 签约金额       签约金额           目标完成率 10  封顶 '120%'
 *   3 签约项目数     签约项目数         目标完成率 10  封顶 blank (no cap)
 *   4 亿元以上项目   亿元以上签约项目数 相对值     10
 *   5 十亿元以上项目 十亿元以上签约项目数 每项加分  3   封顶 6
 *   6 开工项目       开工项目数         相对值     10
 *   7 投产项目       投产项目数         每项加分   2   封顶 4   适用组别 开发区组 only
 *   8 重点企业签约   重点企业签约数     每项加分   1   封顶 3
 *   9 超期未开工     超期未开工项目数   每项扣分   1.125 封顶 3
 *  10 履约率         履约率             比率       10  (封顶 blank → 1)
 *  11 周报及时率     周上报及时率       比率       5
 */
import { describe, expect, it } from 'vitest';
import { assessMonth, bookTabs, type BookDef, type Cell } from '../../functions/core/index.js';

const NOW = new Date('2026-10-05T16:30:00Z'); // 2026-10-06 00:30 in Asia/Shanghai
const PERIOD = { year: 2026, month: 9 };
const MONTH = '2026-09';

const INDICATORS = [
  '到位资金', '签约金额', '签约项目数', '亿元以上项目', '十亿元以上项目', '开工项目',
  '投产项目', '重点企业签约', '超期未开工', '履约率', '周报及时率',
] as const;

const row = (r: Record<string, Cell>) => r;
const FRESH = '2026-09-28'; // within 14 days of both E and today → never 长期未更新

// ---------------------------------------------------------------------------------------------
// Weekly history (周报记录). Deadlines are Fridays 17:00 (checked: 2026-08-07 … 2026-10-02 are Fridays).
const WEEKLY_HEADER: Cell[] = ['截止时间', '单位名称', '按时', '已更新项目数', '应更新项目数'];
const week = (at: string, unit: string, onTime: boolean): Cell[] => [at, unit, onTime ? '是' : '否', onTime ? 5 : 3, 5];
const WEEKLY: Cell[][] = [
  WEEKLY_HEADER,
  week('2025-12-26 17:00', '甲县', false), // year 2025 → not a week of Y, ignored
  week('2026-08-07 17:00', '甲县', true),
  week('2026-08-14 17:00', '甲县', true),
  week('2026-08-21 17:00', '甲县', false),
  week('2026-08-28 17:00', '甲县', true),
  week('2026-09-04 17:00', '甲县', true),
  week('2026-09-11 17:00', '甲县', true),
  week('2026-09-18 17:00', '甲县', true),
  week('2026-09-25 17:00', '甲县', true),
  week('2026-10-02 17:00', '甲县', false), // deadline after E → ignored for 2026-09
  week('2026-09-04 17:00', '乙县', true),
  week('2026-09-11 17:00', '乙县', false),
  week('2026-09-18 17:00', '乙县', true),
  week('2026-09-25 17:00', '乙县', false),
  week('2026-09-11 17:00', '高新区', true),
  week('2026-09-18 17:00', '高新区', true),
  week('2026-09-25 17:00', '高新区', true),
  week('2026-09-11 17:00', '经开区', false),
  week('2026-09-18 17:00', '经开区', true),
  week('2026-09-25 17:00', '经开区', false),
  // 丙市: no records at all → rate 1
];

// Earlier 排名 (2026-07, 2026-08) plus a stale 2026-09 row from an earlier run that must be replaced.
const RANKING_HEADER: Cell[] = [
  '月份', '单位名称', '考核组别', ...INDICATORS, '加减分', '总分', '组内排名', '全市排名', '较上月', '等次', '计算时间',
];
const oldRank = (month: string, unit: string, group: string, total: number, inGroup: number, inCity: number): Cell[] =>
  [month, unit, group, ...INDICATORS.map(() => null), 0, total, inGroup, inCity, null, '一般', `${month}-28 09:00`];
const PREVIOUS_RANKING: Cell[][] = [
  RANKING_HEADER,
  oldRank('2026-07', '甲县', '县市组', 61, 1, 1),
  oldRank('2026-07', '乙县', '县市组', 60, 2, 2),
  oldRank('2026-07', '丙市', '县市组', 50, 3, 5),
  oldRank('2026-07', '高新区', '开发区组', 55, 1, 3),
  oldRank('2026-07', '经开区', '开发区组', 52, 2, 4),
  // last month (the one 较上月 uses):
  oldRank('2026-08', '甲县', '县市组', 70, 2, 3),
  oldRank('2026-08', '乙县', '县市组', 72, 1, 2),
  oldRank('2026-08', '丙市', '县市组', 50, 3, 5),
  oldRank('2026-08', '高新区', '开发区组', 65, 2, 4),
  oldRank('2026-08', '经开区', '开发区组', 90, 1, 1),
  // stale row of the month being re-run:
  oldRank('2026-09', '甲县', '县市组', 1, 3, 5),
];

// ---------------------------------------------------------------------------------------------
const SCENARIO: BookDef = {
  settings: {
    年度: 2026,
    城市: '安澜市',
    超期未开工天数: 180,
    序时进度: '8%,16%,25%,33%,42%,50%,58%,67%,80%,85%,92%,100%',
  },
  units: [
    { name: '甲县', group: '县市组', leaderEmails: 'jia-lead@example.gov.cn', liaisonEmails: 'jia@example.gov.cn' },
    { name: '乙县', group: '县市组', leaderEmails: 'yi-lead@example.gov.cn', liaisonEmails: 'yi@example.gov.cn' },
    { name: '丙市', group: '县市组', leaderEmails: 'bing-lead@example.gov.cn', liaisonEmails: 'bing@example.gov.cn' },
    { name: '高新区', group: '开发区组', leaderEmails: 'gx-lead@example.gov.cn', liaisonEmails: 'gx@example.gov.cn' },
    { name: '经开区', group: '开发区组', leaderEmails: 'jk-lead@example.gov.cn', liaisonEmails: 'jk@example.gov.cn' },
  ],
  method: [
    ['到位资金', '到位资金', '目标完成率', 30, 1.2, '', '到位资金完成率，封顶120%'],
    ['签约金额', '签约金额', '目标完成率', 10, '120%', '', '签约金额完成率'],
    ['签约项目数', '签约项目数', '目标完成率', 10, '', '', '不封顶'],
    ['亿元以上项目', '亿元以上签约项目数', '相对值', 10, '', '', ''],
    ['十亿元以上项目', '十亿元以上签约项目数', '每项加分', 3, 6, '', ''],
    ['开工项目', '开工项目数', '相对值', 10, '', '', ''],
    ['投产项目', '投产项目数', '每项加分', 2, 4, '开发区组', '仅开发区组'],
    ['重点企业签约', '重点企业签约数', '每项加分', 1, 3, '', ''],
    ['超期未开工', '超期未开工项目数', '每项扣分', 1.125, 3, '', ''],
    ['履约率', '履约率', '比率', 10, '', '', ''],
    ['周报及时率', '周上报及时率', '比率', 5, '', '', ''],
  ],
  targets: {
    甲县: { 到位资金: 50000, 签约金额: 100000, 签约项目数: 5 },
    乙县: { 到位资金: 30000, 签约金额: 50000, 签约项目数: 5 },
    丙市: { 到位资金: 20000, 签约金额: 40000, 签约项目数: 3 },
    高新区: { 到位资金: 40000, 签约金额: 100000, 签约项目数: 5 },
    经开区: { 到位资金: 10000, 签约金额: 20000, 签约项目数: 2 },
  },
  adjustments: [
    ['甲县', '2026-03', 7, '招商引资专项表彰', '市招商局'],
    ['甲县', '2026-10', 10, '10月表彰（9月不计）', '市招商局'], // later month → must not count in 2026-09
    ['乙县', '2026-05', 4, '重大项目引进奖励', '市招商局'],
    ['乙县', '2026-09', -0.61, '台账填报不规范', '市招商局'],
    ['丙市', '2025-12', 10, '上年度表彰（本年不计）', '市招商局'], // other year → must not count
    ['经开区', '2026-07', 5, '观摩活动加分', '市招商局'],
  ],
  ledgers: {
    甲县: [
      row({ 项目编号: 'JX-001', 项目名称: '储能电池基地', 投资方: '华能储能科技股份有限公司', 产业链: '新能源', 企业类型: '央企', 项目阶段: '开工',
        '总投资(万元)': 150000, '合同投资额(万元)': '120,000', 签约日期: '2026-02-10', 开工日期: '2026-05-20',
        '3月到位(万元)': 5000, '6月到位(万元)': '1亿', '9月到位(万元)': '8000万元', 责任领导: '张县长', 进展情况: '主体施工', 更新日期: FRESH }),
      row({ 项目编号: 'JX-002', 项目名称: '农机装备项目', 投资方: '甲农机有限公司', 产业链: '装备制造', 企业类型: '民企', 项目阶段: '签约',
        '总投资(万元)': 25000, '合同投资额(万元)': 20000, 签约日期: '2026年3月15日',
        '4月到位(万元)': 2000, 责任领导: '李副县长', 进展情况: '土地报批', 更新日期: FRESH }),
      row({ 项目编号: 'JX-003', 项目名称: '汽车零部件二期', 投资方: '甲汽配集团', 产业链: '新能源汽车及零部件', 企业类型: '行业龙头', 项目阶段: '投产',
        '总投资(万元)': 60000, '合同投资额(万元)': 50000, 签约日期: '2025-06-01', 开工日期: '2025-09-01', 投产日期: '2026-07-01',
        '1月到位(万元)': 3000, '2月到位(万元)': 3000, '7月到位(万元)': 4000, 责任领导: '张县长', 进展情况: '已投产', 更新日期: FRESH }),
      row({ 项目编号: 'JX-004', 项目名称: '生物饲料项目', 投资方: '甲生物有限公司', 产业链: '生物医药', 项目阶段: '终止',
        '总投资(万元)': 30000, '合同投资额(万元)': 30000, 签约日期: '2026-01-20',
        '1月到位(万元)': 1000, 责任领导: '李副县长', 存在问题: '投资方资金链断裂，已撤资', 更新日期: FRESH }),
      row({ 项目编号: 'JX-005', 项目名称: '预制菜加工', 投资方: '甲食品股份有限公司', 产业链: '健康食品', 企业类型: '国企、上市公司', 项目阶段: '落地',
        '总投资(万元)': 9000, '合同投资额(万元)': 8000, 签约日期: '2026/6/18',
        '8月到位(万元)': 1500, 责任领导: '王局长', 进展情况: '公司已注册', 更新日期: FRESH }),
      row({ 项目编号: 'JX-006', 项目名称: '文旅综合体', 产业链: '现代服务业', 项目阶段: '洽谈',
        '总投资(万元)': 40000, 责任领导: '王局长', 进展情况: '第二轮洽谈', 更新日期: FRESH }),
      // 错误: 合同投资额 90000 > 总投资 60000 → whole row left out of the assessment.
      row({ 项目编号: 'JX-007', 项目名称: '铝型材深加工', 投资方: '甲铝业有限公司', 产业链: '新材料', 企业类型: '央企', 项目阶段: '开工',
        '总投资(万元)': 60000, '合同投资额(万元)': 90000, 签约日期: '2026-02-01', 开工日期: '2026-03-01',
        '9月到位(万元)': 20000, 责任领导: '张县长', 进展情况: '施工中', 更新日期: FRESH }),
      // signed last year, never started, not updated since 2026-08-01 → 超期未开工 and 长期未更新.
      row({ 项目编号: 'JX-008', 项目名称: '光伏组件项目', 投资方: '甲光能有限公司', 产业链: '新能源', 项目阶段: '签约',
        '总投资(万元)': 15000, '合同投资额(万元)': 15000, 签约日期: '2025-11-10',
        责任领导: '李副县长', 进展情况: '等待环评', 更新日期: '2026-08-01' }),
    ],
    乙县: [
      row({ 项目编号: 'YX-001', 项目名称: '动力总成项目', 投资方: '博世（中国）投资有限公司', 产业链: '新能源汽车及零部件', 企业类型: '世界500强', 项目阶段: '投产',
        '总投资(万元)': 35000, '合同投资额(万元)': 30000, 签约日期: '2026-01-08', 开工日期: '2026-02-15', 投产日期: '2026-08-20',
        '2月到位(万元)': 6000, '5月到位(万元)': 6000, '8月到位(万元)': 6000, 责任领导: '赵县长', 进展情况: '已投产', 更新日期: FRESH }),
      // signed T+1 (2026-04-04): outside 履约率's D; started on E itself.
      row({ 项目编号: 'YX-002', 项目名称: '智能仓储中心', 投资方: '乙物流有限公司', 产业链: '现代服务业', 项目阶段: '开工',
        '总投资(万元)': '1.2亿元', '合同投资额(万元)': '1.2亿', 签约日期: '2026.4.4', 开工日期: '2026-09-30',
        '9月到位(万元)': 3000, 责任领导: '钱副县长', 进展情况: '场地平整', 更新日期: '2026-10-06' }),
      // signed exactly T (2026-04-03), not started → overdue (inclusive ≤).
      row({ 项目编号: 'YX-003', 项目名称: '中药饮片项目', 投资方: '乙药业有限公司', 产业链: '生物医药', 项目阶段: '签约',
        '总投资(万元)': 6000, '合同投资额(万元)': 5000, 签约日期: '2026年4月3日',
        责任领导: '钱副县长', 进展情况: '规划设计', 更新日期: FRESH }),
      row({ 项目编号: 'YX-004', 项目名称: '纺织新材料', 投资方: '乙纺织集团', 产业链: '新材料', 项目阶段: '开工',
        '总投资(万元)': 50000, '合同投资额(万元)': 40000, 签约日期: '2025-03-01', 开工日期: '2025-08-01',
        '3月到位(万元)': 3600, 责任领导: '赵县长', 进展情况: '设备安装', 更新日期: FRESH }),
      row({ 项目编号: 'YX-005', 项目名称: '化工中间体', 投资方: '乙化工有限公司', 产业链: '绿色化工', 项目阶段: '终止',
        '总投资(万元)': 10000, '合同投资额(万元)': 10000, 签约日期: '2025-12-01',
        责任领导: '赵县长', 存在问题: '环评未通过，项目取消', 更新日期: FRESH }),
      row({ 项目编号: 'YX-006', 项目名称: '跨境电商园', 产业链: '现代服务业', 项目阶段: '线索', 更新日期: FRESH }),
    ],
    丙市: [
      row({ 项目编号: 'BS-001', 项目名称: '电子元件项目', 投资方: '丙电子有限公司', 产业链: '电子信息', 项目阶段: '签约',
        '总投资(万元)': 10000, '合同投资额(万元)': 9000, 签约日期: '2026-08-08',
        '9月到位(万元)': 1000, 责任领导: '孙市长', 进展情况: '办理手续', 更新日期: FRESH }),
      // 合同投资额 exactly 10000 → 亿元以上 (≥).
      row({ 项目编号: 'BS-002', 项目名称: '高端装备项目', 投资方: '丙重工股份有限公司', 产业链: '装备制造', 企业类型: '中国500强', 项目阶段: '落地',
        '总投资(万元)': 12000, '合同投资额(万元)': 10000, 签约日期: '2026-05-05',
        '6月到位(万元)': 2000, 责任领导: '孙市长', 进展情况: '公司已注册', 更新日期: FRESH }),
      // 终止 with a 开工日期: not a 开工项目, but started for 履约率.
      row({ 项目编号: 'BS-003', 项目名称: '多晶硅项目', 投资方: '丙硅业有限公司', 产业链: '新能源', 项目阶段: '终止',
        '总投资(万元)': 100000, '合同投资额(万元)': 100000, 签约日期: '2026-02-02', 开工日期: '2026-03-03',
        '3月到位(万元)': 500, 责任领导: '周副市长', 存在问题: '市场变化，投资方停建', 更新日期: FRESH }),
      row({ 项目编号: 'BS-004', 项目名称: '乳制品项目', 投资方: '丙乳业有限公司', 产业链: '健康食品', 项目阶段: '开工',
        '总投资(万元)': 30000, '合同投资额(万元)': 25000, 签约日期: '2025-10-10', 开工日期: '2026-01-15',
        '1月到位(万元)': 2000, '4月到位(万元)': 2000, 责任领导: '周副市长', 进展情况: '主体施工', 更新日期: FRESH }),
    ],
    高新区: [
      row({ 项目编号: 'GX-001', 项目名称: '晶圆制造项目', 投资方: '英特尔（中国）有限公司', 产业链: '电子信息', 企业类型: '世界500强, 外资', 项目阶段: '投产',
        '总投资(万元)': 250000, '合同投资额(万元)': 200000, 签约日期: '2026-01-05', 开工日期: '2026-03-01', 投产日期: '2026-09-15',
        '1月到位(万元)': 10000, '4月到位(万元)': 10000, '9月到位(万元)': 15000, 责任领导: '吴主任', 进展情况: '已投产', 更新日期: FRESH }),
      row({ 项目编号: 'GX-002', 项目名称: '生物试剂项目', 投资方: '高新生物有限公司', 产业链: '生物医药', 项目阶段: '达效',
        '总投资(万元)': 60000, '合同投资额(万元)': 60000, 签约日期: '2025-01-10', 开工日期: '2025-03-01', 投产日期: '2025-12-01',
        '2月到位(万元)': 5000, 责任领导: '吴主任', 进展情况: '已达产', 更新日期: FRESH }),
      row({ 项目编号: 'GX-003', 项目名称: '传感器项目', 投资方: '高新传感有限公司', 产业链: '电子信息', 项目阶段: '投产',
        '总投资(万元)': 30000, '合同投资额(万元)': 30000, 签约日期: '2025-05-01', 开工日期: '2025-07-01', 投产日期: '2026-02-01',
        责任领导: '郑副主任', 进展情况: '已投产', 更新日期: FRESH }),
      row({ 项目编号: 'GX-004', 项目名称: '锂电隔膜项目', 投资方: '高新膜材股份有限公司', 产业链: '新材料', 企业类型: '行业龙头', 项目阶段: '开工',
        '总投资(万元)': 160000, '合同投资额(万元)': 150000, 签约日期: '2026-03-10', 开工日期: '2026-06-10',
        '7月到位(万元)': 8000, 责任领导: '郑副主任', 进展情况: '设备调试', 更新日期: FRESH }),
      // 错误: 开工日期 on a 签约 row (date of a later stage) → left out.
      row({ 项目编号: 'GX-005', 项目名称: '算力中心', 投资方: '中国电信股份有限公司', 产业链: '电子信息', 企业类型: '央企', 项目阶段: '签约',
        '总投资(万元)': 50000, '合同投资额(万元)': 50000, 签约日期: '2026-05-01', 开工日期: '2026-06-01',
        '6月到位(万元)': 5000, 责任领导: '吴主任', 进展情况: '机房建设', 更新日期: FRESH }),
      row({ 项目编号: 'GX-006', 项目名称: '工业软件项目', 投资方: '中国电子科技集团', 产业链: '电子信息', 企业类型: '央企', 项目阶段: '签约',
        '总投资(万元)': 20000, '合同投资额(万元)': 20000, 签约日期: '2026-09-01',
        责任领导: '吴主任', 进展情况: '选址', 更新日期: FRESH }),
    ],
    经开区: [
      row({ 项目编号: 'JK-001', 项目名称: '包装材料项目', 投资方: '经开包装有限公司', 产业链: '新材料', 企业类型: '民企', 项目阶段: '签约',
        '总投资(万元)': 8000, '合同投资额(万元)': 8000, 签约日期: '2026-02-20',
        '3月到位(万元)': 1000, 责任领导: '冯主任', 进展情况: '土地招拍挂', 更新日期: FRESH }),
      row({ 项目编号: 'JK-002', 项目名称: '五金制品项目', 投资方: '经开五金有限公司', 产业链: '装备制造', 项目阶段: '签约',
        '总投资(万元)': 7000, '合同投资额(万元)': 6000, 签约日期: '2026-03-25',
        责任领导: '冯主任', 进展情况: '方案设计', 更新日期: FRESH }),
      row({ 项目编号: 'JK-003', 项目名称: '氢能装备项目', 投资方: '经开氢能股份有限公司', 产业链: '新能源', 企业类型: '国企', 项目阶段: '开工',
        '总投资(万元)': 15000, '合同投资额(万元)': 12000, 签约日期: '2026-07-01', 开工日期: '2026-08-15',
        '8月到位(万元)': 2000, '9月到位(万元)': 1000, 责任领导: '陈副主任', 进展情况: '基础施工', 更新日期: FRESH }),
      row({ 项目编号: 'JK-004', 项目名称: '物流分拨中心', 投资方: '经开物流有限公司', 产业链: '现代服务业', 项目阶段: '签约',
        '总投资(万元)': 5000, '合同投资额(万元)': 5000, 签约日期: '2025-08-01',
        责任领导: '陈副主任', 进展情况: '资金筹措', 更新日期: FRESH }),
      row({ 项目编号: 'JK-005', 项目名称: '涂料项目', 投资方: '经开涂料有限公司', 产业链: '绿色化工', 项目阶段: '终止',
        '总投资(万元)': 9000, '合同投资额(万元)': 9000, 签约日期: '2026-01-10',
        '2月到位(万元)': 500, 责任领导: '陈副主任', 存在问题: '企业战略调整，放弃投资', 更新日期: FRESH }),
    ],
  },
  extra: { 周报记录: WEEKLY, 排名: PREVIOUS_RANKING },
};

// ---------------------------------------------------------------------------------------------
// Helpers
type Grid = readonly (readonly Cell[] | undefined)[];

/** Blank cells (undefined, '') read as null; -0 reads as 0 (a spreadsheet shows both as 0). */
function norm(v: unknown): unknown {
  if (v === undefined || v === '') return null;
  if (typeof v === 'number' && Object.is(v, -0)) return 0;
  return v;
}

function records(grid: Grid | undefined): Record<string, unknown>[] {
  expect(grid, 'grid written').toBeDefined();
  const [header, ...rows] = grid as Grid;
  const names = (header ?? []).map((h) => String(h).trim());
  return rows
    .filter((r): r is readonly Cell[] => r !== undefined && r.some((c) => c !== null && c !== undefined && c !== ''))
    .map((r) => Object.fromEntries(names.map((n, i) => [n, norm(r[i])])));
}

const tabs = bookTabs(SCENARIO);
const outcome = assessMonth(tabs, PERIOD, NOW);
const ranking = records(outcome.writes.get('排名') as Grid);
const detail = records(outcome.writes.get('得分明细') as Grid);
const warnings = records(outcome.writes.get('预警') as Grid);

/** Sheet row number (1-based) of a project in its unit's ledger tab. */
function sheetRowOf(unit: string, id: string): number {
  const grid = tabs.get(`台账-${unit}`) as Grid;
  const headerAt = grid.findIndex((r) => r?.some((c) => c === '项目编号'));
  const col = (grid[headerAt] ?? []).indexOf('项目编号');
  const at = grid.findIndex((r, i) => i > headerAt && r?.[col] === id);
  expect(at, `${id} in 台账-${unit}`).toBeGreaterThan(headerAt);
  return at + 1;
}

type Scores = readonly (number | null)[]; // in INDICATORS order
interface ExpectedRank {
  unit: string; group: string; scores: Scores; adj: number; total: number;
  inGroup: number; inCity: number; change: number | null; grade: string;
}
function expectedRow(e: ExpectedRank): Record<string, unknown> {
  return {
    月份: MONTH, 单位名称: e.unit, 考核组别: e.group,
    ...Object.fromEntries(INDICATORS.map((n, i) => [n, e.scores[i]])),
    加减分: e.adj, 总分: e.total, 组内排名: e.inGroup, 全市排名: e.inCity, 较上月: e.change, 等次: e.grade,
  };
}

// ---------------------------------------------------------------------------------------------
// The hand computation.
//
// Measured values per unit (only rows without 错误; JX-007 and GX-005 are excluded):
//
// 甲县  到位资金   = JX-001 (5000 + 1亿=10000 + 8000万元=8000) 23000 + JX-002 2000 + JX-003 (3000+3000+4000) 10000
//                  + JX-004 (终止, still counted) 1000 + JX-005 1500 = 37500
//       签约项目数 = JX-001 (2026-02-10), JX-002 (2026-03-15), JX-005 (2026-06-18) = 3
//                  [JX-003/JX-008 signed 2025; JX-004 终止; JX-006 no signing; JX-007 excluded]
//       签约金额   = 120000 + 20000 + 8000 = 148000
//       亿元以上   = JX-001 120000, JX-002 20000 = 2 (JX-005 8000 < 10000)
//       十亿以上   = JX-001 120000 ≥ 100000 = 1
//       开工项目数 = JX-001 (2026-05-20) = 1 (JX-003 started 2025)
//       投产项目数 = JX-003 (2026-07-01) = 1, but 投产项目 applies to 开发区组 only → not scored, blank
//       重点企业   = JX-001 央企, JX-005 国企 = 2 (JX-003 行业龙头 signed in 2025 → not counted by 签约项目数)
//       超期未开工 = JX-002 (2026-03-15 ≤ T, no 开工), JX-008 (2025-11-10 ≤ T, no 开工) = 2
//       履约率     D = {JX-001, JX-002, JX-003, JX-004(终止), JX-008} (签约 ≤ T) = 5; started ≤ E: JX-001, JX-003 = 2 → 0.4
//       周报       recorded 2026 weeks with deadline ≤ E: 8 (08-07 … 09-25), on time 7 → 0.875
// 乙县  到位资金   = YX-001 18000 + YX-002 3000 + YX-004 3600 = 24600
//       签约项目数 = YX-001 (01-08), YX-002 (04-04), YX-003 (04-03) = 3
//       签约金额   = 30000 + 12000 (1.2亿) + 5000 = 47000
//       亿元以上   = YX-001 30000, YX-002 12000 = 2; 十亿以上 = 0
//       开工项目数 = YX-001 (02-15), YX-002 (09-30 = E) = 2
//       重点企业   = YX-001 世界500强 = 1
//       超期未开工 = YX-003 (signed 2026-04-03 = T exactly, no 开工) = 1 (YX-005 终止 excluded)
//       履约率     D = {YX-001, YX-003, YX-004, YX-005(终止)} = 4 (YX-002 signed T+1 is not in D);
//                  started: YX-001, YX-004 = 2 → 0.5
//       周报       4 recorded, 2 on time → 0.5
// 丙市  到位资金   = BS-001 1000 + BS-002 2000 + BS-003 (终止) 500 + BS-004 (2000+2000) = 7500
//       签约项目数 = BS-001 (08-08), BS-002 (05-05) = 2 (BS-003 终止, BS-004 signed 2025)
//       签约金额   = 9000 + 10000 = 19000
//       亿元以上   = BS-002 (10000 ≥ 10000) = 1; 十亿以上 = 0 (BS-003's 100000 is 终止)
//       开工项目数 = BS-004 (2026-01-15) = 1 (BS-003 终止 excluded)
//       重点企业   = BS-002 中国500强 = 1
//       超期未开工 = 0 (BS-001, BS-002 signed after T; BS-004 started)
//       履约率     D = {BS-003(终止, 02-02), BS-004 (2025-10-10)} = 2; both started ≤ E → 1
//       周报       none recorded → 1
// 高新区 到位资金  = GX-001 (10000+10000+15000) 35000 + GX-002 5000 + GX-004 8000 = 48000
//       签约项目数 = GX-001 (01-05), GX-004 (03-10), GX-006 (09-01) = 3
//       签约金额   = 200000 + 150000 + 20000 = 370000
//       亿元以上   = 3; 十亿以上 = GX-001, GX-004 = 2
//       开工项目数 = GX-001 (03-01), GX-004 (06-10) = 2
//       投产项目数 = GX-001 (09-15), GX-003 (2026-02-01) = 2 (GX-002 投产 2025-12-01)
//       重点企业   = GX-001 世界500强, GX-004 行业龙头, GX-006 央企 = 3
//       超期未开工 = 0
//       履约率     D = {GX-001, GX-002, GX-003, GX-004} = 4, all started → 1
//       周报       3 recorded, 3 on time → 1
// 经开区 到位资金  = JK-001 1000 + JK-003 (2000+1000) 3000 + JK-005 (终止) 500 = 4500
//       签约项目数 = JK-001 (02-20), JK-002 (03-25), JK-003 (07-01) = 3 (JK-004 2025, JK-005 终止)
//       签约金额   = 8000 + 6000 + 12000 = 26000
//       亿元以上   = JK-003 12000 = 1; 十亿以上 = 0
//       开工项目数 = JK-003 (08-15) = 1; 投产项目数 = 0
//       重点企业   = JK-003 国企 = 1
//       超期未开工 = JK-001 (02-20), JK-002 (03-25), JK-004 (2025-08-01) = 3
//       履约率     D = {JK-001, JK-002, JK-004, JK-005(终止)} = 4, started 0 → 0
//       周报       3 recorded, 1 on time → 1/3
//
// Group maxima for 相对值:
//   县市组   亿元以上 max(2, 2, 1) = 2;  开工 max(1, 2, 1) = 2
//   开发区组 亿元以上 max(3, 1) = 3;     开工 max(2, 1) = 2
// ---------------------------------------------------------------------------------------------
const EXPECTED: ExpectedRank[] = [
  {
    unit: '甲县', group: '县市组',
    scores: [
      28.13, // 30 × min(37500 ÷ (50000 × 0.80) = 0.9375, 1.2) = 28.125 → 28.13 (half away from zero)
      12, //    10 × min(148000 ÷ (100000 × 0.80) = 1.85, 120%) = 10 × 1.2 = 12
      7.5, //   10 × 3 ÷ (5 × 0.80) = 10 × 0.75 = 7.5
      10, //    10 × 2 ÷ 2
      3, //     min(3 × 1, 6) = 3
      5, //     10 × 1 ÷ 2
      null, //  投产项目 not applicable to 县市组
      2, //     min(1 × 2, 3) = 2
      -2.25, // −min(1.125 × 2, 3) = −2.25
      4, //     10 × min(0.4, 1) = 4
      4.38, //  5 × 0.875 = 4.375 → 4.38
    ],
    adj: 7, //   +7 (2026-03); +10 (2026-10) is later than m → not counted
    // sum = 28.13+12+7.5+10+3+5+2−2.25+4+4.38 = 73.76; 73.76 + 7 = 80.76
    total: 80.76, inGroup: 1, inCity: 2,
    change: 1, // last month 组内排名 2 − this month 1 = +1
    grade: '良好', // 80 ≤ 80.76 < 90
  },
  {
    unit: '乙县', group: '县市组',
    scores: [
      30.75, // 30 × min(24600 ÷ (30000 × 0.80) = 1.025, 1.2) = 30.75
      11.75, // 10 × min(47000 ÷ (50000 × 0.80) = 1.175, 1.2) = 11.75
      7.5, //   10 × 3 ÷ (5 × 0.80) = 7.5
      10, //    10 × 2 ÷ 2
      0, //     min(3 × 0, 6) = 0
      10, //    10 × 2 ÷ 2
      null, //  not applicable
      1, //     min(1 × 1, 3)
      -1.13, // −min(1.125 × 1, 3) = −1.125 → −1.13 (half away from zero)
      5, //     10 × 0.5
      2.5, //   5 × 0.5
    ],
    adj: 3.39, // +4 (2026-05) − 0.61 (2026-09) = 3.39
    // sum = 30.75+11.75+7.5+10+0+10+1−1.13+5+2.5 = 77.37; 77.37 + 3.39 = 80.76 → ties 甲县
    total: 80.76, inGroup: 1, inCity: 2,
    change: 0, // last month 1 − this month 1
    grade: '良好',
  },
  {
    unit: '丙市', group: '县市组',
    scores: [
      14.06, // 30 × 7500 ÷ (20000 × 0.80) = 30 × 0.46875 = 14.0625 → 14.06
      5.94, //  10 × 19000 ÷ (40000 × 0.80) = 10 × 0.59375 = 5.9375 → 5.94
      8.33, //  10 × 2 ÷ (3 × 0.80) = 8.333… → 8.33
      5, //     10 × 1 ÷ 2
      0, //     min(3 × 0, 6)
      5, //     10 × 1 ÷ 2
      null, //  not applicable
      1, //     min(1 × 1, 3)
      0, //     −min(1.125 × 0, 3) = 0
      10, //    10 × 1
      5, //     5 × 1 (no weekly record → 1)
    ],
    adj: 0, // only a 2025-12 row, which is outside Y
    // 14.06+5.94+8.33+5+0+5+1+0+10+5 = 54.33
    total: 54.33, inGroup: 3, inCity: 5, // two units tie at 1 → next is 3 (1, 1, 3)
    change: 0, // 3 − 3
    grade: '较差', // < 60
  },
  {
    unit: '高新区', group: '开发区组',
    scores: [
      36, //  30 × min(48000 ÷ (40000 × 0.80) = 1.5, 1.2) = 36
      12, //  10 × min(370000 ÷ 80000 = 4.625, 1.2) = 12
      7.5, // 10 × 3 ÷ (5 × 0.80) = 7.5
      10, //  10 × 3 ÷ 3
      6, //   min(3 × 2, 6) = 6
      10, //  10 × 2 ÷ 2
      4, //   min(2 × 2, 4) = 4
      3, //   min(1 × 3, 3) = 3
      0, //   −min(0, 3) = 0
      10, //  10 × 1
      5, //   5 × 1
    ],
    adj: 0,
    // 36+12+7.5+10+6+10+4+3+0+10+5 = 103.5
    total: 103.5, inGroup: 1, inCity: 1,
    change: 1, // 2 − 1
    grade: '优秀',
  },
  {
    unit: '经开区', group: '开发区组',
    scores: [
      16.88, // 30 × 4500 ÷ (10000 × 0.80) = 30 × 0.5625 = 16.875 → 16.88
      12, //    10 × min(26000 ÷ 16000 = 1.625, 120%) = 12
      18.75, // 10 × 3 ÷ (2 × 0.80) = 10 × 1.875 = 18.75 (blank 封顶 → no cap)
      3.33, //  10 × 1 ÷ 3 = 3.333… → 3.33
      0, //     min(3 × 0, 6)
      5, //     10 × 1 ÷ 2
      0, //     min(2 × 0, 4) = 0 (applicable: 开发区组)
      1, //     min(1 × 1, 3)
      -3, //    −min(1.125 × 3 = 3.375, 3) = −3
      0, //     10 × 0
      1.67, //  5 × 1/3 = 1.666… → 1.67
    ],
    adj: 5, // +5 (2026-07)
    // 16.88+12+18.75+3.33+0+5+0+1−3+0+1.67 = 55.63; + 5 = 60.63
    total: 60.63, inGroup: 2, inCity: 4, // city: 103.5, 80.76, 80.76, 60.63, 54.33 → 1, 2, 2, 4, 5
    change: -1, // 1 − 2
    grade: '一般', // 60 ≤ 60.63 < 80
  },
];

// ---------------------------------------------------------------------------------------------
describe('contract scenario: 安澜市, 5 units in 2 groups, assessed for 2026-09', () => {
  it('when the scenario book is checked, then it is usable and only JX-007 and GX-005 carry 错误', () => {
    expect(outcome.structure).toEqual([]);
    const errors = outcome.findings.filter((f) => f.level === '错误');
    const jx007 = sheetRowOf('甲县', 'JX-007');
    const gx005 = sheetRowOf('高新区', 'GX-005');
    const rowOf = (cell: string) => Number(cell.replace(/^[A-Z]+/, ''));
    const where = errors.map((f) => `${f.tab}!${rowOf(f.cell)}`);
    // Every 错误 is on one of the two bad rows (so: none on 终止 rows, none on text dates/amounts,
    // none for the 2026-10-06 更新日期 which is today in Asia/Shanghai, none on admin tabs).
    expect(new Set(where)).toEqual(new Set([`台账-甲县!${jx007}`, `台账-高新区!${gx005}`]));
    // …and each names the offending field.
    expect(errors.some((f) => f.tab === '台账-甲县' && ['合同投资额(万元)', '总投资(万元)'].includes(f.field))).toBe(true);
    expect(errors.some((f) => f.tab === '台账-高新区' && ['开工日期', '项目阶段'].includes(f.field))).toBe(true);
    for (const f of errors) {
      expect(f.problem, JSON.stringify(f)).not.toBe('');
      expect(f.fix, JSON.stringify(f)).not.toBe('');
    }
    // the excluded rows are reported as such
    expect(outcome.excluded).toHaveLength(2);
  });

  it('when 2026-09 is assessed, then every 排名 column except 计算时间 matches the hand computation', () => {
    const got = ranking
      .filter((r) => r['月份'] === MONTH)
      .map(({ 计算时间: _t, ...rest }) => rest)
      .sort((a, b) => String(a['单位名称']).localeCompare(String(b['单位名称'])));
    const want = EXPECTED.map(expectedRow)
      .sort((a, b) => String(a['单位名称']).localeCompare(String(b['单位名称'])));
    expect(got).toEqual(want);
  });

  for (const e of EXPECTED) {
    it(`when 2026-09 is assessed, then ${e.unit}'s 排名 row matches (总分 ${e.total}, 组内 ${e.inGroup}, 全市 ${e.inCity})`, () => {
      const got = ranking.find((r) => r['月份'] === MONTH && r['单位名称'] === e.unit);
      expect(got).toBeDefined();
      const { 计算时间: _t, ...rest } = got as Record<string, unknown>;
      expect(rest).toEqual(expectedRow(e));
    });
  }

  it('when 2026-09 is assessed, then the 排名 header follows 考评办法 order and 计算时间 is now in Asia/Shanghai', () => {
    const header = (outcome.writes.get('排名') as Grid)[0]?.map((h) => String(h).trim());
    expect(header).toEqual(RANKING_HEADER);
    for (const r of ranking.filter((x) => x['月份'] === MONTH)) {
      expect(r['计算时间']).toBe('2026-10-06 00:30');
    }
  });

  it('when 2026-09 is re-assessed, then the stale 2026-09 row is replaced and earlier months are kept', () => {
    expect(ranking.filter((r) => r['月份'] === MONTH)).toHaveLength(5);
    expect(ranking.filter((r) => r['月份'] === '2026-08')).toHaveLength(5);
    expect(ranking.filter((r) => r['月份'] === '2026-07')).toHaveLength(5);
    expect(ranking.some((r) => r['月份'] === MONTH && r['总分'] === 1)).toBe(false);
  });

  describe('得分明细', () => {
    const rows = detail.filter((r) => r['月份'] === MONTH);
    const find = (unit: string, name: string) => rows.find((r) => r['单位名称'] === unit && r['指标名称'] === name);

    it('when 2026-09 is assessed, then there is one row per applicable indicator and none for 投产项目 outside 开发区组', () => {
      // 县市组: 3 units × 10 applicable indicators + 开发区组: 2 units × 11 = 52
      expect(rows).toHaveLength(52);
      for (const u of ['甲县', '乙县', '丙市']) expect(find(u, '投产项目')).toBeUndefined();
      for (const u of ['高新区', '经开区']) expect(find(u, '投产项目')).toBeDefined();
    });

    it('when a 目标完成率 indicator is detailed, then 实际值, 年度目标, 序时目标 and 得分 follow the custom 序时进度', () => {
      const cases: [string, string, string, number, number, number, number][] = [
        // unit, name, 口径, actual, target, 序时目标 = target × 0.80, score
        ['甲县', '到位资金', '到位资金', 37500, 50000, 40000, 28.13],
        ['乙县', '签约金额', '签约金额', 47000, 50000, 40000, 11.75],
        ['丙市', '签约项目数', '签约项目数', 2, 3, 2.4, 8.33],
        ['经开区', '签约项目数', '签约项目数', 3, 2, 1.6, 18.75],
        ['高新区', '到位资金', '到位资金', 48000, 40000, 32000, 36],
      ];
      for (const [unit, name, basis, actual, target, paced, score] of cases) {
        const r = find(unit, name);
        expect(r, `${unit} ${name}`).toBeDefined();
        expect(r?.['口径'], `${unit} ${name} 口径`).toBe(basis);
        expect(r?.['实际值'], `${unit} ${name} 实际值`).toBe(actual);
        expect(r?.['年度目标'], `${unit} ${name} 年度目标`).toBe(target);
        expect(Number(r?.['序时目标']), `${unit} ${name} 序时目标`).toBeCloseTo(paced, 6);
        expect(r?.['得分'], `${unit} ${name} 得分`).toBe(score);
        // 完成率 = actual ÷ 序时目标, uncapped; the contract does not fix its format (ratio or %)
        const rate = actual / paced;
        const shown = Number(r?.['完成率']);
        const asRatio = Math.abs(shown - rate) < 1e-3;
        const asPercent = Math.abs(shown - rate * 100) < 0.1;
        expect(asRatio || asPercent, `${unit} ${name} 完成率 ${String(r?.['完成率'])} vs ${rate}`).toBe(true);
      }
    });

    it('when a count, rate or relative indicator is detailed, then 实际值 is the measured value and 得分 the rounded score', () => {
      const cases: [string, string, string, number, number][] = [
        ['甲县', '亿元以上项目', '亿元以上签约项目数', 2, 10],
        ['经开区', '亿元以上项目', '亿元以上签约项目数', 1, 3.33],
        ['甲县', '十亿元以上项目', '十亿元以上签约项目数', 1, 3],
        ['乙县', '开工项目', '开工项目数', 2, 10],
        ['高新区', '投产项目', '投产项目数', 2, 4],
        ['甲县', '重点企业签约', '重点企业签约数', 2, 2],
        ['乙县', '超期未开工', '超期未开工项目数', 1, -1.13],
        ['经开区', '超期未开工', '超期未开工项目数', 3, -3],
        ['甲县', '履约率', '履约率', 0.4, 4],
        ['丙市', '履约率', '履约率', 1, 10],
        ['经开区', '履约率', '履约率', 0, 0],
        ['甲县', '周报及时率', '周上报及时率', 0.875, 4.38],
        ['丙市', '周报及时率', '周上报及时率', 1, 5],
      ];
      for (const [unit, name, basis, actual, score] of cases) {
        const r = find(unit, name);
        expect(r, `${unit} ${name}`).toBeDefined();
        expect(r?.['口径'], `${unit} ${name} 口径`).toBe(basis);
        expect(Number(r?.['实际值']), `${unit} ${name} 实际值`).toBeCloseTo(actual, 6);
        expect(norm(r?.['得分']), `${unit} ${name} 得分`).toBe(score);
      }
    });
  });

  describe('预警', () => {
    const rows = warnings.filter((r) => r['月份'] === MONTH);

    it('when 2026-09 is assessed, then 超期未开工 (红) and 长期未更新 (黄) name exactly the hand-picked projects', () => {
      const got = rows
        .filter((r) => r['项目编号'] !== null)
        .map((r) => `${String(r['单位名称'])}|${String(r['项目编号'])}|${String(r['项目名称'])}|${String(r['预警类型'])}|${String(r['级别'])}`)
        .sort();
      const want = [
        // 超期未开工: not 终止, 签约日期 ≤ 2026-04-03, no 开工日期 ≤ 2026-09-30
        '甲县|JX-002|农机装备项目|超期未开工|红', //     signed 2026-03-15
        '甲县|JX-008|光伏组件项目|超期未开工|红', //     signed 2025-11-10
        '乙县|YX-003|中药饮片项目|超期未开工|红', //     signed 2026-04-03 (= E − 180 days)
        '经开区|JK-001|包装材料项目|超期未开工|红', //   signed 2026-02-20
        '经开区|JK-002|五金制品项目|超期未开工|红', //   signed 2026-03-25
        '经开区|JK-004|物流分拨中心|超期未开工|红', //   signed 2025-08-01
        // 长期未更新: 更新日期 2026-08-01 is more than 14 days old (whether measured from E or from today)
        '甲县|JX-008|光伏组件项目|长期未更新|黄',
      ].sort();
      expect(got).toEqual(want);
    });

    it('when a 目标完成率 indicator trails 序时进度 (80%), then a unit 序时落后 warning with the right level is written', () => {
      const unitRows = rows.filter((r) => r['项目编号'] === null);
      // gap = 80 − 100 × actual ÷ annual target (points); ≥ 30 红, ≥ 10 黄, else none
      const want: [string, string, string][] = [
        // 甲县: 到位 37500/50000 = 75% (gap 5, none); 金额 148% (none); 项目数 3/5 = 60% (gap 20)
        ['甲县', '签约项目数', '黄'],
        // 乙县: 到位 24600/30000 = 82% (none); 金额 47000/50000 = 94% (none); 项目数 3/5 = 60% (gap 20)
        ['乙县', '签约项目数', '黄'],
        // 丙市: 到位 7500/20000 = 37.5% (gap 42.5); 金额 19000/40000 = 47.5% (gap 32.5); 项目数 2/3 = 66.7% (gap 13.3)
        ['丙市', '到位资金', '红'],
        ['丙市', '签约金额', '红'],
        ['丙市', '签约项目数', '黄'],
        // 高新区: 到位 120%, 金额 370% (none); 项目数 3/5 = 60% (gap 20)
        ['高新区', '签约项目数', '黄'],
        // 经开区: 到位 4500/10000 = 45% (gap 35); 金额 130%, 项目数 150% (none)
        ['经开区', '到位资金', '红'],
      ];
      expect(unitRows).toHaveLength(want.length);
      for (const r of unitRows) expect(r['预警类型']).toBe('序时落后');
      for (const [unit, name, level] of want) {
        const hit = unitRows.filter((r) => r['单位名称'] === unit && String(r['说明'] ?? '').includes(name));
        // 说明 is free text; the reading taken here is that it names the indicator concerned.
        expect(hit.map((r) => r['级别']), `${unit} ${name}`).toEqual([level]);
      }
    });
  });
});
