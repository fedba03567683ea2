/**
 * Every tab of the ledger contract in one place: name, column order, Chinese header and the note that
 * tells staff what to type. Parsing, provisioning, the workbook writer and the README derive from this.
 */
import { BASIS_RULES } from './bases.js';
import { SCORING_RULES, capNote } from './scorings.js';
import { ADJUSTMENT_KINDS } from './adjustment-kinds.js';
import { APPROVE, COMPANY_TYPES, CURRENCIES, DEFAULT_CHAINS, FUND_SOURCES, INVESTMENT_METHODS, RECOGNITIONS, RETURN, SIGNOFF_REPORTS, STAGES } from './vocabulary.js';

/** How a column is typed; drives number formats and dropdowns when a tab is provisioned. */
export type ColumnKind = 'text' | 'amount' | 'date' | 'stage' | 'chain' | 'method' | 'companyTypes' | 'number' | 'month' | 'emails' | 'system' | 'choice';

export interface ColumnSpec {
  readonly key: string;
  readonly header: string;
  readonly kind: ColumnKind;
  /** Shown as the header's note: what to type here. */
  readonly note: string;
  /** Column width in characters. */
  readonly width: number;
  /** A closed list offered as a dropdown ('choice' columns, and admin columns with a fixed vocabulary). */
  readonly choices?: readonly string[];
  /** v2 columns: a tab without them reads as if they were blank everywhere. */
  readonly optional?: boolean;
}

export interface TabSpec {
  readonly name: string;
  readonly role: 'admin' | 'ledger' | 'system';
  readonly columns: readonly ColumnSpec[];
}

function col(key: string, header: string, kind: ColumnKind, note: string, width = 12): ColumnSpec {
  return { key, header, kind, note, width };
}

/** An optional column with a closed list of values (v2): dropdown in new tabs, blank when the column is absent. */
function choiceCol(key: string, header: string, choices: readonly string[], note: string, width = 10): ColumnSpec {
  return { key, header, kind: 'choice', note, width, choices, optional: true };
}

export const MONTH_KEYS = Array.from({ length: 12 }, (_, i) => `m${i + 1}`);

