/**
 * @module Accrued interest (NKD) of a bond from its coupon schedule: the current coupon times the
 * days elapsed in its period over the period's days, per bond, rounded half away from zero to
 * kopecks, as MOEX states it per bond. Days are whole UTC days from the period's start to the
 * settlement date: MOEX settles bonds T+1, so a trade on day D settles on the next weekday (public
 * holidays are not known here and count as weekdays). That keeps it consistent with the coupon's
 * record date: a buy that settles on the record date is entitled to the coupon and pays nearly all
 * of it as accrued interest; a buy that settles on the coupon date pays none and gets none.
 * A coupon without its period's dates runs from the previous coupon's date (or the placement date)
 * to its own date. Outside every period the accrued interest is 0.
 */
import type { Coupon } from '../../core/instrument-economics.ts';
import { printedDecimal } from '../exact/printed-decimal.ts';
import { roundDivBig } from '../exact/round-div.ts';
import { utcDay } from './clearing-times.ts';

const DAY = 86_400_000;

/** One coupon period of a bond. */
interface Period {
  start: number;
  end: number;
  perBond: number;
}

/** Accrued interest per bond of one bond, by day. */
export class BondAccrual {
  private readonly periods: Period[];
  private day = NaN;
  private value = 0;

  constructor(coupons: readonly Coupon[], placementDate?: number) {
    const sorted = [...coupons].sort((a, b) => a.couponDate - b.couponDate);
    this.periods = [];
    let prev = placementDate;
    for (const c of sorted) {
      const start = c.periodStart ?? prev;
      const end = c.periodEnd ?? c.couponDate;
      prev = c.couponDate;
      if (start === undefined || !(end > start)) continue;
      this.periods.push({ start: utcDay(start), end: utcDay(end), perBond: c.perBond });
    }
  }

  /** Accrued interest of one bond traded at `t` (settling the next weekday). */
  at(t: number): number {
    const trade = utcDay(t);
    if (trade === this.day) return this.value;
    this.day = trade;
    this.value = 0;
    const d = settlementDay(trade);
    for (const p of this.periods) {
      if (d >= p.start && d < p.end) {
        this.value = accrued(p.perBond, (d - p.start) / DAY, (p.end - p.start) / DAY);
        break;
      }
    }
    return this.value;
  }
}

/** The next weekday after the trade day `d` (00:00 UTC): T+1 settlement. */
export function settlementDay(d: number): number {
  let s = d + DAY;
  for (let w = new Date(s).getUTCDay(); w === 0 || w === 6; w = new Date(s).getUTCDay()) s += DAY;
  return s;
}

/** perBond × days / periodDays, rounded half away from zero to kopecks, exactly. */
export function accrued(perBond: number, days: number, periodDays: number): number {
  const { units, places } = printedDecimal(perBond);
  const num = units * BigInt(days) * 100n;
  const den = BigInt(periodDays) * 10n ** BigInt(places);
  return Number(roundDivBig(num, den)) / 100;
}
