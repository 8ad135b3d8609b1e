import { describe, expect, it } from 'vitest';
import { RSI } from 'technicalindicators';
import { CLOSES, fillLines, runOnFixture } from '../../../test/stubs/strategy-fixture.ts';
import { rsiReversion } from './config.ts';

describe('rsi-reversion', () => {
  it('buys below oversold and closes above exit, at the next open', async () => {
    // RSI(3) of the fixture closes, aligned so rsi[t] belongs to candle t (undefined before t = 3)
    const rsi = [undefined, undefined, undefined, ...RSI.calculate({ period: 3, values: CLOSES })];
    const below = rsi.flatMap((v, t) => (v !== undefined && v < 35 ? [t] : []));
    expect(below[0]).toBe(8); // first oversold close: candle 8 → buy at candle 9's open, 101
    const r = await runOnFixture(rsiReversion, {
      period: 3,
      oversold: 35,
      exit: 55,
      overbought: 80,
    });
    expect(fillLines(r)).toEqual(['buy 1@101 h9', 'sell 1@100.5 h13', 'buy 1@100 h18']);
    expect(r.trades.map((t) => t.pnl)).toEqual([-0.6]); // 100.5 - 101 - 0.10
    expect(r.openPositions?.[0]).toMatchObject({ lots: 1, averagePrice: 100, lastPrice: 98.5 });
    expect(r.metrics.finalEquity).toBe(9_997.85); // 10000 - 0.6 - 0.05 + (98.5 - 100)
  });

  it('validates the level order', () => {
    expect(() => rsiReversion.parse({ oversold: '60' })).toThrow(/oversold < exit < overbought/);
    expect(() => rsiReversion.parse({ period: '1' })).toThrow(/period must be >= 2/);
  });
});
