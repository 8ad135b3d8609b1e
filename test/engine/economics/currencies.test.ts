import { describe, expect, it } from 'vitest';
import { instrument } from '../../stubs/candles.ts';
import { H, MON, flat, hourly, runScript } from './fixtures.ts';

/** USD/RUB tomorrow: 1,000 dollars a lot, quoted in roubles to 0.0025. */
const usdrub = instrument({
  ticker: 'USD000UTSTOM',
  kind: 'currency',
  classCode: 'CETS',
  lot: 1_000,
  minPriceIncrement: 0.0025,
  currencyPair: { isoCurrencyName: 'usd', nominal: 1 },
});
/** A share quoted in dollars. */
const xusd = instrument({ ticker: 'XUSD', currency: 'usd', classCode: 'SPBXM' });

const range = { from: MON, to: MON + 6 * H };
const usd = hourly(MON, flat([90, 90, 90.5, 90.5, 91, 91]));
const x = hourly(MON, flat([150, 150, 150, 155, 160, 160]));

/**
 * Hand computation: 1 lot of USD000UTSTOM at 90.0000 costs 90,000.00 rub, fee 45.00: rub cash
 * 9,955.00, and 1,000 usd held as that position. 5 XUSD at 150.00 cost 750.00 usd, fee 0.375 → 0.38
 * usd: usd cash −750.38, covered by the 1,000 held. At the end (USD 91.0000, XUSD 160.00), equity in
 * roubles is 9,955 + 1,000 × 91 + (−750.38 + 5 × 160) × 91 = 9,955 + 91,000 + 4,515.42 = 105,470.42.
 */
describe('a run in a second currency', () => {
  it('keeps cash per currency and states equity in roubles at the last rate', async () => {
    const { result } = await runScript(
      [
        { inst: usdrub, candles: usd },
        { inst: xusd, candles: x },
      ],
      (_k, c, ctx) => {
        if (c.ticker === 'XUSD' && c.time === MON) ctx.buy(5, { instrument: 'XUSD' }); // no usd yet
        if (c.ticker === 'USD000UTSTOM' && c.time === MON) ctx.buy(1);
        if (c.ticker === 'XUSD' && c.time === MON + H) ctx.buy(5, { instrument: 'XUSD' });
        if (c.ticker === 'XUSD' && c.time === MON + 3 * H) ctx.sell(1); // would leave a usd debt
      },
      { range },
    );
    expect(
      result.fills.map((f) => [f.instrumentUid, f.side, f.lots, f.price, f.commission]),
    ).toEqual([
      [usdrub.uid, 'buy', 1, 90, 45],
      [xusd.uid, 'buy', 5, 150, 0.38],
    ]);
    expect(result.rejections?.byReason).toEqual({ 'insufficient-cash': 2 });
    expect(result.currency).toBe('rub');
    expect(result.economics?.cash).toEqual({ rub: 9_955, usd: -750.38 });
    expect(result.metrics.finalEquity).toBe(105_470.42);
    expect(result.economics?.instruments[1]).toMatchObject({ currency: 'usd', kind: 'plain' });
  });

  it('refuses instruments in a currency the run cannot convert, naming the fix', async () => {
    const run = runScript(
      [
        { inst: xusd, candles: x },
        { inst: instrument({ ticker: 'SBER' }), candles: x },
      ],
      () => {},
      { range },
    );
    await expect(run).rejects.toThrow('instruments trade in several currencies (usd, rub)');
    const cny = {
      ...usdrub,
      uid: 'uid-cny',
      ticker: 'CNYRUB_TOM',
      currencyPair: { isoCurrencyName: 'cny', nominal: 1 },
    };
    const wrong = runScript(
      [
        { inst: cny, candles: usd },
        { inst: xusd, candles: x },
      ],
      () => {},
      { range },
    );
    await expect(wrong).rejects.toThrow(
      'the run holds usd but has no currency instrument that prices usd in its base currency',
    );
  });
});
