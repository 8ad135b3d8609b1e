/**
 * @module Exact references for the tests, in BigInt rationals and written apart from the engine's
 * exact code: is a double the correctly rounded value of a rational, the exact sign of a difference
 * of two means, and a tick-grid price read as its decimal through its printed form.
 */

const view = new DataView(new ArrayBuffer(8));

/** True when `v` is the double nearest num / den (den > 0; ties to even), for v = 0 or normal v. */
export function isNearestDouble(v: number, num: bigint, den: bigint): boolean {
  if (v === 0) return num === 0n;
  if (v < 0) return isNearestDouble(-v, -num, den);
  view.setFloat64(0, v);
  const bits = view.getBigUint64(0);
  const exp = Number((bits >> 52n) & 0x7ffn);
  if (exp === 0 || exp === 0x7ff) return false;
  const m = (bits & ((1n << 52n) - 1n)) | (1n << 52n);
  // v = m · 2^e with e = exp - 1075. Everything below is scaled by den · 2^(2 - e) to integers: v
  // becomes 4·m·den, half an ulp 2·den, and the half-gap below a power of two (m = 2^52) den.
  const t = 2 - (exp - 1075);
  const sh = t >= 0 ? 0n : BigInt(-t);
  const d = ((4n * m * den) << sh) - (t >= 0 ? num << BigInt(t) : num);
  const half = (2n * den) << sh;
  const lim = d > 0n && m === 1n << 52n ? den << sh : half;
  const dist = d < 0n ? -d : d;
  return dist < lim || (dist === lim && (m & 1n) === 0n);
}

/** Sign of a/b - c/d (b, d > 0). */
export function ratioSign(a: bigint, b: bigint, c: bigint, d: bigint): number {
  const x = a * d - c * b;
  return x < 0n ? -1 : x > 0n ? 1 : 0;
}

/** Decimal places of the shortest decimal that prints as `x` (JavaScript's own shortest form). */
export function printedDecimals(x: number): number {
  const [mant, exp = '0'] = String(x).split('e');
  const frac = mant.split('.')[1]?.length ?? 0;
  return Math.max(0, frac - Number(exp));
}

/**
 * `x` as a whole count of 10^-decimals, read from its shortest printed form (the decimal the data
 * stands for); throws when it has more places than that.
 */
export function decimalUnits(x: number, decimals: number): bigint {
  const places = printedDecimals(x);
  if (places > decimals) throw new Error(`${x} has more than ${decimals} decimals`);
  const [mant, exp = '0'] = String(x).split('e');
  const [whole, frac = ''] = mant.split('.');
  const digits = BigInt(whole + frac);
  return digits * 10n ** BigInt(decimals - frac.length + Number(exp));
}
