/**
 * @module The run fingerprint's dataHash: it must move when any single value of any candle moves
 * (one tick of one price, one lot of volume, one candle's time), and it must not depend on the feed
 * that served the candles or how it cut them into batches (the SQLite cache's day chunks give the
 * same hash as an in-memory feed). The start-up work kept the per-candle sha256 for this reason:
 * see README, measured figures.
 */
import { describe, expect, it } from 'vitest';
import { candleAt, type Candle, type CandleBatch } from '../../src/core/candle.ts';
import { openStore } from '../../src/data/index.ts';
import { SqliteFeed } from '../../src/data/sqlite-feed.ts';
import { runBacktest, type BacktestConfig } from '../../src/engine/index.ts';
import type { MarketDataFeed } from '../../src/engine/ports/market-data-feed.ts';
import { instrument, randomWalk } from '../stubs/candles.ts';
import { MemoryFeed } from '../stubs/memory-feed.ts';
import { ScriptedStrategy } from '../stubs/scripted-strategy.ts';

const M = 60_000;
const T0 = Date.UTC(2024, 0, 9, 7);
const COUNT = 2000; // crosses a UTC day boundary: the cache serves two chunks
const sber = instrument({ ticker: 'SBER' });
const walk = randomWalk({ seed: 21, count: COUNT, start: T0, interval: '1m' });
const range = { from: T0, to: T0 + 2 * 24 * 60 * M };

/** The data hash does not depend on the strategy: a silent one keeps the runs short. */
function config(feed: MarketDataFeed): BacktestConfig {
  return {
    strategy: new ScriptedStrategy(),
    strategyName: 'silent',
    instruments: [sber],
    interval: '1m',
    range,
    feed,
  };
}

function memoryFeed(b: CandleBatch, o: { batchSize?: number } = {}): MemoryFeed {
  return new MemoryFeed(o).add({ instrumentUid: sber.uid, interval: '1m' }, b);
}

async function dataHash(feed: MarketDataFeed): Promise<string> {
  return (await runBacktest(config(feed))).fingerprint.dataHash;
}

/** A copy of `b` with `field` of candle `i` replaced by `value`. */
function edited(b: CandleBatch, i: number, field: keyof Candle, value: number): CandleBatch {
  const out = {
    length: b.length,
    time: b.time.slice(0, b.length),
    open: b.open.slice(0, b.length),
    high: b.high.slice(0, b.length),
    low: b.low.slice(0, b.length),
    close: b.close.slice(0, b.length),
    volume: b.volume.slice(0, b.length),
  };
  out[field][i] = value;
  return out;
}

describe('fingerprint dataHash', () => {
  it('changes when any one value of any one candle changes', async () => {
    const mid = 1234;
    const c = candleAt(walk, mid);
    const tick = 0.01;
    expect(c.high).toBeGreaterThan(c.low);
    // Each edit keeps the candle valid (OHLC order, times increasing), so only the hash can tell.
    const edits: [keyof Candle, number, number][] = [
      ['time', COUNT - 1, walk.time[COUNT - 1] + M],
      ['open', mid, c.open === c.high ? c.low : c.high],
      ['high', mid, c.high + tick],
      ['low', mid, c.low - tick],
      ['close', mid, c.close === c.high ? c.low : c.high],
      ['volume', mid, c.volume + 1],
      ['volume', 0, walk.volume[0] + 1],
    ];
    const hashes = [await dataHash(memoryFeed(walk))];
    for (const [field, i, value] of edits)
      hashes.push(await dataHash(memoryFeed(edited(walk, i, field, value))));
    expect(new Set(hashes).size).toBe(edits.length + 1);
  });

  it('is the same from the SQLite cache (day chunks) as from memory, whatever the batching', async () => {
    const store = openStore(':memory:');
    try {
      store.upsertInstrument(sber);
      const rows: Candle[] = [];
      for (let i = 0; i < walk.length; i++) rows.push(candleAt(walk, i));
      store.upsertCandles(sber.uid, '1m', rows, range);
      const fromCache = await dataHash(new SqliteFeed(store));
      expect(fromCache).toBe(await dataHash(memoryFeed(walk)));
      expect(fromCache).toBe(await dataHash(memoryFeed(walk, { batchSize: 7 })));
    } finally {
      store.close();
    }
  });
});
