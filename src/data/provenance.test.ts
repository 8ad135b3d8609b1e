import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Candle } from '../core/candle.ts';
import { anySynthetic, sourceKind } from '../core/data-source.ts';
import { CorruptChunkError, MixedSourceError } from './cache-errors.ts';
import { MIGRATIONS, SCHEMA_VERSION } from './schema.ts';
import { SqliteFeed } from './sqlite-feed.ts';
import { type CandleStore, openStore } from './store.ts';
import { JUMP_FLOOR, robustSigma } from './verify-continuity.ts';

const DAY = 86_400_000;
const MIN = 60_000;
const D0 = Date.UTC(2024, 0, 8);
const U = 'e6123145-9665-43e0-8413-cd61b8aa9b13';
const A = 'archive:BBG004730N88_2024.zip';
const E = 'emulator:synthetic seed 1';

function minutes(start: number, n: number, first = 100): Candle[] {
  return Array.from({ length: n }, (_, i) => {
    const close = first + (i % 7) * 0.01;
    return { time: start + i * MIN, open: close, high: close + 0.05, low: close - 0.05, close, volume: 1 };
  });
}

let store: CandleStore;
beforeEach(() => {
  store = openStore(':memory:');
});
afterEach(() => store.close());

describe('source of every series and chunk', () => {
  it('records the source and fetch time of each write, and the feed reports the labels in range oldest first', () => {
    store.upsertCandles(U, '1m', minutes(D0, 10), { from: D0, to: D0 + DAY }, { source: A, fetchedAt: 1000 });
    expect(store.seriesSources(U, '1m')).toEqual([{ source: A, firstFetched: 1000, lastFetched: 1000 }]);
    store.upsertCandles(U, '1m', minutes(D0 + DAY, 10), { from: D0 + DAY, to: D0 + 2 * DAY }, { source: E, allowMixed: true, fetchedAt: 2000 });
    expect(store.seriesSources(U, '1m').map((s) => s.source)).toEqual([A, E]);
    const feed = new SqliteFeed(store);
    const key = { instrumentUid: U, interval: '1m' as const };
    expect(feed.sources(key, { from: D0, to: D0 + 3 * DAY })).toEqual([A, E]);
    expect(feed.sources(key, { from: D0 + DAY, to: D0 + 3 * DAY })).toEqual([E]);
    expect(feed.sources(key, { from: D0 + 20 * MIN, to: D0 + DAY })).toEqual([]);
    expect(store.db.prepare('SELECT fetched_at FROM candle_chunks ORDER BY chunk_start').pluck().all()).toEqual([1000, 2000]);
  });

  it('refuses a write from another source, writing nothing, and names both sources', () => {
    store.upsertCandles(U, '1m', minutes(D0, 10), { from: D0, to: D0 + DAY }, { source: A });
    const before = store.readCandles(U, '1m', 0, 4e12);
    let err: unknown;
    try {
      store.upsertCandles(U, '1m', minutes(D0, 5, 300), { from: D0, to: D0 + DAY }, { source: E });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(MixedSourceError);
    expect((err as MixedSourceError).stored).toEqual([A]);
    expect((err as Error).message).toBe(`${U} 1m holds candles from ${A}; refusing to add candles from ${E}`);
    expect(() => store.markCovered(U, '1m', { from: D0 + DAY, to: D0 + 2 * DAY }, { source: E })).toThrow(MixedSourceError);
    expect(store.readCandles(U, '1m', 0, 4e12)).toEqual(before);
    expect(store.coveredRanges(U, '1m')).toEqual([{ from: D0, to: D0 + DAY }]);
    expect(store.seriesSources(U, '1m').map((s) => s.source)).toEqual([A]);
    // Another interval of the same instrument is another series.
    store.upsertCandles(U, '1h', [], { from: D0, to: D0 + DAY }, { source: E });
  });

  it('a chunk that keeps candles of two sources lists both; a full replacement names only the new one', () => {
    store.upsertCandles(U, '1m', minutes(D0, 10), undefined, { source: A });
    store.upsertCandles(U, '1m', minutes(D0 + 5 * MIN, 10, 200), undefined, { source: E, allowMixed: true });
    expect(store.sourcesIn(U, '1m', { from: D0, to: D0 + DAY })).toEqual([A, E]);
    store.upsertCandles(U, '1m', minutes(D0, 3), { from: D0, to: D0 + DAY }, { source: E, allowMixed: true });
    expect(store.sourcesIn(U, '1m', { from: D0, to: D0 + DAY })).toEqual([E]);
    expect(store.verify().series[0].warnings).toContain(`written by several sources: ${A} + ${E}`);
  });

  it('a corrupt chunk stops every read with the series and day; the next write of that day drops it', () => {
    store.upsertCandles(U, '1m', [...minutes(D0, 10), ...minutes(D0 + DAY, 10)], { from: D0, to: D0 + 2 * DAY }, { source: A });
    store.db.prepare('UPDATE candle_chunks SET checksum = checksum + 1 WHERE chunk_start = ?').run(D0 + DAY);
    expect(store.readCandles(U, '1m', D0, D0 + DAY)).toHaveLength(10);
    expect(() => store.readCandles(U, '1m', D0, D0 + 2 * DAY)).toThrow(CorruptChunkError);
    let caught: unknown;
    try {
      Array.from(store.readBatches(U, '1m', D0, D0 + 2 * DAY));
    } catch (e) {
      caught = e;
    }
    expect(caught).toMatchObject({ day: '2024-01-09', sources: [A], series: { uid: U, interval: '1m' } });
    // A write touching part of the day must not merge the damaged candles under a fresh checksum.
    store.upsertCandles(U, '1m', minutes(D0 + DAY + 30 * MIN, 2), undefined, { source: A });
    expect(store.readCandles(U, '1m', D0 + DAY, D0 + 2 * DAY).map((c) => c.time)).toEqual([D0 + DAY + 30 * MIN, D0 + DAY + 31 * MIN]);
  });
});

describe('migration of a version-1 cache', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'tlab-migrate-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('opens an old cache, keeps its candles, and marks its series source unknown', () => {
    const file = path.join(dir, 'old.sqlite');
    // Build a version-1 cache the way tlab 0.1 did, with this code's own writer, then roll it back.
    const fresh = openStore(file);
    fresh.upsertCandles(U, '1m', minutes(D0, 30), { from: D0, to: D0 + DAY });
    fresh.markCovered(U, '1h', { from: D0, to: D0 + DAY });
    const candles = fresh.readCandles(U, '1m', 0, 4e12);
    fresh.close();
    const old = new Database(file);
    for (const t of ['futures_specs', 'bond_specs', 'currency_specs', 'futures_margins', 'dividends', 'coupons', 'economics_coverage'])
      old.exec(`DROP TABLE ${t}`);
    old.exec('DROP TABLE trading_days; DROP TABLE continuous_series; DROP TABLE continuous_rolls;');
    old.exec(`DROP VIEW series_summary; DROP TABLE series_sources;
      ALTER TABLE candle_chunks DROP COLUMN source; ALTER TABLE candle_chunks DROP COLUMN fetched_at;`);
    old.exec(MIGRATIONS[0].slice(MIGRATIONS[0].indexOf('CREATE VIEW series_summary'), MIGRATIONS[0].indexOf('INSERT INTO meta')));
    old.pragma('user_version = 1');
    old.close();

    const migrated = openStore(file, { mustExist: true });
    expect(migrated.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(migrated.readCandles(U, '1m', 0, 4e12)).toEqual(candles);
    expect(migrated.seriesSources(U, '1m')).toEqual([{ source: 'unknown' }]);
    expect(migrated.seriesSources(U, '1h')).toEqual([{ source: 'unknown' }]);
    expect(migrated.sourcesIn(U, '1m', { from: D0, to: D0 + DAY })).toEqual(['unknown']);
    expect(migrated.db.prepare('SELECT sources FROM series_summary').pluck().all()).toEqual(['unknown']);
    expect(() => migrated.upsertCandles(U, '1m', minutes(D0 + DAY, 3), undefined, { source: A })).toThrow(/holds candles from unknown/);
    migrated.close();
  });
});

