/**
 * Every tab of the ledger contract in one place: name, column order, Chinese header and the note that
 * tells staff what to type. Parsing, provisioning, the workbook writer and the README derive from this.
 */
import { APPROVE, COMPANY_TYPES, INVESTMENT_METHODS, RETURN, SIGNOFF_REPORTS, STAGES } from './vocabulary.js';

/** How a column is typed; drives number formats and dropdowns when a tab is provisioned. */
export type ColumnKind = 'text' | 'amount' | 'date' | 'stage' | 'chain' | 'method' | 'companyTypes' | 'number' | 'month' | 'emails' | 'system';

export interface ColumnSpec {
  readonly key: string;
  readonly header: string;
  readonly kind: ColumnKind;
  /** Shown as the header's note: what to type here. */
  readonly note: string;
  /** Column width in characters. */
  readonly width: number;
}

export interface TabSpec {
  readonly name: string;
  readonly role: 'admin' | 'ledger' | 'system';
  readonly columns: readonly ColumnSpec[];
}

function col(key: string, header: string, kind: ColumnKind, note: string, width = 12): ColumnSpec {
  return { key, header, kind, note, width };
}

export const MONTH_KEYS = Array.from({ length: 12 }, (_, i) => `m${i + 1}`);

/** Columns of a unit's ledger tab, in the order a new tab gets them. */
export const LEDGER_COLUMNS: readonly ColumnSpec[] = [
  col('id', '项目编号', 'text', '必填，全市唯一，如 WX-2026-001。填写后不要改动。', 14),
  col('name', '项目名称', 'text', '必填。', 28),
  col('investor', '投资方', 'text', '签约及以后阶段必填：投资企业全称。', 24),
  col('investorPlace', '投资方所在地', 'text', '选填，如 广东深圳。', 12),
  col('chain', '产业链', 'chain', '必填，从下拉列表选择（参数页“产业链”）。', 16),
  col('method', '招商方式', 'method', `选填：${INVESTMENT_METHODS.join('、')}。`, 12),
  col('companyTypes', '企业类型', 'companyTypes', `选填，可多项，用顿号分隔：${COMPANY_TYPES.join('、')}。`, 14),
  col('stage', '项目阶段', 'stage', `必填：${STAGES.join('、')}。`, 10),
  col('totalInvestment', '总投资(万元)', 'amount', '洽谈及以后必填，单位万元，如 35000 或 3.5亿。', 13),
  col('contractAmount', '合同投资额(万元)', 'amount', '签约及以后必填，单位万元，不得超过总投资。', 15),
  col('signDate', '签约日期', 'date', '签约及以后必填，如 2026-06-14。', 12),
  col('startDate', '开工日期', 'date', '开工及以后必填。', 12),
  col('productionDate', '投产日期', 'date', '投产及以后必填。', 12),
  col('priorArrived', '上年末累计到位(万元)', 'amount', '选填：截至上年末累计到位资金，单位万元。', 14),
  ...MONTH_KEYS.map((key, i) =>
    col(key, `${i + 1}月到位(万元)`, 'amount', `${i + 1}月当月到位资金，单位万元；未到的月份留空。`, 11),
  ),
  col('leader', '责任领导', 'text', '洽谈及以后必填。', 10),
  col('owner', '责任人', 'text', '选填。', 10),
  col('progress', '进展情况', 'text', '在建、在谈项目请每周更新最新进展。', 30),
  col('problems', '存在问题', 'text', '选填；项目终止时必填终止原因。', 24),
  col('updated', '更新日期', 'date', '每次更新本行时填写当天日期。', 12),
  col('check', '校验', 'system', '系统填写：✓ 表示无问题，否则列出本行问题。请勿在此列输入。', 40),
];

/** The one ledger column the system owns. */
export const CHECK_COLUMN = 'check';

export const SETTINGS_TAB: TabSpec = {
  name: '参数',
  role: 'admin',
  columns: [col('key', '参数', 'text', '参数名称，不要改动。', 16), col('value', '值', 'text', '参数值。', 60)],
};

export const UNITS_TAB: TabSpec = {
  name: '单位',
  role: 'admin',
  columns: [
    col('name', '单位名称', 'text', '必填，唯一，如 温县。', 14),
    col('group', '考核组别', 'text', '必填，如 县市组、城区组、开发区组。', 12),
    col('leaderEmails', '负责人邮箱', 'emails', '接收单位月报，多个用逗号分隔。', 30),
    col('liaisonEmails', '联络员邮箱', 'emails', '台账填报人，接收月报和周上报提醒；在线表格中只有他们能编辑本单位台账。', 30),
    col('tab', '台账页名', 'text', '选填，默认为“台账-单位名称”。', 16),
    col('robotGroup', '工作群', 'text', '选填：接收本单位月报摘要的钉钉或企业微信群名，如 温县招商专班；须与部署配置 LEDGER_ROBOTS 中的群名一致。', 16),
  ],
};

/** 目标任务: 单位名称, then one column per 目标完成率 indicator (headers come from 考评办法). */
export const TARGETS_TAB_NAME = '目标任务';
export const TARGETS_UNIT_COLUMN = col('unit', '单位名称', 'text', '与“单位”页的单位名称一致。', 14);

