/**
 * @module Reading a double as the decimal it stands for. Prices, fees and cash sit on a decimal grid
 * (n / 10^k), and the double the data carries is the one nearest that decimal. For |n| <= 2^50 that
 * decimal is unique and `Math.round(x · 10^k)` recovers n exactly (the product errs by less than
 * 0.5), so sums of such integers are exact, and ties stay ties. Beyond 9 decimals (the API's nano
 * precision) or 2^50 a value counts as off the grid and callers fall back to floating point.
 */

/** Most decimal places a value may carry and still count as on the grid (Quotation's nano). */
export const MAX_DECIMALS = 9;

/** Largest |n| for which the double nearest n / 10^k identifies n (see the module comment). */
export const GRID_LIMIT = 2 ** 50;

/** 10^k for k = 0..18, each exact as a double. */
export const POW10: readonly number[] = Array.from({ length: 19 }, (_, k) => 10 ** k);

/**
 * The integer n with `x` the double nearest n / 10^k, or NaN when there is none (x has more than
 * k decimals, or |n| > GRID_LIMIT).
 */
export function scaledAt(x: number, k: number): number {
  const s = POW10[k];
  const n = Math.round(x * s);
  return n / s === x && Math.abs(n) <= GRID_LIMIT ? n + 0 : NaN;
}

/** The fewest decimals >= `from` that `x` needs (see scaledAt), or -1 when it is off the grid. */
export function decimalsOf(x: number, from = 0): number {
  for (let k = from; k <= MAX_DECIMALS; k++) {
    if (scaledAt(x, k) === scaledAt(x, k)) return k;
  }
  return -1;
}
