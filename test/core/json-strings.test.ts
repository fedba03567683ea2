import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonStringArray } from '../../functions/core/json-strings.js';

const aText = fc.oneof(
  fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }),
  fc.constantFrom('', '郑州鑫丰文旅康养综合体项目', '说"明"', 'a\\b', '换\n行', '\t', '\u0000', '\u001f', '\u007f', '\u2028\u2029', '😀', '\ud83d', '\ude00x', '1.8亿', '","'),
);

describe('jsonStringArray', () => {
  it('when any array of strings is given, then it is exactly JSON.stringify of it', () => {
    fc.assert(fc.property(fc.array(aText, { maxLength: 40 }), (texts) => {
      expect(jsonStringArray(texts)).toBe(JSON.stringify(texts));
    }), { numRuns: 5000, seed: 42 });
  });

  it('when the array is empty or holds only empty texts, then it matches too', () => {
    for (const texts of [[], [''], ['', ''], ['a', ''], ['a\ud83d', '\ude00b']]) expect(jsonStringArray(texts)).toBe(JSON.stringify(texts));
  });
});
