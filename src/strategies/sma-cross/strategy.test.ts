import { SMA } from 'technicalindicators';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../core/errors.ts';
import { runBacktest } from '../../engine/index.ts';
import { candles } from '../../../test/stubs/candles.ts';
import { MemoryFeed } from '../../../test/stubs/memory-feed.ts';
import {
  CLOSES,
  fillLines,
  H,
  runOnFixture,
  SBER,
  T0,
} from '../../../test/stubs/strategy-fixture.ts';
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

  it('treats an exact tie as a tie: no cross where the float running sum saw one', async () => {
    // After candle 4 SMA2 = 250.045 > SMA3 = 250.04: an up-cross. After candle 5, SMA2 = (250.04 + 250.06) / 2 and SMA3 = (250.05 + 250.04 + 250.06) / 3 are
    // both exactly 250.05; after candle 6 SMA2 = 250.05 > SMA3 = 250.0466…; after candle 7
    // SMA2 = 250.04 < SMA3 = 250.0466…: the next real cross is the down-cross after candle 7.
    const closes = [250.06, 250.05, 250.03, 250.05, 250.04, 250.06, 250.04, 250.04, 250.04];
    // The old arithmetic (a running float sum, as technicalindicators keeps it) makes the tie
    // 250.05 < 250.05000000000004 and so also reports a down-cross after 5 and an up-cross after 6.
    const f = new SMA({ period: 2, values: [] });
    const s = new SMA({ period: 3, values: [] });
    const old = closes.map((x) => [f.nextValue(x) ?? NaN, s.nextValue(x) ?? NaN]);
    expect(old[5]).toEqual([250.05, 250.05000000000004]);
    const oldCrosses = old
      .map(
        ([a, b], t) =>
          (t > 0 && old[t - 1][0] >= old[t - 1][1] && a < b ? `down ${t}` : '') ||
          (t > 0 && old[t - 1][0] <= old[t - 1][1] && a > b ? `up ${t}` : ''),
      )
      .filter((x) => x !== '');
    expect(oldCrosses).toEqual(['up 4', 'down 5', 'up 6', 'down 7']);
    const rows = closes.map((c, i) => [i === 0 ? c : closes[i - 1], c + 0.1, c - 0.1, c]);
    const feed = new MemoryFeed().add(
      { instrumentUid: SBER.uid, interval: '1h' },
      candles(T0, H, rows),
    );
    const params = { fast: 2, slow: 3, lots: 1, short: false };
    const r = await runBacktest({
      strategy: smaCross.create(params),
      strategyName: smaCross.name,
      params: smaCross.parse(params),
      instruments: [SBER],
      interval: '1h',
      range: { from: T0, to: T0 + closes.length * H },
      feed,
      startingCash: 10_000,
    });
    // One round trip, held through the tie (the old sums sold at h6 and bought again at h7).
    expect(fillLines(r)).toEqual(['buy 1@250.04 h5', 'sell 1@250.04 h8']);
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
