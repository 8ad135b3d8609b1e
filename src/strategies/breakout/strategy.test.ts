import { describe, expect, it } from 'vitest';
import { fillLines, runOnFixture } from '../../../test/stubs/strategy-fixture.ts';
import { breakout } from './config.ts';

describe('breakout', () => {
  it('enters on a stop above the channel high and leaves on a stop below the exit channel', async () => {
    const r = await runOnFixture(breakout, { entry: 4, exit: 3 });
    // candles 0-3 high 100.5: buy stop 100.51, hit inside candle 4 (open 100 below it): at the stop.
    // exit stop one tick under the 3-candle low, moved up to 100.49 after candle 7; candle 9 (open 101,
    // low 98.5) trades through it: at the stop. Re-entry at 101.51 in candle 13, exit 100.99 in 17.
    expect(fillLines(r)).toEqual([
      'buy 1@100.51 h4',
      'sell 1@100.49 h9',
      'buy 1@101.51 h13',
      'sell 1@100.99 h17',
    ]);
    expect(r.trades.map((t) => t.pnl)).toEqual([-0.12, -0.62]);
    expect(r.metrics.finalEquity).toBe(9_999.26);
  });

  it('validates its channels', () => {
    expect(() => breakout.parse({ entry: '0' })).toThrow(/entry must be > 0/);
  });
});
