/**
 * @module Integer division rounded half away from zero, exact: in doubles while everything is a safe
 * integer, in BigInt otherwise. Money is rounded this way (kopecks of a commission, trip P&L).
 */

/** n / d (d > 0, both safe integers) rounded half away from zero. */
export function roundDiv(n: number, d: number): number {
  if (n < 0) return -roundDiv(-n, d) + 0;
  // floor(n / d) may be off by one when n / d is close to a whole number; the remainder fixes it.
  let q = Math.floor(n / d);
  let r = n - q * d;
  if (r < 0) {
    q--;
    r += d;
  } else if (r >= d) {
    q++;
    r -= d;
  }
  return 2 * r >= d ? q + 1 : q;
}

/** n / d (d > 0) rounded half away from zero, in BigInt. */
export function roundDivBig(n: bigint, d: bigint): bigint {
  if (n < 0n) return -roundDivBig(-n, d);
  return (2n * n + d) / (2n * d);
}
