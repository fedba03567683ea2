/** The cell helpers take shortcuts for the common case; these tests hold them to their plain definitions. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellErrorText, toHalfWidth } from '../../functions/core/index.js';

/** toHalfWidth as specified: every full-width ASCII form and the ideographic space, one by one. */
const halfWidth = (text: string) => [...text].map((ch) => {
  const code = ch.charCodeAt(0);
  if (ch.length === 1 && code >= 0xff01 && code <= 0xff5e) return String.fromCharCode(code - 0xfee0);
  return ch === '\u3000' ? ' ' : ch;
}).join('');

const aText = fc.oneof(
  fc.string(), fc.string({ unit: 'binary' }),
  fc.array(fc.constantFrom('Ａ', '１', '　', '～', '！', 'a', ' ', '签', '😀', '\ud800', '#', 'REF!'), { maxLength: 12 }).map((parts) => parts.join('')),
);

describe('cell helper shortcuts', () => {
  it('when any text is folded to half width, then it matches the one-by-one definition', () => {
    fc.assert(fc.property(aText, (text) => {
      expect(toHalfWidth(text)).toBe(halfWidth(text));
    }), { numRuns: 5000, seed: 3 });
  });

  it('when a text cell is checked for a formula error, then only the exact error texts count', () => {
    for (const text of ['#REF!', '#N/A', '#DIV/0!', '#VALUE!', '#SPILL!']) expect(cellErrorText(text)).toBe(text);
    for (const text of ['', 'REF!', ' #REF!', '#REF! ', '#', '#ref!', '签约', '＃REF!']) expect(cellErrorText(text)).toBeUndefined();
  });
});
