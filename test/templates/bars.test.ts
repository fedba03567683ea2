import { describe, expect, it } from 'vitest';
import { bar, paceBar, valueBar } from '../../templates/html/bars.js';

const widths = (html: string) => [...html.matchAll(/<td( width="(\d+)%")?/g)].map((m) => (m[2] === undefined ? undefined : Number(m[2])));
const marked = (html: string) => (html.match(/border-(left|right):2px/g) ?? []).length;

describe('table bars', () => {
  it('when a value is drawn against a scale, then the filled cell has its share of the width', () => {
    const html = valueBar(45, 100);
    expect(widths(html)[0]).toBe(45);
    expect(html).not.toMatch(/<svg|<img|display:\s*(flex|grid)/);
  });

  it.each([
    [0.434, 0.5],
    [0.8, 0.5],
    [0, 0.5],
    [1.3, 0.5],
    [0.5, 0.5],
    [0.9, 1],
  ])('when progress is %d against a pace of %d, then exactly one pace line is drawn', (progress, pace) => {
    expect(marked(paceBar(progress, pace))).toBe(1);
  });

  it('when segments do not add up to whole percents, then the widths still sum to 100', () => {
    const html = bar([{ share: 1 / 3, color: '#111111' }, { share: 1 / 3, color: '#222222' }, { share: 1 / 3, color: '#333333' }]);
    const given = widths(html).filter((w): w is number => w !== undefined);
    expect(given.reduce((a, b) => a + b, 0)).toBe(67); // the last cell takes the rest (33)
    expect(widths(html)).toHaveLength(3);
  });

  it('when a value is 0 or above the scale, then the bar is one full-width cell', () => {
    expect(widths(valueBar(0, 100))).toEqual([100]);
    expect(widths(valueBar(120, 100))).toEqual([100]);
  });
});
