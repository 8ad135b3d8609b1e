/**
 * @module An exact running total of money amounts. Every amount is taken as the decimal it stands
 * for (on a decimal grid of up to 9 places, see exact/decimal-grid.ts; anything else as the decimal
 * it prints as), and the total is kept as an integer count of 10^-k, k growing as the amounts need:
 * a double while it is a safe integer, a BigInt beyond that. So a million fills add up to exactly
 * the sum of their cash flows; `value` is that sum, correctly rounded to a double.
 */
import { decimalsOf, POW10, scaledAt } from '../exact/decimal-grid.ts';
import { ratioToNumber } from '../exact/exact-ratio.ts';
import { printedDecimal } from '../exact/printed-decimal.ts';
import { roundDiv, roundDivBig } from '../exact/round-div.ts';

const SAFE = Number.MAX_SAFE_INTEGER;

function pow10(k: number): bigint {
  return 10n ** BigInt(k);
}

/** An exact sum of decimal amounts. */
export class Ledger {
  /** The current total, correctly rounded. */
  value = 0;
  private k = 0;
  /** The total in units of 10^-k while a safe integer (`big` undefined). */
  private n = 0;
  private big: bigint | undefined;

  constructor(start = 0) {
    if (start !== 0) this.addTimes(1, start);
  }

  /** Decimal places the total is kept in. */
  get places(): number {
    return this.k;
  }

  /** Adds `x`. */
  add(x: number): void {
    this.addTimes(1, x);
  }

  /** Adds q · x exactly (q a whole number, e.g. signed units times a price). */
  addTimes(q: number, x: number): void {
    let m = scaledAt(x, this.k);
    if (m !== m) {
      const k = decimalsOf(x, this.k + 1);
      if (k < 0) {
        if (!Number.isFinite(x)) throw new RangeError(`money amount ${x} is not finite`);
        const { units, places } = printedDecimal(x);
        this.addUnits(BigInt(q) * units, places);
        return;
      }
      this.rescale(k);
      m = scaledAt(x, k);
    }
    const t = q * m;
    if (this.big === undefined && Math.abs(t) <= SAFE && Math.abs(this.n + t) <= SAFE) {
      this.n += t;
      this.value = this.n / POW10[this.k];
      return;
    }
    this.addUnits(BigInt(q) * BigInt(m), this.k);
  }

  /** The total rounded half away from zero to `places` decimals (never -0). */
  rounded(places = 2): number {
    if (places >= this.k) return this.value + 0;
    if (this.big === undefined) {
      return roundDiv(this.n, POW10[this.k - places]) / POW10[places] + 0;
    }
    return ratioToNumber(roundDivBig(this.big, pow10(this.k - places)), pow10(places)) + 0;
  }

  /**
   * Moves total · part / whole (0 < part <= whole), rounded half away from zero to this ledger's
   * places, out of this ledger and, times `sign`, into `to`: what a partial close takes out of a
   * cost basis, so the parts taken add up to the whole exactly.
   */
  moveShare(part: number, whole: number, to: Ledger, sign: number): void {
    let u: bigint;
    if (part === whole) u = this.units();
    else if (this.big === undefined && Math.abs(this.n * part) <= SAFE) {
      u = BigInt(roundDiv(this.n * part, whole));
    } else u = roundDivBig(this.units() * BigInt(part), BigInt(whole));
    to.addUnits(BigInt(sign) * u, this.k);
    this.addUnits(-u, this.k);
  }

  /** The total / divisor (a whole number > 0), correctly rounded: e.g. a cost basis per unit. */
  per(divisor: number): number {
    if (this.big === undefined && Math.abs(divisor * POW10[this.k]) <= SAFE) {
      return this.n / (divisor * POW10[this.k]);
    }
    return ratioToNumber(this.units(), BigInt(divisor) * pow10(this.k));
  }

  /** Adds `sign` (+1 or -1) times another ledger's total, exactly. */
  addLedger(other: Ledger, sign: number): void {
    const u = other.units();
    if (u !== 0n) this.addUnits(sign < 0 ? -u : u, other.k);
  }

  /** The total, exactly: units / 10^places. */
  exact(): { units: bigint; places: number } {
    return { units: this.units(), places: this.k };
  }

  private units(): bigint {
    return this.big ?? BigInt(this.n);
  }

  /** Adds u · 10^-k exactly (u a BigInt count of 10^-k). */
  addUnits(u: bigint, k: number): void {
    if (k > this.k) this.rescale(k);
    const t = k === this.k ? u : u * pow10(this.k - k);
    if (this.big === undefined) {
      const s = this.n + Number(t);
      if (t >= -SAFE && t <= SAFE && Math.abs(s) <= SAFE) {
        this.n = s;
        this.value = this.n / POW10[this.k];
        return;
      }
      this.big = BigInt(this.n);
    }
    this.big += t;
    this.value = ratioToNumber(this.big, pow10(this.k));
  }

  private rescale(k: number): void {
    const f = k - this.k;
    if (this.big === undefined && k <= 18 && Math.abs(this.n * POW10[f]) <= SAFE) {
      this.n *= POW10[f];
    } else {
      this.big = (this.big ?? BigInt(this.n)) * pow10(f);
    }
    this.k = k;
  }
}