/** Columns of a unit's ledger tab, in the order a new tab gets them (v2: 资金来源, 币种, 认定状态 in place). */
export const LEDGER_LAYOUT: readonly ColumnSpec[] = [
  col('id', '项目编号', 'text', '必填，全市唯一，如 WX-2026-001。填写后不要改动。', 14),
  col('name', '项目名称', 'text', '必填。', 28),
  col('investor', '投资方', 'text', '签约及以后阶段必填：投资企业全称。', 24),
  col('investorPlace', '投资方所在地', 'text', '选填，如 广东深圳。', 12),
  choiceCol('source', '资金来源', FUND_SOURCES, `${FUND_SOURCES.join('、')}。考评办法按资金来源计分（筛选资金来源或口径为实际利用外资）时，签约及以后必填。`, 10),
  choiceCol('currency', '币种', CURRENCIES, '留空即人民币；选“美元”时本行所有金额（总投资、合同投资额、到位资金）均按万美元填写。', 8),
  col('chain', '产业链', 'chain', '必填，从下拉列表选择（参数页“产业链”）。', 16),
  col('method', '招商方式', 'method', `选填：${INVESTMENT_METHODS.join('、')}。`, 12),
  col('companyTypes', '企业类型', 'companyTypes', `选填，可多项，用顿号分隔：${COMPANY_TYPES.join('、')}。`, 14),
  col('stage', '项目阶段', 'stage', `必填：${STAGES.join('、')}。`, 10),
  choiceCol('recognition', '认定状态', RECOGNITIONS, '留空即未认定；经省平台或市联审认定的项目选“已认定”。', 10),
  col('totalInvestment', '总投资(万元)', 'amount', '洽谈及以后必填，单位万元（美元项目为万美元），如 35000 或 3.5亿。', 13),
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

/**
 * The ledger schema: the v1 columns in their v1 order, then the optional v2 columns. Header matching does
 * not depend on order; this order keeps every v1 column at its v1 position for code that counts on it.
 */
export const LEDGER_COLUMNS: readonly ColumnSpec[] = [...LEDGER_LAYOUT.filter((c) => !c.optional), ...LEDGER_LAYOUT.filter((c) => c.optional)];

/** The one ledger column the system owns. */
export const CHECK_COLUMN = 'check';

export const SETTINGS_TAB: TabSpec = {
  name: '参数',
  role: 'admin',
  columns: [col('key', '参数', 'text', '参数名称，不要改动。', 16), col('value', '值', 'text', '参数值。', 60)],
};

/** One row of 参数: its name, the value a new ledger starts with, and the note on its name cell. */
export interface SettingRow {
  readonly name: string;
  readonly initial: (year: number, city: string) => string | number;
  readonly note: string;
}

/**
 * The 参数 rows, in the order a new ledger gets them: `init`, provisioning, the README and the parser's
 * list of known names all iterate this. Adding a 参数 is one entry here (and its reading in settings).
 */
export const SETTING_ROWS: readonly SettingRow[] = [
  { name: '年度', initial: (year) => year, note: '考核年度，如 2026。' },
  { name: '城市', initial: (_year, city) => city, note: '报告标题中的城市名称。' },
  { name: '超期未开工天数', initial: () => 180, note: '签约后超过这么多天仍未开工即为超期（默认 180）。' },
  { name: '长期未更新天数', initial: () => 14, note: '在推项目超过这么多天未更新即预警（默认 14）。' },
  { name: '周上报截止', initial: () => '周五 17:00', note: '每周上报截止时间，如“周五 17:00”。' },
  { name: '序时进度', initial: () => '', note: '12 个逗号分隔的累计百分比，如 6%,13%,…,100%；留空按每月 1/12。' },
  { name: '通报收件人', initial: () => '', note: '接收月度通报、季度讲评、年度总评的市领导邮箱，多个用逗号分隔。' },
  { name: '管理员邮箱', initial: () => '', note: '接收运行失败通知和送审稿的管理员邮箱；在线表格中可编辑全部页面。' },
  { name: '等次', initial: () => '优秀:90,良好:80,一般:60,较差:0', note: '按总分划分等次，如“优秀:90,良好:80,一般:60,较差:0”。' },
  { name: '产业链', initial: () => DEFAULT_CHAINS.join(','), note: '台账“产业链”列可选的值，逗号分隔。' },
  { name: '美元汇率', initial: () => '', note: '1 万美元折合多少万元，如 7.1；有币种为美元的项目时必填。' },
  { name: '仅计认定项目', initial: () => '否', note: '是 / 否。填“是”时，各项按台账统计的口径只统计认定状态为“已认定”的项目。' },
  { name: '发文单位', initial: () => '', note: '月度通报（公文）的发文单位和落款；留空为“{城市}招商引资工作领导小组办公室”。' },
  { name: '期号', initial: () => '', note: '1 月通报的期号；m 月为 期号 + m − 1。留空为 1，即期号等于月份。' },
  { name: '通报群', initial: () => '', note: '接收月度通报、季度讲评、年度总评摘要的钉钉或企业微信群名，如 市招商工作群；须与部署配置 LEDGER_ROBOTS 中的群名一致。' },
  { name: '通报审核', initial: () => '否', note: '是：月度通报、季度讲评、年度总评先作为送审稿发给管理员，在“审核”页填写同意后才发给领导和工作群；否：直接发送。' },
];

export const UNITS_TAB: TabSpec = {
  name: '单位',
  role: 'admin',
  columns: [
    col('name', '单位名称', 'text', '必填，唯一，如 温县。', 14),
    col('group', '考核组别', 'text', '必填，如 县市组、城区组、开发区组。', 12),
    col('leaderEmails', '负责人邮箱', 'emails', '接收单位月报，多个用逗号分隔。', 30),
    col('liaisonEmails', '联络员邮箱', 'emails', '台账填报人，接收月报和周上报提醒；在线表格中只有他们能编辑本单位台账。', 30),
    col('tab', '台账页名', 'text', '选填，默认为“台账-单位名称”。', 16),
    { ...col('robotGroup', '工作群', 'text', '选填：接收本单位月报摘要的钉钉或企业微信群名，如 温县招商专班；须与部署配置 LEDGER_ROBOTS 中的群名一致。', 16), optional: true },
  ],
};

/** 目标任务: 单位名称, then one column per target-based indicator (headers come from 考评办法). */
export const TARGETS_TAB_NAME = '目标任务';
export const TARGETS_UNIT_COLUMN = col('unit', '单位名称', 'text', '与“单位”页的单位名称一致。', 14);

export const METHOD_TAB: TabSpec = {
  name: '考评办法',
  role: 'admin',
  columns: [
    col('name', '指标名称', 'text', '唯一，按报告中的顺序排列。', 20),
    { ...col('basis', '口径', 'text', `统计什么：${BASIS_RULES.map((b) => `${b.name}（${b.note}）`).join('；')}。`, 18), choices: BASIS_RULES.map((b) => b.name) },
    { ...col('filter', '筛选', 'text', '选填，只统计符合条件的项目，多个条件用分号分隔，如 资金来源=省外境内/境外；合同投资额≥1亿；投资方所在地 含 广东/浙江。', 24), optional: true },
    { ...col('scoring', '计分方式', 'text', `${SCORING_RULES.map((r) => `${r.name}：${r.note}`).join('；')}。`, 12), choices: SCORING_RULES.map((r) => r.name) },
    col('points', '分值', 'number', '满分，或每项加减的分数；各组不同时写 县市组:20；城区组:15。', 8),
    col('cap', '封顶', 'number', `${capNote()}。`, 8),
    { ...col('params', '计分参数', 'text', '选填，名称:值，用分号分隔：档位（分档必填，如 100%=20/80%=15/60%=10）、下限（功效系数，默认 60%）、步长（排名计分，默认 1）、范围（组内或全市）、门槛（低于门槛得 0 分，如 60%）。', 28), optional: true },
    col('groups', '适用组别', 'text', '留空适用于所有组别，否则用逗号分隔的组别。', 16),
    { ...col('pace', '序时进度', 'text', '选填：本指标自己的 12 个累计百分比，如 5%,12%,…,100%；留空按参数页“序时进度”。', 20), optional: true },
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
    { ...col('kind', '类型', 'text', `选填：${ADJUSTMENT_KINDS.map((k) => `${k.name}（${k.note}）`).join('；')}。`, 10), optional: true, choices: ADJUSTMENT_KINDS.map((k) => k.name) },
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
  ['月份', '单位名称', '指标名称', '口径', '实际值', '年度目标', '序时目标', '完成率', '得分', '说明'],
  [9, 12, 20, 18, 12, 12, 12, 9, 8, 40],
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

/** 排名 as a tab spec with no indicator columns; {@link rankingHeaders} inserts them. */
export const RANKING_TAB = systemTab(RANKING_TAB_NAME, [...RANKING_LEAD, ...RANKING_TAIL], [...RANKING_LEAD, ...RANKING_TAIL].map(() => 14));

/** The system tabs, in the order they are created: every writer, provisioner and the README iterate this. */
export const SYSTEM_TABS: readonly TabSpec[] = [
  CHECK_RESULTS_TAB, RANKING_TAB, SCORE_DETAIL_TAB, WARNINGS_TAB, WEEKLY_TAB, SNAPSHOT_TAB, CHANGES_TAB, SEND_LOG_TAB, RUN_LOG_TAB,
];

/** All system tab names, in the order they are created. */
export const SYSTEM_TAB_NAMES: readonly string[] = SYSTEM_TABS.map((t) => t.name);

/** 目标任务 without its indicator columns (they come from 考评办法; see {@link targetColumns}). */
export const TARGETS_TAB: TabSpec = { name: TARGETS_TAB_NAME, role: 'admin', columns: [TARGETS_UNIT_COLUMN] };

/** The admin tabs, in the order they are created. */
export const ADMIN_TABS: readonly TabSpec[] = [SETTINGS_TAB, UNITS_TAB, TARGETS_TAB, METHOD_TAB, ADJUSTMENTS_TAB, SIGNOFF_TAB];
export const ADMIN_TAB_NAMES: readonly string[] = ADMIN_TABS.map((t) => t.name);

/** Keys of a tab's optional (v2) columns: absent, they read as blank. */
export function optionalKeys(columns: readonly ColumnSpec[]): string[] {
  return columns.filter((c) => c.optional).map((c) => c.key);
}
