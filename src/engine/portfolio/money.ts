/**
 * @module Money rounding: commissions and trade P&L are stated in kopecks (2 decimals) of the account
 * currency, rounded half away from zero on the decimal value (binary noise such as 100.49999999999999
 * for 1.005 · 100 is removed first, so the result is what a person computing by hand gets).
 */

/** `x` rounded to 2 decimals, half away from zero; never returns -0. */
export function roundMoney(x: number): number {
  const cents = Math.round(Math.abs(Number((x * 100).toPrecision(15))));
  const r = cents / 100;
  return x < 0 && r !== 0 ? -r : r;
}
