/**
 * @module Simple moving average, streaming and exact on decimal prices. Each input is read as the
 * decimal it stands for (n / 10^k, k found from the inputs themselves and raised as they need it; see
 * exact/decimal-grid.ts), the window sum is kept over those integers, and the mean is returned as
 * sum / (period · 10^k): one correctly rounded division. So equal exact means return identical
 * numbers, a smaller mean never returns a larger number, and `compare` orders two SMAs exactly even
 * where their means differ by less than a double can show. The sum is a double while it is a safe
 * integer and a BigInt beyond that. An input off every grid (more than 9 decimals, as the real 2024
 * SBER archive's 323.74333333333334, or too large to name its decimal) is kept as a float: while it
 * is in the window the mean is a float sum (ties no longer guaranteed, `exact` is false), and once it
 * has left the window the SMA is exact again.
 */
import { UsageError } from '../../core/errors.ts';
import { decimalsOf, GRID_LIMIT, POW10, scaledAt } from '../exact/decimal-grid.ts';
import { compareRatios, ratioToNumber } from '../exact/exact-ratio.ts';
import type { StreamingIndicator } from './types.ts';

/** Throws a UsageError unless `period` is a whole number >= 1. */
export function checkPeriod(name: string, period: number): void {
  if (!Number.isInteger(period) || period < 1) {
    throw new UsageError(`${name} period ${period} is not a whole number >= 1`, 'pass e.g. 14');
  }
}

/** How the sum of the window's grid inputs is kept. */
const SAFE = 0;
const BIG = 1;

/** SMA of the last `period` inputs; undefined until `period` inputs have arrived. */
export class Sma implements StreamingIndicator<number, number> {
  /** Scaled integers of the window's grid inputs (0 for off-grid ones and before it fills). */
  private readonly ring: Float64Array;
  /** Off-grid inputs by ring slot (NaN for grid ones); allocated at the first one. */
  private raw: Float64Array | undefined;
  /** The exact sum of the ring in safe mode. */
  private sum = 0;
  private big = 0n;
  private mode = SAFE;
  private k = 0;
  private scale = 1;
  /** period · 10^k. */
  private den: number;
  /** Largest |scaled input| seen: a bound on every ring entry. */
  private maxAbs = 0;
  /** Largest maxAbs for which the sum of a full window stays a safe integer. */
  private readonly sumLimit: number;
  /** Off-grid inputs in the window, and their float sum. */
  private offCount = 0;
  private offSum = 0;
  private count = 0;
  private head = 0;
  /** The current value; NaN while warming up. */
  private last = NaN;

  constructor(readonly period: number) {
    checkPeriod('SMA', period);
    this.ring = new Float64Array(period);
    this.den = period;
    this.sumLimit = Math.floor(Number.MAX_SAFE_INTEGER / period);
  }

  /** True when the current value is exact: every input in the window is on a decimal grid. */
  get exact(): boolean {
    return this.offCount === 0;
  }

  /** Decimal places the grid inputs have needed so far. */
  get decimals(): number {
    return this.k;
  }

  nextValue(x: number): number | undefined {
    const n = Math.round(x * this.scale);
    if (
      this.mode !== SAFE ||
      this.offCount !== 0 ||
      n / this.scale !== x ||
      Math.abs(n) > this.maxAbs
    ) {
      return this.slowNext(x);
    }
    const h = this.head;
    const p = this.period;
    // n, the old entry and the new sum are safe integers, so this is exact.
    this.sum += n - this.ring[h];
    this.ring[h] = n;
    this.head = h + 1 === p ? 0 : h + 1;
    if (this.count < p && ++this.count < p) return undefined;
    return (this.last = this.sum / this.den);
  }

  /**
   * Exact sign of this SMA's mean minus `other`'s: -1, 0 or 1; NaN while either is warming up. Exact
   * whenever both values are; otherwise the plain comparison of the two values.
   */
  compare(other: Sma): number {
    const a = this.last;
    const b = other.last;
    // Different doubles are in the order of the exact means (correct rounding is monotone).
    if (a !== b || this.offCount !== 0 || other.offCount !== 0) {
      return a < b ? -1 : a > b ? 1 : a === b ? 0 : NaN;
    }
    if (this.mode === SAFE && other.mode === SAFE) {
      const l = this.sum * other.den;
      const r = other.sum * this.den;
      if (Math.abs(l) < 2 ** 53 && Math.abs(r) < 2 ** 53) return l < r ? -1 : l > r ? 1 : 0;
    }
    return compareRatios(this.exactSum(), this.bigDen(), other.exactSum(), other.bigDen());
  }

