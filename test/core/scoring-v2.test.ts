import { describe, expect, it } from 'vitest';
import { assess, notesOf, project, scoresOf, signed } from './v2-city.js';

const m = (over: Record<string, string | number>) => ({ 指标名称: '指标', 口径: '签约项目数', 分值: 20, ...over });

describe('分档 (the 得分 of the highest 阈值 ≤ x)', () => {
  it.each([
    // 签约项目数 per unit → score with 档位 10=10/5=6/1=2
    [12, 10], [10, 10], [9, 6], [5, 6], [4, 2], [1, 2], [0, 0],
  ])('when a unit signed %i projects, then it scores %i', (count, expected) => {
    const out = assess({ method: [m({ 计分方式: '分档', 分值: 10, 计分参数: '档位:10=10/5=6/1=2' })], ledgers: { 甲: signed(count) } });
    expect(out.structure).toEqual([]);
    expect(scoresOf(out)['甲']).toBe(expected);
  });

  it('when x falls in a tier, then 说明 names the tier; below every tier, the lowest', () => {
    const out = assess({ method: [m({ 计分方式: '分档', 分值: 10, 计分参数: '档位:5=10/2=5' })], ledgers: { 甲: signed(3), 乙: signed(1) } });
    expect(notesOf(out)).toEqual({ 甲: '签约项目数 3 个，落在 2 档，得 5 分', 乙: '签约项目数 1 个，低于最低档 2，得 0 分' });
  });

  it('when the indicator is target-based, then tiers compare the completion, written as percentages', () => {
    // target 10 projects, June pace 50% → 序时目标 5; 4 signed → 80%
    const out = assess({
      method: [m({ 计分方式: '分档', 计分参数: '档位:100%=20/80%=15/60%=10' })],
      ledgers: { 甲: signed(4), 乙: signed(2) }, targets: { 甲: { 指标: 10 }, 乙: { 指标: 10 } },
    });
    expect(scoresOf(out)).toEqual({ 甲: 15, 乙: 0 });
    expect(notesOf(out)['甲']).toBe('完成率 80.0%，落在 80% 档，得 15 分');
  });

  it('when an amount 阈值 is written 5000万, then it is in the indicator unit (万元)', () => {
    const out = assess({ method: [m({ 口径: '到位资金', 计分方式: '分档', 计分参数: '档位:5000万=20/1000=10' })], ledgers: { 甲: [project({ '1月到位(万元)': 5000 })], 乙: [project({ '1月到位(万元)': 4999 })] } });
    expect(scoresOf(out)).toEqual({ 甲: 20, 乙: 10 });
  });
});

describe('功效系数 (分值 × (L + (1 − L) × (x − lo) ÷ (hi − lo)))', () => {
  const money = (n: number) => [project({ '1月到位(万元)': n })];

  it.each([
    ['default 下限 60%', '', { 甲: 20, 乙: 16, 丙: 12 }],
    ['下限 50%', '下限:50%', { 甲: 20, 乙: 15, 丙: 10 }],
  ])('when %s, then the best gets 分值, the lowest 分值 × L and the rest in proportion', (_, params, expected) => {
    const out = assess({ method: [m({ 口径: '到位资金', 计分方式: '功效系数', 计分参数: params })], ledgers: { 甲: money(3000), 乙: money(2000), 丙: money(1000) } });
    expect(scoresOf(out)).toEqual(expected);
  });

  it('when every unit has the same x, then each gets 分值', () => {
    const out = assess({ method: [m({ 口径: '到位资金', 计分方式: '功效系数' })], ledgers: { 甲: money(500), 乙: money(500) } });
    expect(scoresOf(out)).toEqual({ 甲: 20, 乙: 20 });
  });

  it('when 范围 is 组内, then lo and hi come from the group; when 全市, from every unit', () => {
    const city = (scope: string) => assess({
      method: [m({ 口径: '到位资金', 计分方式: '功效系数', 计分参数: scope })],
      groups: { 甲: 'A组', 乙: 'A组', 丙: 'B组' }, ledgers: { 甲: money(3000), 乙: money(2000), 丙: money(1000) },
    });
    expect(scoresOf(city(''))).toEqual({ 甲: 20, 乙: 12, 丙: 20 });
    expect(scoresOf(city('范围:全市'))).toEqual({ 甲: 20, 乙: 16, 丙: 12 });
  });

  it('when a target-based unit has no target, then it scores 0 and is left out of lo and hi', () => {
    const out = assess({
      method: [m({ 口径: '到位资金', 计分方式: '功效系数' })],
      ledgers: { 甲: money(3000), 乙: money(1500), 丙: money(9000) },
      targets: { 甲: { 指标: 6000 }, 乙: { 指标: 6000 } },
    });
    // completions 1.0 and 0.5 (June pace 50%): 丙 without a target is not the hi
    expect(scoresOf(out)).toEqual({ 甲: 20, 乙: 12, 丙: 0 });
    expect(notesOf(out)['丙']).toBe('未设年度目标，得 0 分');
  });
});

