/** 序时进度: 12 cumulative shares of an annual target, as 参数 and (v2) a 考评办法 row write them. */
import { splitList } from './cells.js';
import { decodeNumber } from './codecs.js';

/** Month m → m/12: the pace when none is given. */
export function defaultPace(): number[] {
  return Array.from({ length: 12 }, (_, i) => (i + 1) / 12);
}

export const PACE_FIX = '请填写 12 个逗号分隔、逐月不减的累计百分比，如 5%,12%,20%,28%,36%,45%,53%,62%,71%,80%,90%,100%';

/** 12 fractions, non-decreasing, in (0, 1]; undefined when the text is not that. */
export function parsePaceText(text: string): number[] | undefined {
  const parts = splitList(text);
  const anyPercent = parts.some((part) => part.endsWith('%'));
  const numbers = parts.map((part) => {
    const decoded = decodeNumber(anyPercent && !part.endsWith('%') ? `${part}%` : part);
    return decoded.ok && decoded.value !== undefined ? decoded.value : Number.NaN;
  });
  const fractions = anyPercent || numbers.every((n) => n <= 1) ? numbers : numbers.map((n) => n / 100);
  const valid = fractions.length === 12 && fractions.every((n, i) => Number.isFinite(n) && n > 0 && n <= 1 && (i === 0 || n >= (fractions[i - 1] ?? 0)));
  return valid ? fractions : undefined;
}
