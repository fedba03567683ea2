/** The fixed word lists of the ledger contract. */

/** Project stages in their order; 终止 stands outside it. */
export const STAGES = ['线索', '洽谈', '签约', '落地', '开工', '投产', '达效', '终止'] as const;
export type Stage = (typeof STAGES)[number];

/** Position of a stage in the order 线索 < … < 达效; 终止 has none. */
export function stageRank(stage: Stage): number | undefined {
  return stage === '终止' ? undefined : STAGES.indexOf(stage);
}

/** True for 签约 or later (终止 excluded): "from 签约". */
export function isFrom(stage: Stage, from: Stage): boolean {
  const rank = stageRank(stage);
  const threshold = stageRank(from);
  return rank !== undefined && threshold !== undefined && rank >= threshold;
}

/** Active projects are followed weekly: not 终止 and not yet 达效. */
export function isActive(stage: Stage): boolean {
  return stage !== '终止' && stage !== '达效';
}

export const INVESTMENT_METHODS = [
  '产业链招商', '以商招商', '驻点招商', '小分队招商', '股权招商', '基金招商', '会展招商', '敲门招商', '其他',
] as const;

export const COMPANY_TYPES = ['世界500强', '中国500强', '央企', '国企', '行业龙头', '上市公司', '外资', '民企'] as const;
export type CompanyType = (typeof COMPANY_TYPES)[number];

/** Company types that make a signing count for 重点企业签约数. */
export const KEY_COMPANY_TYPES: readonly CompanyType[] = ['世界500强', '中国500强', '央企', '国企', '行业龙头'];

export const DEFAULT_CHAINS = [
  '新能源', '新能源汽车及零部件', '装备制造', '新材料', '生物医药', '电子信息', '健康食品', '绿色化工', '现代服务业', '其他',
] as const;

/** What an indicator measures (口径). */
export const BASES = [
  '到位资金', '签约项目数', '签约金额', '亿元以上签约项目数', '十亿元以上签约项目数', '开工项目数', '投产项目数',
  '重点企业签约数', '超期未开工项目数', '履约率', '周上报及时率',
] as const;
export type Basis = (typeof BASES)[number];

/** 口径 whose value is a rate in [0, 1]; the rest are amounts (万元) or counts. */
export const RATE_BASES: readonly Basis[] = ['履约率', '周上报及时率'];
/** 口径 measured in 万元; the rest of the non-rates are counts (个). */
export const AMOUNT_BASES: readonly Basis[] = ['到位资金', '签约金额'];

/** How an indicator is scored (计分方式). */
export const SCORINGS = ['目标完成率', '比率', '相对值', '每项加分', '每项扣分'] as const;
export type Scoring = (typeof SCORINGS)[number];

/** Unit of an indicator's actual value, for reports. */
export function basisUnit(basis: Basis): '万元' | '个' | '%' {
  if (RATE_BASES.includes(basis)) return '%';
  return AMOUNT_BASES.includes(basis) ? '万元' : '个';
}

export const LEVEL_ERROR = '错误';
export const LEVEL_REMINDER = '提醒';
export type Level = typeof LEVEL_ERROR | typeof LEVEL_REMINDER;

/** Reports that wait for sign-off (参数 通报审核 = 是); 单位月报 and 周上报提醒 go out without it. */
export const SIGNOFF_REPORTS = ['月度通报', '季度讲评', '年度总评'] as const;
export type SignoffReport = (typeof SIGNOFF_REPORTS)[number];

/** The 结论 words of the 审核 tab, and the state of a report no one has decided on yet. */
export const APPROVE = '同意';
export const RETURN = '退回';
export const PENDING = '待审核';
