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

/** 资金来源 of a project (v2): where the money comes from. */
export const FUND_SOURCES = ['市内', '市外省内', '省外境内', '境外'] as const;
export type FundSource = (typeof FUND_SOURCES)[number];

/** 币种 (v2): blank reads as 人民币; on a 美元 row every amount is in 万美元. */
export const CURRENCIES = ['人民币', '美元'] as const;
export type Currency = (typeof CURRENCIES)[number];

/** 认定状态 (v2): blank reads as 未认定. */
export const RECOGNITIONS = ['未认定', '已认定'] as const;
export type Recognition = (typeof RECOGNITIONS)[number];

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
