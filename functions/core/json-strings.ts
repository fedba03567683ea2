/**
 * `JSON.stringify` of an array of strings, made smaller for the 快照: `JSON.stringify` builds its result
 * in pieces, and 100,000 such results (some 200 characters each) kept about 13 MB more than the same
 * texts as single flat strings, held until the 快照 is written.
 */

/**
 * Characters `JSON.stringify` may escape in a string: the quote, the backslash, control characters and
 * (lone) surrogates. Any surrogate at all sends the array to `JSON.stringify` itself, paired or not, so
 * the shortcut never has to decide what is well-formed.
 */
const MAY_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/**
 * Exactly `JSON.stringify(texts)`, as one flat string. When no text holds a character JSON may escape,
 * each text's JSON form is the text between quotes, so joining them gives the same string.
 * test/core/json-strings.test.ts checks it against `JSON.stringify` over many generated arrays.
 */
export function jsonStringArray(texts: readonly string[]): string {
  if (texts.length === 0) return '[]';
  for (const text of texts) if (text !== '' && MAY_ESCAPE.test(text)) return JSON.stringify(texts);
  // One join of the three parts: `+` would leave a rope of three strings.
  return ['["', texts.join('","'), '"]'].join('');
}
