/**
 * @module Any finite double read as the decimal it prints as (JavaScript's shortest round-trip
 * form), as a BigInt count of 10^-places. Money amounts off every safe grid (an archive's
 * 323.74333333333334) are still added exactly this way, at the cost of BigInt arithmetic.
 */

/** `x` = units / 10^places exactly in its printed form; places >= 0. */
export function printedDecimal(x: number): { units: bigint; places: number } {
  const [mant, exp = '0'] = String(x).split('e');
  const [whole, frac = ''] = mant.split('.');
  const digits = BigInt(whole + frac);
  const places = frac.length - Number(exp);
  return places >= 0
    ? { units: digits, places }
    : { units: digits * 10n ** BigInt(-places), places: 0 };
}
