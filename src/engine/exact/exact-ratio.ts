/**
 * @module Exact rationals of BigInts turned into doubles with one correct rounding (to nearest),
 * and exact comparison. Correct rounding is what makes exact values safe to hand out as numbers:
 * equal rationals give the same double, and a < b gives round(a) <= round(b), never the reverse.
 */

function bitLength(a: bigint): number {
  return a === 0n ? 0 : a.toString(2).length;
}

/** num / den (den > 0) rounded to the nearest double (normal range; ties to even). */
export function ratioToNumber(num: bigint, den: bigint): number {
  if (num === 0n) return 0;
  const neg = num < 0n;
  const a = neg ? -num : num;
  // Scale so the integer quotient has at least 55 bits, then fold the remainder into a sticky bit:
  // Number() of that (correctly rounded itself) is then the correctly rounded quotient.
  const shift = 55 - (bitLength(a) - bitLength(den));
  const n = shift > 0 ? a << BigInt(shift) : a;
  const d = shift < 0 ? den << BigInt(-shift) : den;
  const q = ((n / d) << 1n) | (n % d === 0n ? 0n : 1n);
  const e = shift + 1;
  // Two power-of-two factors, each exact, so extreme exponents do not overflow on the way.
  const h = e >> 1;
  const v = Number(q) * 2 ** -h * 2 ** -(e - h);
  return neg ? -v : v;
}

/** Sign of a/b - c/d for b, d > 0: -1, 0 or 1. */
export function compareRatios(a: bigint, b: bigint, c: bigint, d: bigint): number {
  const l = a * d;
  const r = c * b;
  return l < r ? -1 : l > r ? 1 : 0;
}
