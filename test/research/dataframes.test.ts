/**
 * @module The DataFrame bridges against a real SQLite cache filled from the synthetic market and a
 * real backtest on it: every cell equals the cache or the result exactly.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as lab from '../../src/index.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'tlab-df-'));
const db = path.join(dir, 'cache.sqlite');
const range = { from: Date.UTC(2024, 2, 4), to: Date.UTC(2024, 3, 1) };
let store: lab.CandleStore;
let sber: lab.Instrument;

beforeAll(() => {
  const market = new lab.SyntheticMarket(3);
  store = lab.openStore(db);
  sber = market.instruments().find((i) => i.ticker === 'SBER')!;
  store.upsertInstrument(sber);
  store.upsertCandles(sber.uid, '1m', market.minuteCandles(sber.uid, range.from, range.to), range);
  lab.resampleFromMinutes(store, sber.uid, '1h');
});

afterAll(() => store.close());

function columnsOf(df: lab.DataFrame): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const c of df.columns) out[c] = df.column(c).values as unknown[];
  return out;
}

describe('candlesFrame', () => {
  it('holds exactly the cached candles, read from a file path', async () => {
    const expected = store.readCandles(sber.uid, '1h', range.from, range.to);
    expect(expected.length).toBeGreaterThan(100);
    const df = await lab.candlesFrame({ store: db, instrument: 'SBER', interval: '1h', range });
    expect(df.columns).toEqual(['time', 'open', 'high', 'low', 'close', 'volume']);
    expect(df.shape).toEqual([expected.length, 6]);
    const cols = columnsOf(df);
    for (const k of ['time', 'open', 'high', 'low', 'close', 'volume'] as const)
      expect(cols[k], k).toEqual(expected.map((c) => c[k]));
  });

  it('reads an open store and an inner range the same way', async () => {
    const inner = { from: Date.UTC(2024, 2, 11, 10), to: Date.UTC(2024, 2, 12, 12) };
    const df = await lab.candlesFrame({
      store,
      instrument: sber.uid,
      interval: '1m',
      range: inner,
    });
    const expected = store.readCandles(sber.uid, '1m', inner.from, inner.to);
    expect(columnsOf(df).close).toEqual(expected.map((c) => c.close));
    expect(Math.min(...(columnsOf(df).time as number[]))).toBeGreaterThanOrEqual(inner.from);
  });

  it('names a missing instrument and a missing cache', async () => {
    await expect(
      lab.candlesFrame({ store, instrument: 'NOPE', interval: '1h', range }),
    ).rejects.toThrow(/instrument NOPE is not in the cache/);
    await expect(
      lab.candlesFrame({
        store: path.join(dir, 'absent.sqlite'),
        instrument: 'SBER',
        interval: '1h',
        range,
      }),
    ).rejects.toThrow(/no candle cache at/);
  });
});

describe('resultFrames', () => {
  it('holds exactly the equity, trades, fills and metrics of a real backtest', async () => {
    const entry = lab.getStrategy('sma-cross');
    const result = await lab.runBacktest({
      strategy: entry.create({ fast: 5, slow: 20 }),
      strategyName: entry.name,
      instruments: [sber],
      interval: '1h',
      range,
      feed: new lab.SqliteFeed(store),
    });
    expect(result.trades.length).toBeGreaterThan(2);
    const f = await lab.resultFrames(result);
    const eq = columnsOf(f.equity);
    expect(eq.time).toEqual(Array.from(result.equity.time));
    expect(eq.equity).toEqual(Array.from(result.equity.equity));
    expect(eq.benchmark).toEqual(Array.from(result.equity.benchmark));
    const trades = columnsOf(f.trades);
    expect(f.trades.shape[0]).toBe(result.trades.length);
    for (const k of Object.keys(result.trades[0]) as (keyof lab.RoundTrip)[])
      expect(trades[k], k).toEqual(result.trades.map((t) => t[k]));
    const fills = columnsOf(f.fills);
    expect(f.fills.shape[0]).toBe(result.fills.length);
    for (const k of Object.keys(result.fills[0]) as (keyof lab.FillRecord)[])
      expect(fills[k], k).toEqual(result.fills.map((x) => x[k]));
    const m = columnsOf(f.metrics);
    const keys = Object.keys(result.metrics) as (keyof lab.Metrics)[];
    expect(m.metric).toEqual(keys);
    expect(m.strategy).toEqual(keys.map((k) => result.metrics[k]));
    expect(m.benchmark).toEqual(keys.map((k) => result.benchmark[k]));
  });
});
