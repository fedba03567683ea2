/**
 * The demo city's 考评办法 (v2), modelled on the municipal 招商引资考核办法 cities publish: 省外资金 and
 * 实际利用外资 (万美元) scored separately, 签约项目 counted only when recognised (认定) and scored in steps
 * (分档), 外资 by the 功效系数法 (top 100, bottom 60), big projects by rank, a minimum gate on signed
 * money, different points per group, and a 降一档 for one unit. `withDemoMethod` also gives the generated
 * ledger the v2 columns (资金来源, 币种, 认定状态) a real ledger would have. Pure and deterministic.
 */
import type { BookDef, Cell, MethodRecord } from '../core/index.js';

/** 万元 per 万美元 in the demo's 参数. */
export const DEMO_USD_RATE = 7.1;

export const DEMO_METHOD: readonly MethodRecord[] = [
  { 指标名称: '省外资金到位', 口径: '到位资金', 筛选: '资金来源=省外境内/境外', 计分方式: '目标完成率', 分值: 25, 封顶: '120%', 说明: '省外境内和境外资金 1 月至考核月累计到位，按年度目标和序时进度计算完成率。' },
  { 指标名称: '实际利用外资', 口径: '实际利用外资', 计分方式: '功效系数', 分值: '县市组:15；城区组:10；开发区组:15', 计分参数: '下限:60%；范围:全市', 说明: '境外资金到位（万美元），功效系数法：全市最高得满分，最低得 60%。' },
  { 指标名称: '认定签约项目', 口径: '签约项目数', 筛选: '认定状态=已认定', 计分方式: '分档', 分值: 15, 计分参数: '档位:10=15/6=10/3=6/1=2', 说明: '经省平台认定的年内签约项目个数，按档计分。' },
  { 指标名称: '签约金额', 口径: '签约金额', 计分方式: '目标完成率', 分值: 10, 封顶: '120%', 计分参数: '门槛:50%', 说明: '年内签约合同投资额，完成率低于 50% 不得分。' },
  { 指标名称: '亿元以上项目', 口径: '亿元以上签约项目数', 计分方式: '排名计分', 分值: 10, 计分参数: '步长:1', 说明: '亿元以上签约项目个数组内排名，第 1 名 10 分，每降一名减 1 分。' },
  { 指标名称: '开工率', 口径: '开工率', 计分方式: '比率', 分值: 10, 说明: '年内签约项目中已开工的比例。' },
  { 指标名称: '履约率', 口径: '履约率', 计分方式: '比率', 分值: 5, 说明: '签约满期限的项目中已开工的比例。' },
  { 指标名称: '周上报及时率', 口径: '周上报及时率', 计分方式: '比率', 分值: 5, 说明: '按时完成周上报的周数占比。' },
  { 指标名称: '重点企业签约', 口径: '重点企业签约数', 计分方式: '每项加分', 分值: 1, 封顶: 3, 说明: '世界500强、中国500强、央企、国企、行业龙头签约，每个加 1 分，最多 3 分。' },
  { 指标名称: '超期未开工', 口径: '超期未开工项目数', 计分方式: '每项扣分', 分值: 1, 封顶: 5, 说明: '签约超过期限仍未开工，每个扣 1 分，最多扣 5 分。' },
];

const SOURCES = ['市内', '市内', '市外省内', '市外省内', '省外境内', '省外境内', '省外境内', '境外'] as const;
const AMOUNTS = ['总投资(万元)', '合同投资额(万元)', '上年末累计到位(万元)', ...Array.from({ length: 12 }, (_, i) => `${i + 1}月到位(万元)`)];

/** A stable small number per project id, so a project keeps its 资金来源, 币种 and 认定 on every day of the year. */
function serialOf(id: Cell, fallback: number): number {
  if (typeof id !== 'string') return fallback;
  let h = 2_166_136_261;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16_777_619) >>> 0;
  return h % 9973;
}