describe('source kinds and the jump rule', () => {
  it('a mix has the kind of its most suspect part', () => {
    expect(sourceKind(`resample:${A} + ${E}`)).toBe('synthetic');
    expect(sourceKind(`${A} + invest-public-api.tinkoff.ru:443`)).toBe('archive');
    expect(anySynthetic([`resample:${A} + ${E}`])).toBe(true);
    expect(anySynthetic([`resample:${A}`])).toBe(false);
  });

  it('verify flags the stitched weekend gap and not ordinary ones', () => {
    const quiet = minutes(D0, 600);
    const jumpAt = D0 + 3 * DAY;
    const real = minutes(jumpAt, 60).map((c) => ({ ...c, open: c.open * 1.05, high: c.high * 1.05 + 1, low: c.low * 1.05, close: c.close * 1.05 }));
    const stitched = minutes(jumpAt + DAY, 60, 129.84);
    store.upsertCandles(U, '1m', [...quiet, ...real, ...stitched]);
    const v = store.verify().series[0];
    // One outlier does not inflate the robust sigma: median |x - median| of the five is 0.02.
    expect(robustSigma([0.01, -0.01, 0.01, -0.01, 5])).toBeCloseTo(1.4826 * 0.02, 12);
    expect(v.warningCount).toBe(1);
    expect(v.warnings[0]).toMatch(/^price jump \+2[0-9]\.\d% from close [\d.]+ at 2024-01-11T00:59:00Z to open 129\.84 at 2024-01-12T00:00:00Z$/);
    expect(JUMP_FLOOR).toBeCloseTo(Math.log(1.1), 12);
  });
});