  /**
   * Population variance of the window (the mean of squared deviations), NaN while warming up. From
   * exact integer sums with one rounding when exact; a float two-pass sum otherwise.
   */
  variance(): number {
    const p = this.period;
    if (this.count < p) return NaN;
    const r = this.ring;
    if (this.offCount !== 0) {
      const raw = this.raw as Float64Array;
      let ss = 0;
      for (let j = 0; j < p; j++) {
        const at = (this.head + j) % p;
        const d = (raw[at] === raw[at] ? raw[at] : r[at] / this.scale) - this.last;
        ss += d * d;
      }
      return ss / p;
    }
    if (this.mode === SAFE && p * this.maxAbs <= 2 ** 26 && this.den <= 2 ** 26) {
      // p·Σn² and (Σn)² are at most (p·maxAbs)² <= 2^52: exact.
      let q = 0;
      for (let j = 0; j < p; j++) q += r[j] * r[j];
      return (p * q - this.sum * this.sum) / (this.den * this.den);
    }
    let q = 0n;
    for (let j = 0; j < p; j++) q += BigInt(r[j]) ** 2n;
    const s = this.exactSum();
    const d = this.bigDen();
    return ratioToNumber(BigInt(p) * q - s * s, d * d);
  }

  private exactSum(): bigint {
    return this.mode === BIG ? this.big : BigInt(this.sum);
  }

  private bigDen(): bigint {
    return BigInt(this.period) * BigInt(this.scale);
  }

  /** Everything but the common case: new decimals or magnitude, BigInt sums, off-grid inputs. */
  private slowNext(x: number): number | undefined {
    const h = this.head;
    const p = this.period;
    const raw = this.raw;
    if (raw !== undefined && raw[h] === raw[h]) {
      // An off-grid input leaves the window.
      this.offSum -= raw[h];
      raw[h] = NaN;
      if (--this.offCount === 0) this.offSum = 0;
    }
    const on = this.admit(x);
    const n = on ? Math.round(x * this.scale) : 0;
    if (!on) {
      const off = (this.raw ??= new Float64Array(p).fill(NaN));
      off[h] = x;
      this.offCount++;
      this.offSum += x;
    }
    if (this.mode === SAFE) this.sum += n - this.ring[h];
    else this.big += BigInt(n) - BigInt(this.ring[h]);
    this.ring[h] = n;
    this.head = h + 1 === p ? 0 : h + 1;
    if (this.count < p && ++this.count < p) return undefined;
    if (this.offCount !== 0) {
      const grid = this.mode === SAFE ? this.sum : Number(this.big);
      return (this.last = (grid / this.scale + this.offSum) / p);
    }
    return (this.last =
      this.mode === SAFE ? this.sum / this.den : ratioToNumber(this.big, this.bigDen()));
  }

  /** Makes room for `x` on the grid (more decimals, BigInt sums); false when it is off the grid. */
  private admit(x: number): boolean {
    if (scaledAt(x, this.k) !== scaledAt(x, this.k)) {
      const k = decimalsOf(x, this.k + 1);
      if (k < 0 || this.maxAbs * POW10[k - this.k] > GRID_LIMIT) return false;
      this.rescale(k);
    }
    const a = Math.abs(scaledAt(x, this.k));
    if (a > this.maxAbs) this.maxAbs = a;
    if (this.mode === SAFE && this.maxAbs > this.sumLimit) this.toBig();
    return true;
  }

  private rescale(k: number): void {
    const f = POW10[k - this.k];
    const r = this.ring;
    for (let j = 0; j < r.length; j++) r[j] *= f;
    this.maxAbs *= f;
    if (this.mode === BIG) this.big *= BigInt(f);
    else if (this.maxAbs > this.sumLimit) this.toBig();
    else this.sum *= f;
    this.k = k;
    this.scale = POW10[k];
    this.den = this.period * this.scale;
  }

  private toBig(): void {
    let s = 0n;
    for (const n of this.ring) s += BigInt(n);
    this.big = s;
    this.mode = BIG;
  }
}
