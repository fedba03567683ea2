import { describe, expect, it } from 'vitest';
import { decodeAmount, decodeDate, decodeNumber, dayOf, formatDay } from '../../functions/core/index.js';

const today = dayOf(2026, 7, 1);

describe('amounts in 万元', () => {
  it.each([
    [3500, 3500],
    ['3500', 3500],
    ['3,500', 3500],
    ['３５００', 3500],
    ['３，５００', 3500],
    ['3500万', 3500],
    ['3500万元', 3500],
    ['1.2亿', 12000],
    ['1.2亿元', 12000],
    [' 1.2 亿元 ', 12000],
    ['80000000元', 8000],
    ['0', 0],
    ['12.5', 12.5],
  ])('when staff type %j, then it reads %d', (typed, expected) => {
    expect(decodeAmount(typed)).toEqual({ ok: true, value: expected });
  });

  it.each([
    [-5, '金额不能为负数'],
    ['-3500', '金额不能为负数'],
    ['三千五百', '无法识别为金额'],
    ['3500美元', '无法识别为金额'],
    ['约3000', '无法识别为金额'],
    [true, '不是金额'],
    [new Date(Date.UTC(2026, 0, 1)), '这是日期，不是金额'],
    [{ error: '#REF!' }, '单元格是公式错误 #REF!'],
    ['#N/A', '单元格是公式错误 #N/A'],
    [Number.POSITIVE_INFINITY, '不是有效数字'],
  ])('when staff type %j, then the problem is “%s” and the fix names the unit', (typed, problem) => {
    const decoded = decodeAmount(typed as never);
    expect(decoded.ok).toBe(false);
    if (!decoded.ok) {
      expect(decoded.problem).toBe(problem);
      expect(decoded.fix).toMatch(/万元|公式/);
    }
  });

  it.each([null, undefined, '', '   '])('when the cell is %j, then it is blank', (typed) => {
    expect(decodeAmount(typed)).toEqual({ ok: true, value: undefined });
  });
});

describe('dates', () => {
  const june14 = dayOf(2026, 6, 14);
  it.each([
    [new Date(Date.UTC(2026, 5, 14)), june14],
    [new Date(Date.UTC(2026, 5, 14, 15, 30)), june14],
    [46187, june14],
    [46187.75, june14],
    ['2026-06-14', june14],
    ['2026-6-14', june14],
    ['2026/6/14', june14],
    ['2026.6.14', june14],
    ['2026年6月14日', june14],
    ['2026年06月14日', june14],
    ['２０２６－０６－１４', june14],
  ])('when staff type %j, then it reads 2026-06-14', (typed, expected) => {
    expect(decodeDate(typed, { today })).toEqual({ ok: true, value: expected });
    expect(formatDay(expected)).toBe('2026-06-14');
  });

  it.each([
    ['2026-02-30', '日历上没有这一天'],
    ['2025-02-29', '日历上没有这一天'],
    ['2026-13-01', '日历上没有这一天'],
    ['2026-07-02', '日期晚于今天（2026-07-01）'],
    ['1999-12-31', '日期早于 2000 年'],
    [36000, '日期早于 2000 年'],
    ['6月14日', '无法识别为日期'],
    ['20260614', '无法识别为日期'],
    ['下周一', '无法识别为日期'],
    [true, '不是日期'],
    [{ error: '#VALUE!' }, '单元格是公式错误 #VALUE!'],
    [new Date(Number.NaN), '不是有效日期'],
  ])('when staff type %j, then the problem is “%s”', (typed, problem) => {
    const decoded = decodeDate(typed as never, { today });
    expect(decoded).toMatchObject({ ok: false, problem });
  });

  it('when the date is today, then it is accepted', () => {
    expect(decodeDate('2026-07-01', { today })).toEqual({ ok: true, value: today });
  });

  it('when 2024-02-29 is typed, then the leap day is accepted', () => {
    expect(decodeDate('2024-02-29', { today })).toEqual({ ok: true, value: dayOf(2024, 2, 29) });
  });
});

describe('numbers and caps', () => {
  it.each([
    ['1.2', 1.2],
    ['120%', 1.2],
    ['１２０％', 1.2],
    [1.2, 1.2],
    ['-2', -2],
    ['33.3%', 0.333],
  ])('when %j is typed, then it reads %d', (typed, expected) => {
    expect(decodeNumber(typed)).toEqual({ ok: true, value: expected });
  });
});
