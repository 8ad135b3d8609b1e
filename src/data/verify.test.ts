import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Candle } from '../core/candle.ts';
import { SqliteFeed } from './sqlite-feed.ts';
import { type CandleStore, openStore } from './store.ts';

const DAY = 86_400_000;
const MIN = 60_000;
const D0 = Date.UTC(2024, 3, 1);
const U = 'e6123145-9665-43e0-8413-cd61b8aa9b13';

const c = (time: number, close: number): Candle => ({ time, open: close, high: close + 0.02, low: close - 0.02, close, volume: 5 });

let store: CandleStore;
beforeEach(() => {
  store = openStore(':memory:');
  store.upsertCandles(U, '1m', [c(D0, 100), c(D0 + MIN, 100.01), c(D0 + 2 * MIN, 100.015)], { from: D0, to: D0 + DAY });
  store.upsertCandles(U, '1m', [c(D0 + 2 * DAY, 101)]); // stored without coverage
});
afterEach(() => store.close());

describe('verify', () => {
  it('passes a clean cache and counts off-tick candles once the tick is known', () => {
    let report = store.verify();
    expect(report.ok).toBe(true);
    expect(report.series[0]).toMatchObject({ candles: 4, chunks: 2, offTick: null, outsideCoverage: 1 });
    store.upsertInstrument({
      uid: U, figi: 'BBG004730N88', ticker: 'SBER', classCode: 'TQBR', isin: '', name: '', kind: 'share',
      lot: 10, minPriceIncrement: 0.01, currency: 'rub', shortEnabled: true, exchange: 'MOEX',
    });
    report = store.verify();
    expect(report.ok).toBe(true);
    expect(report.series[0]).toMatchObject({ ticker: 'SBER', offTick: 1, offTickSamples: ['2024-04-01T00:02:00Z'] });
  });

  it('reports a damaged BLOB as a checksum mismatch', () => {
    const blob = store.db.prepare('SELECT data FROM candle_chunks ORDER BY chunk_start').pluck().get() as Buffer;
    blob[20] ^= 0xff;
    store.db.prepare('UPDATE candle_chunks SET data = ? WHERE chunk_start = ?').run(blob, D0);
    const report = store.verify();
    expect(report.ok).toBe(false);
    expect(report.series[0].problems.some((p) => p.includes('chunk 2024-04-01: checksum mismatch'))).toBe(true);
  });

  it('reports metadata that disagrees with the BLOB, and duplicate times inside a chunk', () => {
    store.db.prepare('UPDATE candle_chunks SET count = 7, last_time = 0 WHERE chunk_start = ?').run(D0);
    let report = store.verify();
    expect(report.series[0].problems).toEqual([
      'chunk 2024-04-01: count column 7 but BLOB holds 3',
      'chunk 2024-04-01: first_time/last_time columns do not match the candles',
    ]);
    store.upsertCandles(U, '1m', [c(D0, 100), c(D0 + MIN, 100.01), c(D0 + 2 * MIN, 100.015)], { from: D0, to: D0 + DAY });
    const blob = store.db.prepare('SELECT data FROM candle_chunks WHERE chunk_start = ?').pluck().get(D0) as Buffer;
    blob.writeDoubleLE(D0, 8 + 8); // second time := first time
    store.db.prepare('UPDATE candle_chunks SET data = ? WHERE chunk_start = ?').run(blob, D0);
    report = store.verify();
    expect(report.series[0].problems).toContain('chunk 2024-04-01 candle 2024-04-01T00:00:00Z: duplicate time');
  });

  it('reports overlapping coverage rows', () => {
    store.db.prepare("INSERT INTO coverage VALUES (?, '1m', ?, ?)").run(U, D0 + 3600_000, D0 + 2 * DAY);
    const report = store.verify();
    expect(report.ok).toBe(false);
    expect(report.series[0].problems).toEqual(['coverage rows overlap at 2024-04-01T01:00:00Z']);
  });
});

describe('listSeries and SqliteFeed', () => {
  it('summarises each series with coverage and the gaps between covered ranges', () => {
    store.markCovered(U, '1m', { from: D0 + 3 * DAY, to: D0 + 4 * DAY });
    store.markCovered(U, '1h', { from: D0, to: D0 + DAY });
    const [m1, h1] = store.listSeries();
    expect(m1).toMatchObject({ uid: U, interval: '1m', candles: 4, chunks: 2, firstTime: D0, lastTime: D0 + 2 * DAY });
    expect(m1.missing).toEqual([{ from: D0 + DAY, to: D0 + 3 * DAY }]);
    expect(h1).toMatchObject({ interval: '1h', candles: 0, chunks: 0, missing: [] });
    expect(h1.firstTime).toBeUndefined();
  });

  it('serves the engine port from the store', () => {
    const feed = new SqliteFeed(store);
    const series = { instrumentUid: U, interval: '1m' as const };
    const closes = [...feed.read(series, { from: D0 + MIN, to: D0 + 3 * DAY })].flatMap((b) => Array.from(b.close.subarray(0, b.length)));
    expect(closes).toEqual([100.01, 100.015, 101]);
    expect(feed.missing(series, { from: D0, to: D0 + 2 * DAY })).toEqual([{ from: D0 + DAY, to: D0 + 2 * DAY }]);
  });
});
