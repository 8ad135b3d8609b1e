/**
 * @module The look-ahead and warm-up checks flag a strategy that peeks at the future and one whose
 * decisions depend on all the history it was given, and pass the shipped strategies.
 */
import { describe, expect, it } from 'vitest';
import {
  runBacktest,
  type CandleEvent,
  type Strategy,
  type StrategyContext,
} from '../../src/engine/index.ts';
import {
  lookaheadCheck,
  registeredRun,
  warmupCheck,
  type DecisionRun,
} from '../../src/research/lookahead.ts';
import { instrument, randomWalk } from '../stubs/candles.ts';
import { MemoryFeed } from '../stubs/memory-feed.ts';

const H = 3_600_000;
const T0 = Date.UTC(2024, 0, 1);
const N = 1500;
const sber = instrument({ ticker: 'SBER' });
const walk = randomWalk({ seed: 21, count: N, start: T0, interval: '1h', vol: 0.01 });
const feed = new MemoryFeed().add({ instrumentUid: sber.uid, interval: '1h' }, walk);
const range = { from: T0 + 200 * H, to: T0 + N * H };
const cuts = [T0 + 500 * H, T0 + 900 * H, T0 + 1200 * H];

/** Trades on closes against the mean close of the range it is given: the future leaks in. */
class Peeking implements Strategy {
  constructor(private readonly mean: number) {}
  onCandle(c: CandleEvent, ctx: StrategyContext): void {
    const held = ctx.positionLots();
    if (held === 0 && c.close < this.mean) ctx.buy(1);
    else if (held > 0 && c.close > this.mean) ctx.sell(held);
  }
}

/** Trades against the mean of every close it has seen: its decisions depend on all the history. */
class Cumulative implements Strategy {
  private sum = 0;
  private n = 0;
  onCandle(c: CandleEvent, ctx: StrategyContext): void {
    this.sum += c.close;
    this.n++;
    const mean = this.sum / this.n;
    const held = ctx.positionLots();
    if (held === 0 && c.close < mean * 0.995) ctx.buy(1);
    else if (held > 0 && c.close > mean * 1.005) ctx.sell(held);
  }
}

function runOf(make: (r: { from: number; to: number }) => Strategy): DecisionRun {
  return (r, wrapBroker) =>
    runBacktest({
      strategy: make(r),
      strategyName: 'test',
      instruments: [sber],
      interval: '1h',
      range: r,
      feed,
      recordEquity: false,
      wrapBroker,
    });
}

function meanClose(r: { from: number; to: number }): number {
  let s = 0;
  let n = 0;
  for (let i = 0; i < walk.length; i++) {
    if (walk.time[i] >= r.from && walk.time[i] < r.to) {
      s += walk.close[i];
      n++;
    }
  }
  return s / n;
}

describe('look-ahead check', () => {
  it('flags a strategy that peeks at the rest of the range, with the time of the first change', async () => {
    const r = await lookaheadCheck(
      runOf((rr) => new Peeking(meanClose(rr))),
      range,
      cuts,
    );
    expect(r.clean).toBe(false);
    const hit = r.rows.find((x) => x.difference !== null);
    expect(hit?.difference?.time).toBeGreaterThanOrEqual(range.from);
    expect(hit?.difference?.time).toBeLessThan(hit?.at as number);
  });

  it('passes a strategy that only uses the past', async () => {
    const r = await lookaheadCheck(
      runOf(() => new Cumulative()),
      range,
      cuts,
    );
    expect(r.decisions).toBeGreaterThan(5);
    expect(r.clean).toBe(true);
  });

  it('passes every shipped strategy', async () => {
    for (const strategy of ['sma-cross', 'rsi-reversion', 'breakout']) {
      const run = registeredRun({
        strategy,
        params: {},
        instruments: [sber],
        intervals: ['1h'],
        feed,
      });
      const r = await lookaheadCheck(run, range, cuts);
      expect({ strategy, clean: r.clean }).toEqual({ strategy, clean: true });
    }
  });
});

describe('warm-up check', () => {
  it('finds the warm-up after which sma-cross stops changing its decisions', async () => {
    const run = registeredRun({
      strategy: 'sma-cross',
      params: { fast: 5, slow: 30 },
      instruments: [sber],
      intervals: ['1h'],
      feed,
    });
    const r = await warmupCheck(run, range, H, [0, 10, 30, 60, 120]);
    expect(r.rows[0].difference).not.toBeNull();
    expect(r.stableFrom).not.toBeNull();
    expect(r.stableFrom as number).toBeLessThanOrEqual(30);
  });

  it('flags decisions that depend on all the history given', async () => {
    const r = await warmupCheck(
      runOf(() => new Cumulative()),
      range,
      H,
      [0, 50, 100, 150, 200],
    );
    expect(r.stableFrom).toBeNull();
  });
});
