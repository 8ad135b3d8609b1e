/**
 * @module Deterministic candle generators and instrument stubs for tests: a seeded random walk on a
 * tick grid with valid OHLC, and hand-written candle lists from compact tuples.
 */
import { createCandleBatch, type Candle, type CandleBatch } from '../../src/core/candle.ts';
import type { Instrument } from '../../src/core/instrument.ts';
import { intervalMs, type Interval } from '../../src/core/interval.ts';
import { SeededRandom } from '../../src/core/random.ts';

/** An instrument with test defaults (lot 1, tick 0.01, rub, shortable); override what matters. */
export function instrument(overrides: Partial<Instrument> = {}): Instrument {
  const ticker = overrides.ticker ?? 'TEST';
  return {
    uid: `uid-${ticker.toLowerCase()}`,
    figi: `FIGI${ticker}`,
    ticker,
    classCode: 'TQBR',
    isin: `RU000${ticker}`,
    name: `${ticker} test share`,
    kind: 'share',
    lot: 1,
    minPriceIncrement: 0.01,
    currency: 'rub',
    shortEnabled: true,
    exchange: 'MOEX',
    ...overrides,
  };
}

/** Candles from `[open, high, low, close]` tuples, `step` ms apart from `start` (volume 1). */
export function candles(start: number, step: number, rows: readonly number[][]): Candle[] {
  return rows.map(([open, high, low, close], k) => ({
    time: start + k * step,
    open,
    high,
    low,
    close,
    volume: 1,
  }));
}

/** Options of {@link randomWalk}. */
export interface WalkOptions {
  seed: number;
  count: number;
  start: number;
  interval?: Interval;
  startPrice?: number;
  tick?: number;
  /** Per-candle volatility as a fraction of price (default 0.002). */
  vol?: number;
}

/** A seeded random walk as a columnar batch: opens continue the last close, prices on the tick grid. */
export function randomWalk(o: WalkOptions): CandleBatch {
  const rnd = new SeededRandom(o.seed);
  const step = intervalMs(o.interval ?? '1m') as number;
  const tick = o.tick ?? 0.01;
  const vol = o.vol ?? 0.002;
  const b = createCandleBatch(o.count);
  let price = Math.round((o.startPrice ?? 100) / tick);
  const toPrice = (ticks: number) => Number((ticks * tick).toFixed(6));
  for (let i = 0; i < o.count; i++) {
    const open = price;
    const close = Math.max(1, open + Math.round((rnd.normal() * vol * open) / 1));
    const hi = Math.max(open, close) + Math.round(rnd.next() * vol * open * 0.5);
    const lo = Math.max(1, Math.min(open, close) - Math.round(rnd.next() * vol * open * 0.5));
    b.time[i] = o.start + i * step;
    b.open[i] = toPrice(open);
    b.high[i] = toPrice(hi);
    b.low[i] = toPrice(lo);
    b.close[i] = toPrice(close);
    b.volume[i] = 1 + Math.floor(rnd.next() * 1000);
    price = close;
  }
  b.length = o.count;
  return b;
}
