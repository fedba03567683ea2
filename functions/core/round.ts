/**
 * Rounding as the assessment method prescribes: half away from zero at 2 decimals.
 * Binary floating point stores 1.005 as 1.00499999…; reading the product back at 15 significant digits
 * first makes 1.005 round to 1.01, as a person doing the sum by hand expects.
 */
export function roundTo(value: number, decimals: number): number {
  // Beyond 2^53 / 100 there are no decimals left to round; scaling would only lose precision.
  if (!Number.isFinite(value) || Math.abs(value) >= 1e13) return value;
  const factor = 10 ** decimals;
  const scaled = Number((Math.abs(value) * factor).toPrecision(15));
  const rounded = Math.floor(scaled + 0.5) / factor;
  return value < 0 && rounded !== 0 ? -rounded : rounded;
}

/** {@link roundTo} at 2 decimals: every score, 加减分 and 总分. */
export function round2(value: number): number {
  return roundTo(value, 2);
}
