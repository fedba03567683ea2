/**
 * 得分明细 writes 实际值 and 完成率 to 4 decimals and 序时目标 to 2 (the v1 precisions, kept so a v1 workbook's
 * 得分明细 holds the values it held); 得分 comes from the unrounded x. June 2026, 参数.序时进度 default 6/12 = 50%.
 */
import { describe, expect, it } from 'vitest';
import type { Cell } from '../../functions/core/index.js';
import { assess, project, signed, type V2City } from './v2-city.js';

const m = (over: Record<string, string | number>) => ({ 指标名称: '指标', 分值: 20, ...over });
const notStarted = { 项目阶段: '签约', 开工日期: null };
// June = 55%: 50000 × 0.55 is 27500.000000000004 in binary floating point, 22000 ÷ that is 0.7999999999999999.
const PACE_55 = '10%,20%,30%,40%,50%,55%,60%,70%,80%,90%,95%,100%';

/** 甲's 得分明细 row, by header. */
function detailOfJia(city: V2City): Record<string, Cell> {
  const [header, ...rows] = assess(city).writes.get('得分明细') ?? [];
  const row = rows.find((r) => r[1] === '甲') ?? [];
  return Object.fromEntries((header ?? []).map((h, i) => [String(h), row[i] ?? null]));
}

describe('得分明细 precision', () => {
  it.each<[string, V2City, Record<string, Cell>]>([
    [
      'a target-based count: 1 signed of target 3 at 50%, completion 1 ÷ 1.5 = 0.666…',
      { method: [m({ 口径: '签约项目数', 计分方式: '目标完成率' })], ledgers: { 甲: signed(1) }, targets: { 甲: { 指标: 3 } } },
      { 实际值: 1, 年度目标: 3, 序时目标: 1.5, 完成率: 0.6667, 得分: 13.33 }, // 20 × 0.666… = 13.333… → 13.33
    ],
    [
      'a rate: 开工率 2 started of 3 signed = 0.666…',
      { method: [m({ 口径: '开工率', 计分方式: '比率' })], ledgers: { 甲: [...signed(2), project({ '1月到位(万元)': null, ...notStarted })] } },
      { 实际值: 0.6667, 年度目标: null, 序时目标: null, 完成率: 0.6667, 得分: 13.33 },
    ],
    [
      'an amount with more decimals than 4: 到位资金 1000.123456 万元 (相对值, the only unit)',
      { method: [m({ 口径: '到位资金', 计分方式: '相对值' })], ledgers: { 甲: [project({ '1月到位(万元)': 1000.123456 })] } },
      { 实际值: 1000.1235, 年度目标: null, 序时目标: null, 完成率: 1, 得分: 20 },
    ],
    [
      'floating-point noise: 22000 of 50000 at its own 序时进度 55%, completion 0.7999999999999999',
      { method: [m({ 口径: '到位资金', 计分方式: '目标完成率', 序时进度: PACE_55 })], ledgers: { 甲: [project({ '1月到位(万元)': 22000 })] }, targets: { 甲: { 指标: 50000 } } },
      { 实际值: 22000, 年度目标: 50000, 序时目标: 27500, 完成率: 0.8, 得分: 16 }, // 20 × 0.7999999999999999 → 16
    ],
  ])('when %s, then 得分明细 holds the rounded values', (_, city, expected) => {
    const row = detailOfJia(city);
    for (const [column, value] of Object.entries(expected)) expect(row[column], column).toBe(value);
  });
});
