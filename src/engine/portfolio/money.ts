/**
 * @module Money rounding: commissions and trade P&L are stated in kopecks (2 decimals) of the account
 * currency, rounded half away from zero on the decimal value. A number on a decimal grid (up to 9
 * places, see exact/decimal-grid.ts) is rounded exactly as that decimal, in integers: 1.005 is
 * 1.005, not the 1.00499999999999989… its double holds, so it rounds to 1.01 as by hand. Anything
 * else (the float product of a price and a rate) is first lifted by a relative 4e-15 (about 18 ulps),
 * far below anything a money amount carries, and then rounded.
 */
import { POW10, decimalsOf, scaledAt } from '../exact/decimal-grid.ts';
import { roundDiv } from '../exact/round-div.ts';

/** `x` rounded to `places` decimals (default 2), half away from zero; never returns -0. */
export function roundMoney(x: number, places = 2): number {
  const k = decimalsOf(x);
  if (k >= 0) {
    if (k <= places) return x + 0;
    return roundDiv(scaledAt(x, k), POW10[k - places]) / POW10[places] + 0;
  }
  const s = POW10[places];
  const r = Math.round(Math.abs(x) * s * (1 + 4e-15)) / s;
  return x < 0 && r !== 0 ? -r : r;
}
