import { describe, expect, it } from 'vitest';
import type { Dividend } from '../../../src/core/instrument-economics.ts';
import { runBacktest } from '../../../src/engine/index.ts';
import { instrument, randomWalk } from '../../stubs/candles.ts';
import { MemoryFeed } from '../../stubs/memory-feed.ts';
import { ScriptedStrategy } from '../../stubs/scripted-strategy.ts';
import { DAY, H, flat, hourly, runScript } from './fixtures.ts';

const WED = Date.UTC(2024, 6, 10, 7); // Wednesday 2024-07-10 07:00 UTC
const sber = instrument({ ticker: 'SBER', lot: 10 });
/** SBER's 2024 dividend: 33.30 per share, record date Thursday 2024-07-11. */
const dividend: Dividend = {
  instrumentUid: sber.uid,
  recordDate: Date.UTC(2024, 6, 11),
  paymentDate: Date.UTC(2024, 6, 25),
  perShare: 33.3,
  currency: 'rub',
};
// Wednesday flat at 300.00; Thursday opens ex-dividend at 267.00.
const series = [
  ...hourly(WED, flat(Array(10).fill(300))),
  ...hourly(WED + DAY, flat(Array(10).fill(267))),
];
const range = { from: WED, to: WED + DAY + 10 * H };

/**
 * Hand computation: 2 lots = 20 shares at 300.00 is 6,000.00, fee 0.05% = 3.00. Held at Wednesday's
 * close (the record date's T-1 under T+1), they earn 20 × 33.30 = 666.00; a long keeps it net of
 * 13% tax (86.58): 579.42. A short of the same size pays the gross 666.00.
 */
describe('dividends under T+1', () => {
  it('pays a held long net of the 13% default tax', async () => {
    const { result, cash } = await runScript(
      [{ inst: sber, candles: series }],
      (k, _c, ctx) => {
        if (k === 0) ctx.buy(2);
      },
      { range, economics: { dividends: [dividend] } },
    );
    expect(cash[9]).toBe(93_997); // Wednesday's last close: bought, not yet paid
    expect(cash[10]).toBe(94_576.42); // 93,997 + 579.42
    expect(result.economics?.instruments[0]).toMatchObject({ dividends: 666, dividendTax: 86.58 });
    // equity over the gap: 94,576.42 + 20 × 267 = 99,916.42
    expect(result.metrics.finalEquity).toBe(99_916.42);
    // total-return benchmark: 100,000 / 300 shares at 267 plus 33.30 × 0.87 each
    expect(result.benchmark.finalEquity).toBeCloseTo((100_000 / 300) * (267 + 33.3 * 0.87), 2);
    expect(result.economics?.benchmark).toBe('total-return');
    expect(result.fingerprint.models.economics).toMatchObject({ dividendTax: 0.13 });
  });

  it('charges a short the gross dividend, and pays nothing to a buy on the record date', async () => {
    const { result, cash } = await runScript(
      [{ inst: sber, candles: series }],
      (k, _c, ctx) => {
        if (k === 0) ctx.sell(2);
        if (k === 9) ctx.buy(4); // fills Thursday 07:00: 2 lots long after the record date's T-1
      },
      { range, allowShort: true, economics: { dividends: [dividend], dividendTax: 0.3 } },
    );
    expect(cash[9]).toBe(105_997); // 100,000 + 6,000 − 3
    // Thursday: −666.00 gross, then buy 4 lots at 267: −10,680 − 5.34
    expect(cash[10]).toBe(94_645.66); // 105,997 − 666 − 10,680 − 5.34
    expect(result.economics?.instruments[0]).toMatchObject({ dividends: -666, dividendTax: 0 });
  });

  it('takes the entitlement at the end of lastBuyDate when the API gives it', async () => {
    // last buy day Tuesday: Wednesday's buy is too late
    const early = { ...dividend, lastBuyDate: Date.UTC(2024, 6, 9) };
    const { result, cash } = await runScript(
      [{ inst: sber, candles: series }],
      (k, _c, ctx) => {
        if (k === 0) ctx.buy(2);
      },
      { range: { from: WED - DAY, to: range.to }, economics: { dividends: [early] } },
    );
    expect(cash[10]).toBe(93_997);
    expect(result.economics?.instruments[0].dividends).toBe(0);
  });

  it('pays the gross amount with a zero tax rate', async () => {
    const { cash } = await runScript(
      [{ inst: sber, candles: series }],
      (k, _c, ctx) => {
        if (k === 0) ctx.buy(2);
      },
      { range, economics: { dividends: [dividend], dividendTax: 0 } },
    );
    expect(cash[10]).toBe(93_997 + 666);
  });

  it('leaves a share run without a dividend in its range exactly as it was', async () => {
    const t0 = Date.UTC(2024, 0, 9, 7);
    const walk = randomWalk({ seed: 3, count: 3_000, start: t0, interval: '1m' });
    const run = (economics?: { dividends: Dividend[] }) =>
      runBacktest({
        strategy: new ScriptedStrategy((k, _c, ctx) => {
          if (k % 97 === 0) ctx.targetPosition(ctx.positionLots() === 0 ? 3 : 0);
        }),
        strategyName: 'scripted',
        instruments: [sber],
        interval: '1m',
        range: { from: t0, to: t0 + 3_000 * 60_000 },
        feed: new MemoryFeed().add({ instrumentUid: sber.uid, interval: '1m' }, walk),
        ...(economics === undefined ? {} : { economics }),
      });
    const plain = await run();
    const outside = await run({ dividends: [{ ...dividend, recordDate: Date.UTC(2024, 6, 11) }] });
    expect(plain.economics).toBeUndefined();
    expect(outside).toEqual(plain);
    expect(plain.fills.length).toBeGreaterThan(10);
  });
});