export const METHOD_TAB: TabSpec = {
  name: '考评办法',
  role: 'admin',
  columns: [
    col('name', '指标名称', 'text', '唯一，按报告中的顺序排列。', 20),
    col('basis', '口径', 'text', '统计什么：到位资金、签约项目数、签约金额、亿元以上签约项目数、十亿元以上签约项目数、开工项目数、投产项目数、重点企业签约数、超期未开工项目数、履约率、周上报及时率。', 18),
    col('scoring', '计分方式', 'text', '目标完成率、比率、相对值、每项加分、每项扣分。', 12),
    col('points', '分值', 'number', '满分，或每项加减的分数。', 8),
    col('cap', '封顶', 'number', '目标完成率、比率：最高倍数，如 1.2 或 120%；每项加分、扣分：最多加减的分数；留空不封顶。', 8),
    col('groups', '适用组别', 'text', '留空适用于所有组别，否则用逗号分隔的组别。', 16),
    col('description', '说明', 'text', '在报告中说明这一指标。', 36),
  ],
};

export const ADJUSTMENTS_TAB: TabSpec = {
  name: '加减分',
  role: 'admin',
  columns: [
    col('unit', '单位名称', 'text', '与“单位”页一致。', 14),
    col('month', '月份', 'month', '如 2026-06；自该月起计入当年每月考核。', 10),
    col('points', '分值', 'number', '加分填正数，扣分填负数。', 8),
    col('reason', '事由', 'text', '必填。', 36),
    col('by', '认定单位', 'text', '如 市招商局。', 14),
  ],
};

/**
 * 审核: an admin approves (同意) or returns (退回) a month's 送审稿 by adding a row; the lowest row for a
 * (month, report) wins. Read by core/signoff.ts; only with 参数 通报审核 = 是 does it hold anything back.
 */
export const SIGNOFF_TAB: TabSpec = {
  name: '审核',
  role: 'admin',
  columns: [
    col('month', '月份', 'month', '送审稿的月份，如 2026-06。', 10),
    col('report', '报告', 'text', `${SIGNOFF_REPORTS.join('、')}之一；留空表示该月所有待审核的报告。`, 12),
    col('decision', '结论', 'text', `${APPROVE} 或 ${RETURN}。每次审核新增一行，不要改旧行。`, 8),
    col('by', '审核人', 'text', '必填：审核人姓名。', 10),
    col('note', '意见', 'text', `${RETURN}时必填：哪里要改。`, 40),
    col('at', '时间', 'text', '选填。', 16),
  ],
};

function systemTab(name: string, headers: readonly string[], widths: readonly number[] = []): TabSpec {
  return {
    name,
    role: 'system',
    columns: headers.map((header, i) => col(`c${i}`, header, 'system', '系统生成，请勿修改。', widths[i] ?? 12)),
  };
}

export const CHECK_RESULTS_TAB = systemTab(
  '校验结果',
  ['单位名称', '项目编号', '单元格', '字段', '填报值', '问题', '级别', '检查时间'],
  [12, 14, 16, 16, 20, 70, 6, 16],
);
/** 排名 has a score column per indicator between 考核组别 and 加减分; see {@link rankingHeaders}. */
export const RANKING_TAB_NAME = '排名';
export const RANKING_LEAD = ['月份', '单位名称', '考核组别'] as const;
export const RANKING_TAIL = ['加减分', '总分', '组内排名', '全市排名', '较上月', '等次', '计算时间'] as const;
export const SCORE_DETAIL_TAB = systemTab(
  '得分明细',
  ['月份', '单位名称', '指标名称', '口径', '实际值', '年度目标', '序时目标', '完成率', '得分'],
  [9, 12, 20, 18, 12, 12, 12, 9, 8],
);
export const WARNINGS_TAB = systemTab(
  '预警',
  ['月份', '单位名称', '项目编号', '项目名称', '预警类型', '说明', '级别'],
  [9, 12, 14, 28, 12, 60, 6],
);
export const WEEKLY_TAB = systemTab('周报记录', ['截止时间', '单位名称', '按时', '已更新项目数', '应更新项目数'], [16, 12, 6, 12, 12]);
export const SNAPSHOT_TAB = systemTab('快照', ['单位名称', '项目编号', '项目阶段', '内容', '记录时间'], [12, 14, 8, 80, 16]);
export const CHANGES_TAB = systemTab('变更记录', ['记录时间', '单位名称', '项目编号', '字段', '原值', '新值'], [16, 12, 14, 16, 24, 24]);
export const SEND_LOG_TAB = systemTab('发送记录', ['月份', '报告', '收件人', '状态', 'Message-ID', '时间', '说明'], [9, 12, 28, 6, 44, 16, 40]);
export const RUN_LOG_TAB = systemTab('运行记录', ['运行ID', '任务', '开始', '结束', '结果', '说明'], [28, 10, 16, 16, 8, 60]);

/** Headers of 排名 for a method's indicators, in 考评办法 order. */
export function rankingHeaders(indicatorNames: readonly string[]): string[] {
  return [...RANKING_LEAD, ...indicatorNames, ...RANKING_TAIL];
}

/** The ledger tab name of a unit when 台账页名 is blank. */
export function defaultLedgerTab(unitName: string): string {
  return `台账-${unitName}`;
}

/** All system tab names, in the order they are created. */
export const SYSTEM_TAB_NAMES = [
  CHECK_RESULTS_TAB.name, RANKING_TAB_NAME, SCORE_DETAIL_TAB.name, WARNINGS_TAB.name, WEEKLY_TAB.name,
  SNAPSHOT_TAB.name, CHANGES_TAB.name, SEND_LOG_TAB.name, RUN_LOG_TAB.name,
] as const;

export const ADMIN_TAB_NAMES = [SETTINGS_TAB.name, UNITS_TAB.name, TARGETS_TAB_NAME, METHOD_TAB.name, ADJUSTMENTS_TAB.name, SIGNOFF_TAB.name] as const;
