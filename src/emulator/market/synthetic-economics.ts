/**
 * @module What the synthetic market's instruments pay and cost beyond their price: dividends of
 * the shares (the real 2023-2025 amounts and record dates of SBER, LKOH, VTBR, ROSN and MOEX; GAZP
 * paid none then), coupons of the bonds (fixed-length periods counted back from maturity for the
 * OFZ, forward from placement for the corporate bond, the first period of an OFZ prorated), accrued
 * interest between coupons, and the futures' initial margins. Served by GetDividends,
 * GetBondCoupons, GetAccruedInterests and GetFuturesMargin.
 */
import type { Instrument } from '../../core/instrument.ts';
import type { AccruedInterest, Coupon, Dividend } from '../../core/instrument-economics.ts';
import { CORPORATE_BOND, OFZ_26238 } from './catalog-kinds.ts';
import { FUTURES_MARGINS } from './catalog-futures.ts';

const DAY = 86_400_000;
const D = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d);
const cents = (x: number) => Math.round(x * 100) / 100;

/** The weekday before `t` (a record date's last buy day under T+1; no holidays modelled). */
function weekdayBefore(t: number): number {
  let x = t - DAY;
  while ([0, 6].includes(new Date(x).getUTCDay())) x -= DAY;
  return x;
}

function dividend(
  instrumentUid: string,
  record: number,
  perShare: number,
  paymentDays = 10,
): Dividend {
  return {
    instrumentUid,
    recordDate: record,
    lastBuyDate: weekdayBefore(record),
    paymentDate: record + paymentDays * DAY,
    perShare,
    currency: 'rub',
  };
}

const SBER = 'e6123145-9665-43e0-8413-cd61b8aa9b13';
const VTBR = '8e2b0325-0292-4654-8a18-4f63ed3b0e09';
const ROSN = 'fd417230-19cf-4e7b-9623-f7c9ca18ec6b';
const LKOH = '02cfdf61-6298-4c0f-a9ca-9cabc82afaf3';
const MOEX = '5e1c2634-afc4-4e50-ad6d-f78fc14a539a';

const DIVIDENDS: readonly Dividend[] = [
  dividend(SBER, D(2023, 5, 11), 25),
  dividend(SBER, D(2024, 7, 11), 33.3),
  dividend(SBER, D(2025, 7, 18), 34.84),
  dividend(VTBR, D(2024, 7, 11), 25.58),
  dividend(ROSN, D(2023, 7, 9), 17.11),
  dividend(ROSN, D(2024, 7, 8), 29.85),
  dividend(LKOH, D(2023, 12, 19), 447),
  dividend(LKOH, D(2024, 6, 3), 498),
  dividend(MOEX, D(2023, 5, 12), 4.84),
  dividend(MOEX, D(2024, 5, 14), 17.35),
];

/** Coupons with periods of `periodDays`, given their dates; the first period starts at placement. */
function coupons(i: Instrument, dates: number[], periodDays: number, rate: number): Coupon[] {
  const nominal = i.bond!.nominal;
  const placement = i.bond!.placementDate!;
  return dates.map((date, k) => {
    const start = k === 0 ? placement : dates[k - 1];
    const days = Math.round((date - start) / DAY);
    // A full period pays nominal × rate × period / 365, rounded to kopecks; a short first one pro rata.
    const perBond = cents((nominal * rate * (days === periodDays ? periodDays : days)) / 365);
    return {
      instrumentUid: i.uid,
      couponDate: date,
      fixDate: weekdayBefore(date),
      number: k + 1,
      perBond,
      periodStart: start,
      periodEnd: date,
    };
  });
}

function ofzDates(): number[] {
  const out: number[] = [];
  for (let t = OFZ_26238.bond!.maturityDate!; t > OFZ_26238.bond!.placementDate!; t -= 182 * DAY)
    out.unshift(t);
  return out;
}

function corporateDates(): number[] {
  const out: number[] = [];
  const end = CORPORATE_BOND.bond!.maturityDate!;
  for (let t = CORPORATE_BOND.bond!.placementDate! + 91 * DAY; t <= end; t += 91 * DAY) out.push(t);
  return out;
}

const COUPONS = new Map<string, Coupon[]>([
  [OFZ_26238.uid, coupons(OFZ_26238, ofzDates(), 182, 0.071)],
  [CORPORATE_BOND.uid, coupons(CORPORATE_BOND, corporateDates(), 91, 0.117)],
]);

/** The synthetic universe's events, by instrument uid. */
export const syntheticEconomics = {
  /** Dividends of a share, oldest first. */
  dividends(uid: string): Dividend[] {
    return DIVIDENDS.filter((d) => d.instrumentUid === uid).sort(
      (a, b) => a.recordDate - b.recordDate,
    );
  },
  /** Coupons of a bond, oldest first. */
  coupons(uid: string): Coupon[] {
    return [...(COUPONS.get(uid) ?? [])];
  },
  /** Initial margin per contract of a future. */
  margin(uid: string): { onBuy: number; onSell: number } | undefined {
    return FUTURES_MARGINS.get(uid);
  },
  /**
   * Accrued interest per bond at `t`: the running coupon times the share of its period elapsed
   * (whole days), rounded to kopecks; 0 outside every coupon period.
   */
  accruedInterest(uid: string, nominal: number, t: number): AccruedInterest {
    const c = COUPONS.get(uid)?.find((x) => x.periodStart! <= t && t < x.couponDate);
    const elapsed = c ? Math.floor((t - c.periodStart!) / DAY) : 0;
    const value = c
      ? cents((c.perBond * elapsed) / Math.round((c.couponDate - c.periodStart!) / DAY))
      : 0;
    return { date: t, value, valuePercent: Number(((value / nominal) * 100).toFixed(6)), nominal };
  },
};

/** The shape of {@link syntheticEconomics}, the port the emulator's rpcs read. */
export type InstrumentEvents = typeof syntheticEconomics;