/**
 * A generated city with the demo's v2 method, v2 columns filled and 美元汇率 set. Targets come from
 * `targetLedgers` (the year's ledger as it stands today) so that every day of the replayed year gets the
 * same targets; by default from the ledger given.
 */
export function withDemoMethod(def: BookDef, targetLedgers: BookDef['ledgers'] = def.ledgers, elapsed = 1): BookDef {
  const ledgers = decorate(def.ledgers);
  const year = Number(def.settings['年度']) || 2026;
  const targets = targetsOf(targetLedgers === def.ledgers ? ledgers : decorate(targetLedgers), year, elapsed);
  const third = def.units[2]?.name ?? '';
  return {
    ...def,
    settings: { ...def.settings, 美元汇率: DEMO_USD_RATE },
    method: DEMO_METHOD,
    targets: Object.fromEntries(def.units.map((u) => [u.name, targets[u.name] ?? {}])),
    ledgers,
    adjustments: [...(def.adjustments ?? []), [third, `${year}-04`, '', '重点项目统计数据不实，经市考核办认定', '市考核办', '降一档']],
    columns: 'all',
  };
}

function decorate(ledgers: BookDef['ledgers']): Record<string, Record<string, Cell>[]> {
  const out: Record<string, Record<string, Cell>[]> = {};
  let fallback = 0;
  for (const [unit, rows] of Object.entries(ledgers ?? {})) {
    out[unit] = rows.map((original) => {
      const serial = serialOf(original['项目编号'], (fallback += 1));
      const row: Record<string, Cell> = { ...original };
      const source = SOURCES[(serial * 5) % SOURCES.length] ?? '市内';
      if (row['投资方'] !== undefined) row['资金来源'] = source;
      if (row['投资方'] !== undefined && serial % 3 !== 0) row['认定状态'] = '已认定';
      // Every other foreign project reports in US dollars: its amounts become 万美元.
      if (source === '境外' && serial % 2 === 0) {
        row['币种'] = '美元';
        for (const key of AMOUNTS) if (typeof row[key] === 'number') row[key] = Math.round((row[key] as number) / DEMO_USD_RATE);
      }
      return row;
    });
  }
  return out;
}

/**
 * Targets a city would set: this year's pace of 省外 money and signed amounts projected over the whole year
 * (`elapsed` = share of the year behind the ledger), a little above or below it per unit, so that some
 * units lead and some trail the 序时进度 as in a real year.
 */
function targetsOf(ledgers: Record<string, Record<string, Cell>[]>, year: number, elapsed: number): Record<string, Record<string, Cell>> {
  const targets: Record<string, Record<string, Cell>> = {};
  const signedThisYear = (cell: Cell) =>
    cell instanceof Date ? cell.getUTCFullYear() === year : typeof cell === 'string' && cell.trim().startsWith(String(year));
  for (const [unit, rows] of Object.entries(ledgers)) {
    let outside = 0;
    let signedAmount = 0;
    for (const row of rows) {
      const factor = row['币种'] === '美元' ? DEMO_USD_RATE : 1;
      const source = row['资金来源'];
      if (source === '省外境内' || source === '境外') {
        for (let m = 1; m <= 12; m++) outside += typeof row[`${m}月到位(万元)`] === 'number' ? (row[`${m}月到位(万元)`] as number) * factor : 0;
      }
      if (signedThisYear(row['签约日期']) && row['项目阶段'] !== '终止' && typeof row['合同投资额(万元)'] === 'number') {
        signedAmount += (row['合同投资额(万元)'] as number) * factor;
      }
    }
    const ambition = 0.9 + (serialOf(unit, 0) % 31) / 100; // 0.90 … 1.20 of the projected year
    const yearly = (amount: number) => Math.max(1000, Math.round((amount / Math.max(elapsed, 1 / 12)) * ambition / 100) * 100);
    targets[unit] = { 省外资金到位: yearly(outside), 签约金额: yearly(signedAmount) };
  }
  return targets;
}
