import { describe, expect, it } from 'vitest';
import { cellHtml, escapeHtml, oneLine, safeFileName } from '../../templates/html/escape.js';
import { deadlineText, groupDigits, pct, quarterLabel, shanghaiText, signedPts, wan, yi } from '../../templates/html/format.js';

describe('escaping typed text', () => {
  it.each([
    ['<script>alert("x")</script>', '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'],
    ["=cmd|' /C calc'!A0", '=cmd|&#39; /C calc&#39;!A0'],
    ['A & B', 'A &amp; B'],
  ])('when %s goes into HTML, then it comes out as %s', (input, expected) => {
    expect(escapeHtml(input)).toBe(expected);
  });

  it.each([
    ['示例市\r\nBcc: x@example.com', '示例市 Bcc: x@example.com'],
    ['换行\n项目\u2028第二行', '换行 项目 第二行'],
    ['\t 前后空白 \u0000', '前后空白'],
  ])('when %j is made one line, then no line break is left', (input, expected) => {
    expect(oneLine(input)).toBe(expected);
    expect(oneLine(input)).not.toMatch(/[\r\n]/);
  });

  it('when a name with tags and a line break goes into a table cell, then it is one escaped line', () => {
    expect(cellHtml('<b>甲</b>\n乙')).toBe('&lt;b&gt;甲&lt;/b&gt; 乙');
  });

  it('when a unit name holds path characters, then the file name has none', () => {
    expect(safeFileName('甲/乙:丙*?.xlsx')).toBe('甲_乙_丙__.xlsx');
  });
});

describe('numbers as a bulletin writes them', () => {
  it.each([
    [16500.5, '1.65'],
    [1_234_567, '123.46'],
    [0, '0.00'],
  ])('when %d 万元 is a total, then it shows as %s 亿元', (value, expected) => {
    expect(yi(value)).toBe(expected);
  });

  it.each([
    [15000, '15,000'],
    [2000.5, '2,000.5'],
    [1234567.891, '1,234,567.89'],
    [-3500, '-3,500'],
  ])('when %d 万元 is a project amount, then it shows as %s', (value, expected) => {
    expect(wan(value)).toBe(expected);
  });

  it.each([
    [0.4342, '43.4%'],
    [1.3, '130.0%'],
    [undefined, '—'],
  ])('when the fraction %s is a rate, then it shows as %s', (value, expected) => {
    expect(pct(value)).toBe(expected);
  });

  it('when scores are signed, then plus and minus are explicit', () => {
    expect([signedPts(1.5), signedPts(-2), signedPts(0)]).toEqual(['+1.50', '-2.00', '0.00']);
  });

  it('when digits are grouped, then it does not depend on the locale', () => {
    expect(groupDigits(1234.5, 2, true)).toBe('1,234.50');
  });

  it('when an instant is shown, then it is Shanghai time whatever the host', () => {
    expect(shanghaiText(new Date('2026-06-30T22:00:00Z'))).toBe('2026年7月1日 06:00');
    expect(deadlineText(new Date('2026-07-03T09:00:00Z'))).toBe('7月3日（周五）17:00');
  });

  it.each([[3, '第一季度'], [6, '第二季度'], [9, '第三季度'], [12, '第四季度']])('when the month is %d, then the quarter is %s', (month, label) => {
    expect(quarterLabel(month)).toBe(label);
  });
});
