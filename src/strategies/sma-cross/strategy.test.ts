import { describe, expect, it } from 'vitest';
import { UsageError } from '../../core/errors.ts';
import { CLOSES, fillLines, runOnFixture } from '../../../test/stubs/strategy-fixture.ts';
import { smaCross } from './config.ts';

/** The rule, written out independently: indices t where SMA(fast) crosses SMA(slow) up or down. */
function crosses(fast: number, slow: number): { up: number[]; down: number[] } {
  const sma = (n: number, t: number) =>
    t < n - 1 ? NaN : CLOSES.slice(t - n + 1, t + 1).reduce((a, b) => a + b, 0) / n;
  const up: number[] = [];
  const down: number[] = [];
  for (let t = 1; t < CLOSES.length; t++) {
    const [pf, ps, f, s] = [sma(fast, t - 1), sma(slow, t - 1), sma(fast, t), sma(slow, t)];
    if (pf <= ps && f > s) up.push(t);
    if (pf >= ps && f < s) down.push(t);
  }
  return { up, down };
}

describe('sma-cross', () => {
  it('buys on the up-cross and closes on the down-cross, filled at the next open', async () => {
    // SMA2/SMA4 cross up after candles 4 and 12, down after 8 and 16 (see crosses()).
    expect(crosses(2, 4)).toEqual({ up: [4, 12], down: [8, 16] });
    const r = await runOnFixture(smaCross, { fast: 2, slow: 4 });
    expect(fillLines(r)).toEqual([
      'buy 1@101 h5',
      'sell 1@101 h9',
      'buy 1@100.5 h13',
      'sell 1@101.5 h17',
    ]);
    // trip 1: 101 → 101, fees 0.05 + 0.05: -0.10; trip 2: 100.5 → 101.5: 1 - 0.10 = 0.90
    expect(r.trades.map((t) => t.pnl)).toEqual([-0.1, 0.9]);
    expect(r.metrics.commission).toBe(0.2);
    expect(r.metrics.finalEquity).toBe(10_000.8);
  });

  it('with short=true reverses on each cross and holds the last short', async () => {
    const r = await runOnFixture(smaCross, { fast: 2, slow: 4, short: true }, true);
    expect(fillLines(r)).toEqual([
      'buy 1@101 h5',
      'sell 2@101 h9',
      'buy 2@100.5 h13',
      'sell 2@101.5 h17',
    ]);
    // short 101 → 100.5: 0.5 - (0.05 + 0.05) = 0.40; open short 101.5, last close 98.5: +3, entry fee 0.05
    expect(r.trades.map((t) => [t.side, t.pnl])).toEqual([
      ['long', -0.1],
      ['short', 0.4],
      ['long', 0.9],
    ]);
    expect(r.metrics.finalEquity).toBe(10_004.15);
  });

  it('validates its parameters', () => {
    expect(smaCross.parse({ fast: '3', slow: '7', short: 'true' })).toEqual({
      fast: 3,
      slow: 7,
      lots: 1,
      short: true,
    });
    expect(() => smaCross.parse({ fast: '30', slow: '10' })).toThrow(
      /fast must be smaller than slow/,
    );
    expect(() => smaCross.parse({ fast: 0 })).toThrow(UsageError);
    expect(() => smaCross.parse({ lots: '1.5' })).toThrow(/lots must be a whole number/);
    expect(() => smaCross.parse({ fats: '3' })).toThrow(/sma-cross has no parameter 'fats'/);
    expect(() => smaCross.parse({ fast: 'ten' })).toThrow(/is not a number/);
  });
});
