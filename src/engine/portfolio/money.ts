/**
 * @module Money rounding: commissions and trade P&L are stated in kopecks (2 decimals) of the account
 * currency, rounded half away from zero on the decimal value. Binary noise such as
 * 1.005 · 100 = 100.49999999999999 is lifted first by a relative nudge of 4e-15 (about 18 ulps),
 * far below anything a money amount carries, so the result is what a person computing by hand gets.
 */

/** `x` rounded to 2 decimals, half away from zero; never returns -0. */
export function roundMoney(x: number): number {
  const r = Math.round(Math.abs(x) * 100 * (1 + 4e-15)) / 100;
  return x < 0 && r !== 0 ? -r : r;
}