describe('排名计分 (分值 − 步长 × (rank − 1), equal x sharing a rank)', () => {
  it('when x ties, then ranks are 1, 2, 2, 4 and scores follow 步长', () => {
    const out = assess({ method: [m({ 计分方式: '排名计分', 计分参数: '步长:2' })], ledgers: { 甲: signed(3), 乙: signed(2), 丙: signed(2), 丁: signed(1) } });
    expect(scoresOf(out)).toEqual({ 甲: 20, 乙: 18, 丙: 18, 丁: 14 });
    expect(notesOf(out)['丁']).toBe('组内第 4 名，20 − 3 × 2 = 14');
  });

  it('when the rank is far down, then the score stops at 0', () => {
    const out = assess({ method: [m({ 计分方式: '排名计分', 分值: 3, 计分参数: '步长:2' })], ledgers: { 甲: signed(3), 乙: signed(2), 丙: signed(1) } });
    expect(scoresOf(out)).toEqual({ 甲: 3, 乙: 1, 丙: 0 });
  });
});

describe('门槛 (below it the indicator scores 0; lo, hi and ranks are taken before it)', () => {
  it.each([
    ['相对值', '门槛:2', { 甲: 20, 乙: 13.33, 丙: 0 }],
    ['排名计分', '门槛:2', { 甲: 20, 乙: 19, 丙: 0 }],
    ['每项加分', '门槛:2', { 甲: 60, 乙: 40, 丙: 0 }],
  ])('when 计分方式 is %s with %s, then units under it score 0', (scoring, params, expected) => {
    const out = assess({ method: [m({ 计分方式: scoring, 计分参数: params })], ledgers: { 甲: signed(3), 乙: signed(2), 丙: signed(1) } });
    expect(scoresOf(out)).toEqual(expected);
    expect(notesOf(out)['丙']).toBe('签约项目数 1 个，低于门槛 2，得 0 分');
  });

  it('when a 功效系数 unit is under the 门槛, then it still sets lo for the others', () => {
    const money = (n: number) => [project({ '1月到位(万元)': n })];
    const out = assess({ method: [m({ 口径: '到位资金', 计分方式: '功效系数', 计分参数: '门槛:1500' })], ledgers: { 甲: money(3000), 乙: money(2000), 丙: money(1000) } });
    expect(scoresOf(out)).toEqual({ 甲: 20, 乙: 16, 丙: 0 });
  });

  it('when a completion is 59.9999996%, then it is compared rounded to 6 decimals and meets 门槛 60%', () => {
    // 到位 2999.999998 of a target 10000 at pace 50% → x = 0.5999999996 → round6 = 0.6
    const out = assess({ method: [m({ 口径: '到位资金', 计分方式: '目标完成率', 计分参数: '门槛:60%' })], ledgers: { 甲: [project({ '1月到位(万元)': 2999.999998 })] }, targets: { 甲: { 指标: 10000 } } });
    expect(scoresOf(out)['甲']).toBe(12);
  });
});

describe('分值 per group, per-indicator 序时进度, 相对值 范围', () => {
  it('when 分值 is per group, then each unit gets its group’s points', () => {
    const out = assess({ method: [m({ 计分方式: '每项加分', 分值: '县市组:2；城区组:3' })], groups: { 甲: '县市组', 乙: '城区组' }, ledgers: { 甲: signed(2), 乙: signed(2) } });
    expect(scoresOf(out)).toEqual({ 甲: 4, 乙: 6 });
  });

  it('when the row has its own 序时进度, then it replaces 参数.序时进度 for the score and 序时目标', () => {
    const pace = '10%,20%,30%,40%,50%,80%,85%,90%,92%,95%,98%,100%';
    const out = assess({ method: [m({ 口径: '到位资金', 计分方式: '目标完成率', 分值: 10, 序时进度: pace })], ledgers: { 甲: [project({ '1月到位(万元)': 4000 })] }, targets: { 甲: { 指标: 10000 } } });
    const line = out.scores[0]?.scores[0];
    expect(line?.paceTarget).toBe(8000);
    expect(line?.score).toBe(5);
    expect(out.warnings.filter((w) => w.kind === '序时落后').map((w) => [w.level, w.detail])).toEqual([['红', '指标完成年度目标的 40.0%，序时进度 80.0%，落后 40.0 个百分点']]);
  });

  it('when 相对值 has 范围 全市, then the largest x is the city’s', () => {
    const out = assess({ method: [m({ 计分方式: '相对值', 计分参数: '范围:全市' })], groups: { 甲: 'A组', 乙: 'B组' }, ledgers: { 甲: signed(4), 乙: signed(1) } });
    expect(scoresOf(out)).toEqual({ 甲: 20, 乙: 5 });
  });
});
