/**
 * The character classes of JavaScript regular expressions, as plain tests on a UTF-16 code unit, for
 * the hot loops of a write that scan text without a regular expression (each match would allocate)
 * but must decide exactly as the expression they replace.
 */

/** `\w`: ASCII letters, digits and `_`. */
export function isWordChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}

/** `\s`: the ECMAScript WhiteSpace and LineTerminator characters. */
export function isSpaceChar(code: number): boolean {
  return (code >= 9 && code <= 13) || code === 32 || code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a)
    || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}
