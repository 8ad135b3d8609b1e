import { describe, expect, it } from 'vitest';
import type { Instrument } from '../../../src/core/instrument.ts';
import type { BondSpec, Coupon } from '../../../src/core/instrument-economics.ts';
import { accrued, settlementDay } from '../../../src/engine/economics/accrued-interest.ts';
import { instrument } from '../../stubs/candles.ts';
import { DAY, H, MON, flat, hourly, runScript } from './fixtures.ts';

/** An OFZ-like bond: nominal 1,000 rub, price step 0.01% (0.10 rub), 36.40 a half-year. */
function ofz(bond: Partial<BondSpec> = {}): Instrument {
  return instrument({
    ticker: 'SU26238',
    kind: 'bond',
    classCode: 'TQOB',
    minPriceIncrement: 0.01,
    bond: {
      nominal: 1_000,
      nominalCurrency: 'rub',
      maturityDate: Date.UTC(2041, 4, 15),
      couponsPerYear: 2,
      floatingCoupon: false,
      amortization: false,
      perpetual: false,
      ...bond,
    },
  });
}

function coupons(uid: string): Coupon[] {
  return [
    {
      instrumentUid: uid,
      number: 1,
      couponDate: Date.UTC(2024, 2, 6),
      fixDate: Date.UTC(2024, 2, 5),
      perBond: 36.4,
      periodStart: Date.UTC(2023, 8, 6),
      periodEnd: Date.UTC(2024, 2, 6),
    },
    // No period dates: it runs from the previous coupon's date to its own.
    { instrumentUid: uid, number: 2, couponDate: Date.UTC(2024, 8, 4), perBond: 36.4 },
  ];
}

const days = (prices: number[]) => flat(prices);

/**
 * Hand computation: 10 bonds bought Monday 2024-03-04 at 98.50% are 10 × 9,850 ticks × 0.10 =
 * 9,850.00, fee 0.05% = 4.925 → 4.93. They settle Tuesday (T+1): accrued interest for 181 of the
 * period's 182 days of 36.40 (0.20 a day) = 36.20 per bond, 362.00 paid. Cash 100,000 − 9,850 −
 * 4.93 − 362 = 89,783.07. Held at the close before the fix date (Tuesday) they earn the coupon paid
 * Wednesday: 364.00 → 90,147.07. Sold Thursday at 98.60%, settling Friday: 9,860.00 plus 2 days of
 * the next period (0.40 per bond, 4.00), fee 4.93: 90,147.07 + 9,860 + 4 − 4.93 = 100,006.14.
 */
describe('bonds', () => {
  it('accrues interest as MOEX states it per bond, to the kopeck', () => {
    expect(accrued(36.4, 180, 182)).toBe(36);
    expect(accrued(36.4, 1, 182)).toBe(0.2);
    expect(accrued(37.15, 100, 182)).toBe(20.41); // 20.4120879…
    expect(accrued(37.15, 49, 182)).toBe(10); // 10.0019…
    // T+1: Friday's trade settles on Monday, Thursday's on Friday
    expect(settlementDay(Date.UTC(2024, 2, 8))).toBe(Date.UTC(2024, 2, 11));
    expect(settlementDay(Date.UTC(2024, 2, 7))).toBe(Date.UTC(2024, 2, 8));
  });

  it('buys between coupons with accrued interest, is paid the coupon, sells with accrued interest', async () => {
    const bond = ofz();
    const price = (p: number) => days(Array(10).fill(p));
    const series = [
      ...hourly(MON, price(98.5)),
      ...hourly(MON + DAY, price(98.55)),
      ...hourly(MON + 2 * DAY, price(98.6)),
      ...hourly(MON + 3 * DAY, price(98.6)),
    ];
    const { result, cash } = await runScript(
      [{ inst: bond, candles: series }],
      (k, _c, ctx) => {
        if (k === 0) ctx.buy(10);
        if (k === 29) ctx.sell(10); // Wednesday's last close; fills Thursday 07:00
      },
      {
        range: { from: MON, to: MON + 3 * DAY + 10 * H },
        economics: { coupons: coupons(bond.uid) },
      },
    );
    expect(result.fills.map((f) => [f.side, f.price, f.commission])).toEqual([
      ['buy', 98.5, 4.93],
      ['sell', 98.6, 4.93],
    ]);
    expect(cash[1]).toBe(89_783.07);
    expect(cash[19]).toBe(89_783.07); // fixed on Tuesday, not yet paid
    expect(cash[20]).toBe(90_147.07); // paid Wednesday
    expect(cash[39]).toBe(100_006.14);
    expect(result.economics?.instruments[0]).toMatchObject({
      coupons: 364,
      accruedInterest: -358,
    });
    // the price P&L of 0.10% on 10 bonds is 10.00, less 9.86 of fees
    expect(result.trades[0]).toMatchObject({ pnl: 0.14, entryPrice: 98.5, exitPrice: 98.6 });
    expect(result.metrics.finalEquity).toBe(100_006.14);
    // total-return benchmark: bought at 985.00 + 36.20 accrued a bond, paid the coupon, marked at
    // 986.00 + 0.40 accrued on Thursday (settling Friday)
    const units = 100_000 / (985 + 36.2);
    expect(result.benchmark.finalEquity).toBeCloseTo(units * (986 + 0.4 + 36.4), 2);
  });

  /**
   * Redemption: 10 bonds bought Monday at 99.90% (9,990.00, fee 4.995 → 5.00, accrued 362.00),
   * the last coupon 364.00 and the nominal 10,000.00 on the maturity date, Wednesday:
   * 100,000 − 9,990 − 5 − 362 + 364 + 10,000 = 100,007.00.
   */
  it('redeems at nominal on the maturity date and fills nothing after it', async () => {
    const bond = ofz({ maturityDate: Date.UTC(2024, 2, 6) });
    const series = [
      ...hourly(MON, days(Array(10).fill(99.9))),
      ...hourly(MON + DAY, days(Array(10).fill(99.95))),
      ...hourly(MON + 2 * DAY, days(Array(10).fill(99.95))),
    ];
    const { result } = await runScript(
      [{ inst: bond, candles: series }],
      (k, _c, ctx) => {
        if (k === 0) ctx.buy(10);
        if (k === 20) ctx.buy(1);
      },
      {
        range: { from: MON, to: MON + 2 * DAY + 10 * H },
        economics: { coupons: coupons(bond.uid).slice(0, 1) },
      },
    );
    expect(result.fills.map((f) => [f.orderId, f.side, f.lots, f.price])).toEqual([
      ['sim-1', 'buy', 10, 99.9],
      ['redemption-SU26238', 'sell', 10, 100],
    ]);
    expect(result.fills[1].time).toBe(Date.UTC(2024, 2, 6));
    expect(result.rejections?.byReason).toEqual({ 'session-closed': 1 });
    expect(result.economics?.cash.rub).toBe(100_007);
    expect(result.trades[0]).toMatchObject({ exitPrice: 100, pnl: 5 });
  });
});
