import { describe, expect, it } from 'vitest';
import { DAY, H, MON, flat, hourly, rtsFuture, runScript } from './fixtures.ts';

/**
 * Hand computation (RIH4: step 10 points = 12.3456 rub, so a point is worth 1.23456 rub; GO 15,000
 * per long contract; fee 0.05% of the contract value, rounded half up to kopecks):
 * - buy 2 at 110,000: value 2 × 11,000 ticks × 12.3456 = 271,603.20; fee 135.8016 → 135.80;
 *   cash 100,000 − 135.80 = 99,864.20 (no value leaves cash, only GO 30,000 is blocked).
 * - intraday clearing 11:00 UTC at the 10:00 candle's close 110,350: VM 2 × 35 ticks × 12.3456 =
 *   864.192 → 864.19; cash 100,728.39.
 * - evening clearing 15:50 UTC at the 14:00 candle's close 110,500: marked 2 × 50 × 12.3456 =
 *   1,234.56 over the entry, minus 864.19 paid: 370.37; cash 101,098.76.
 * - sell 2 at 110,450: P&L 2 × 45 × 12.3456 = 1,111.104, of which 1,234.56 was paid: −123.456;
 *   value 272,714.304, fee 136.357152 → 136.36; cash 101,098.76 − 123.456 − 136.36 = 100,838.944.
 * Net: 1,111.104 − 135.80 − 136.36 = 838.944 on 100,000.
 */
describe('futures: GO, variation margin at both clearings, a fee', () => {
  const ri = rtsFuture();
  const prices = [
    [110_000, 110_000, 110_000, 110_000],
    [110_000, 110_100, 110_000, 110_100],
    ...flat([110_200, 110_350, 110_300, 110_250, 110_400, 110_500]),
    [110_500, 110_500, 110_450, 110_450],
    [110_450, 110_450, 110_400, 110_400],
  ];

  it('books a round trip to the kopeck', async () => {
    const { result, cash, equity } = await runScript(
      [{ inst: ri, candles: hourly(MON, prices) }],
      (k, _c, ctx) => {
        if (k === 0) ctx.buy(2);
        if (k === 8) ctx.sell(2);
      },
      { range: { from: MON, to: MON + 10 * H } },
    );
    expect(result.fills.map((f) => [f.side, f.price, f.commission])).toEqual([
      ['buy', 110_000, 135.8],
      ['sell', 110_450, 136.36],
    ]);
    expect(cash[1]).toBe(99_864.2);
    // 08:00 candle closed at 110,100: unsettled VM 2 × 10 × 12.3456 = 246.912
    expect(equity[1]).toBeCloseTo(100_111.112, 6);
    expect(cash[3]).toBe(99_864.2); // the 11:00 clearing runs after the candles closing at 11:00
    expect(cash[4]).toBe(100_728.39);
    expect(cash[7]).toBe(100_728.39);
    expect(cash[8]).toBe(101_098.76);
    expect(cash[9]).toBe(100_838.944);
    expect(result.metrics.finalEquity).toBe(100_838.94);
    expect(result.trades).toHaveLength(1);
    expect(result.trades[0]).toMatchObject({
      side: 'long',
      lots: 2,
      pnl: 838.94,
      commission: 272.16,
    });
    const inc = result.economics?.instruments[0];
    expect(inc).toMatchObject({ kind: 'futures', variationMargin: 1_111.104 });
    expect(result.economics?.marginBlocked).toBe(0);
    expect(result.metrics.commission).toBe(272.16);
  });

  it('refuses an order whose GO exceeds free cash, and sells short without allowShort', async () => {
    const { result } = await runScript(
      [{ inst: ri, candles: hourly(MON, prices) }],
      (k, _c, ctx) => {
        if (k === 0) ctx.buy(7); // GO 105,000 > 100,000
        if (k === 1) ctx.sell(6); // GO 84,000 short: fits
        if (k === 2) ctx.sell(1); // 7 × 14,000 = 98,000: still fits
        if (k === 3) ctx.sell(1); // 8 × 14,000 = 112,000: refused
      },
      { range: { from: MON, to: MON + 10 * H } },
    );
    expect(result.rejections?.byReason).toEqual({ 'insufficient-cash': 2 });
    expect(result.fills.map((f) => [f.side, f.lots])).toEqual([
      ['sell', 6],
      ['sell', 1],
    ]);
    expect(result.openPositions?.[0].lots).toBe(-7);
    expect(result.economics?.marginBlocked).toBe(98_000);
  });
});

describe('futures without a GO read', () => {
  it('still settles variation margin, skips the margin check and says so', async () => {
    const ri = rtsFuture({ margin: undefined });
    const prices = flat([110_000, 110_000, 110_100, 110_200, 110_300]);
    const { result } = await runScript(
      [{ inst: ri, candles: hourly(MON, prices) }],
      (k, _c, ctx) => {
        if (k === 0) ctx.buy(7); // 105,000 of GO were it known
      },
      { range: { from: MON, to: MON + 5 * H } },
    );
    expect(result.rejectedOrders).toBe(0);
    expect(result.fills.map((f) => f.lots)).toEqual([7]);
    expect(result.economics?.marginUnknown).toEqual(['RIH4']);
    expect(result.economics?.marginBlocked).toBe(0);
    // 10:00 candle closed 110,200 at the 11:00 clearing: 7 × 20 ticks × 12.3456 = 1,728.384 → 1,728.38
    expect(result.economics?.instruments[0].variationMargin).toBe(1_728.38);
  });
});

/**
 * Expiry (MXH4-like: step 0.05 points = 0.5 rub; last trading day Tuesday 2024-03-05): long 3 from
 * 3,200.00 on Monday. Monday's clearings: 11:00 at 3,200 (nothing), 15:50 at 3,210.00: 3 × 200
 * ticks × 0.5 = +300. Tuesday 11:00 at 3,191.00: 3 × −380 × 0.5 = −570. The contract expires at
 * Tuesday's 15:50 UTC clearing, at the last trade before it, the 14:00 candle's close 3,190.55:
 * 3 × −9 × 0.5 = −13.50, then it is closed at that same price with nothing left to pay. Fees: 0.05%
 * of 3 × 64,000 ticks × 0.5 = 96,000 → 48.00 on entry, none at expiry. Cash: 100,000 − 48 + 300 −
 * 570 − 13.50 = 99,668.50; the trip: 3 × −189 ticks × 0.5 − 48 = −331.50.
 */
describe('futures expiry', () => {
  const mx = rtsFuture({
    minPriceIncrementAmount: 0.5,
    lastTradeDate: Date.UTC(2024, 2, 5),
    expirationDate: Date.UTC(2024, 2, 5),
    margin: { initialMarginOnBuy: 5_000, initialMarginOnSell: 5_000, readAt: MON },
  });
  const inst = { ...mx, ticker: 'MXH4', uid: 'uid-mxh4', minPriceIncrement: 0.05 };
  const mon = flat([3_200, 3_200, 3_200, 3_200, 3_200, 3_200, 3_200, 3_210, 3_210, 3_215]);
  const tue = flat([3_200, 3_195, 3_192.3, 3_191, 3_190, 3_188, 3_185, 3_190.55, 3_180, 3_170]);
  const series = [...hourly(MON, mon), ...hourly(MON + DAY, tue)];

  it('closes the position at the last price of the last trading day and refuses later orders', async () => {
    const { result } = await runScript(
      [{ inst, candles: series }],
      (k, _c, ctx) => {
        if (k === 0) ctx.buy(3);
        if (k === 18) ctx.buy(1); // Tuesday 16:00, after expiry
      },
      { range: { from: MON, to: MON + DAY + 10 * H } },
    );
    expect(result.fills.map((f) => [f.orderId, f.side, f.lots, f.price, f.commission])).toEqual([
      ['sim-1', 'buy', 3, 3_200, 48],
      ['expiry-MXH4', 'sell', 3, 3_190.55, 0],
    ]);
    expect(result.fills[1].time).toBe(Date.UTC(2024, 2, 5, 15, 50));
    expect(result.rejections?.byReason).toEqual({ 'session-closed': 1 });
    expect(result.openPositions).toEqual([]);
    expect(result.economics?.cash.rub).toBe(99_668.5);
    expect(result.economics?.instruments[0].variationMargin).toBe(-283.5);
    expect(result.metrics.finalEquity).toBe(99_668.5);
    expect(result.trades[0]).toMatchObject({ exitPrice: 3_190.55, pnl: -331.5 });
  });
});
