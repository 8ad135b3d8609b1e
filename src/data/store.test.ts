import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Candle } from '../core/candle.ts';
import { DataIntegrityError, NotFoundError } from '../core/errors.ts';
import { SCHEMA_VERSION } from './schema.ts';
import { type CandleStore, openStore } from './store.ts';

const DAY = 86_400_000;
const MIN = 60_000;
const D0 = Date.UTC(2024, 0, 8);
const U = 'e6123145-9665-43e0-8413-cd61b8aa9b13';

function candle(time: number, close = 100, volume = 1): Candle {
  return { time, open: close, high: close + 1, low: close - 1, close, volume };
}

/** `n` one-minute candles starting at `start`, closes counting up from `first`. */
function minutes(start: number, n: number, first = 100): Candle[] {
  return Array.from({ length: n }, (_, i) => candle(start + i * MIN, first + i));
}

function readAll(store: CandleStore, from = 0, to = 4e12): Candle[] {
  return store.readCandles(U, '1m', from, to);
}

let store: CandleStore;
beforeEach(() => {
  store = openStore(':memory:');
});
afterEach(() => store.close());

describe('openStore and migrations', () => {
  it('creates the schema on an empty database', () => {
    expect(store.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    const tables = store.db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .pluck()
      .all();
    expect(tables).toEqual([
      'bond_specs',
      'candle_chunks',
      'continuous_rolls',
      'continuous_series',
      'coupons',
      'coverage',
      'currency_specs',
      'dividends',
      'economics_coverage',
      'futures_margins',
      'futures_specs',
      'instruments',
      'meta',
      'series_sources',
      'trading_days',
    ]);
    expect(store.getMeta('chunk_codec')).toBe('1');
  });

  describe('on files', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(path.join(os.tmpdir(), 'tlab-store-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('creates the parent folder, uses WAL, and keeps data across reopenings', () => {
      const file = path.join(dir, 'sub', 'c.sqlite');
      const a = openStore(file);
      expect(a.db.pragma('journal_mode', { simple: true })).toBe('wal');
      a.upsertCandles(U, '1m', minutes(D0, 3), { from: D0, to: D0 + DAY });
      a.close();
      const b = openStore(file, { mustExist: true });
      expect(b.readCandles(U, '1m', 0, 4e12)).toHaveLength(3);
      expect(b.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      b.close();
    });

    it('refuses a missing file when it must exist, a foreign database, a newer schema, a non-database', () => {
      expect(() => openStore(path.join(dir, 'none.sqlite'), { mustExist: true })).toThrow(NotFoundError);
      const foreign = path.join(dir, 'foreign.sqlite');
      new Database(foreign).exec('CREATE TABLE t (x)');
      expect(() => openStore(foreign)).toThrow(/not a tlab cache/);
      const newer = path.join(dir, 'newer.sqlite');
      new Database(newer).pragma(`user_version = ${SCHEMA_VERSION + 1}`);
      expect(() => openStore(newer)).toThrow(/newer than this tlab/);
      const text = path.join(dir, 'text.sqlite');
      writeFileSync(text, 'this is not a database at all, just some text that is long enough'.repeat(100));
      expect(() => openStore(text)).toThrow(DataIntegrityError);
      // The data layer reports what is wrong as data and leaves the command-line hint to the CLI.
      const caught = (f: () => unknown) => {
        try {
          f();
        } catch (e) {
          return e as Record<string, unknown>;
        }
        return undefined;
      };
      expect(caught(() => openStore(newer))).toMatchObject({ file: newer, problem: 'newer', version: SCHEMA_VERSION + 1, hint: undefined });
      expect(caught(() => openStore(foreign))).toMatchObject({ file: foreign, problem: 'foreign', hint: undefined });
      expect(caught(() => openStore(text))).toMatchObject({ file: text, problem: 'not-sqlite', hint: undefined });
      expect(caught(() => openStore(path.join(dir, 'none.sqlite'), { mustExist: true }))).toMatchObject({ hint: undefined });
    });
  });
});

describe('writes', () => {
  it('stores one chunk row per UTC day with readable metadata', () => {
    store.upsertCandles(U, '1m', [...minutes(D0 + 600 * MIN, 5), ...minutes(D0 + DAY, 2)]);
    const rows = store.db
      .prepare('SELECT day, count, first_time, last_time FROM candle_chunks ORDER BY chunk_start')
      .all();
    expect(rows).toEqual([
      { day: '2024-01-08', count: 5, first_time: D0 + 600 * MIN, last_time: D0 + 604 * MIN },
      { day: '2024-01-09', count: 2, first_time: D0 + DAY, last_time: D0 + DAY + MIN },
    ]);
  });

  it('merges into an existing chunk by time, new candles winning', () => {
    store.upsertCandles(U, '1m', minutes(D0, 4, 100));
    store.upsertCandles(U, '1m', [candle(D0 + MIN, 555), candle(D0 + 10 * MIN, 777)]);
    expect(readAll(store).map((c) => [c.time - D0, c.close])).toEqual([
      [0, 100],
      [MIN, 555],
      [2 * MIN, 102],
      [3 * MIN, 103],
      [10 * MIN, 777],
    ]);
  });

  it('sorts unsorted input and lets the last duplicate of a write win', () => {
    store.upsertCandles(U, '1m', [candle(D0 + 2 * MIN, 3), candle(D0, 5), candle(D0 + 2 * MIN, 9)]);
    expect(readAll(store).map((c) => c.close)).toEqual([5, 9]);
  });

  it('replaces a re-fetched window exactly: stale candles inside it go, outside it stay', () => {
    store.upsertCandles(U, '1m', [...minutes(D0, 10), ...minutes(D0 + DAY, 3)], { from: D0, to: D0 + 2 * DAY });
    store.upsertCandles(U, '1m', [candle(D0 + 5 * MIN, 42)], { from: D0, to: D0 + DAY });
    expect(readAll(store).map((c) => c.time - D0)).toEqual([5 * MIN, DAY, DAY + MIN, DAY + 2 * MIN]);
    // A window re-fetched empty deletes the chunk row altogether.
    store.upsertCandles(U, '1m', [], { from: D0 + DAY, to: D0 + 2 * DAY });
    expect(store.db.prepare('SELECT count(*) FROM candle_chunks').pluck().get()).toBe(1);
    expect(store.coveredRanges(U, '1m')).toEqual([{ from: D0, to: D0 + 2 * DAY }]);
  });

  it('is idempotent: writing the same window twice gives the same rows', () => {
    const dump = () => store.db.prepare('SELECT * FROM candle_chunks ORDER BY chunk_start').all();
    // The same fetch time both times: the rows record when they were fetched.
    const origin = { source: 'unknown', fetchedAt: Date.UTC(2024, 5, 1) };
    store.upsertCandles(U, '1m', minutes(D0, 50), { from: D0, to: D0 + DAY }, origin);
    const first = dump();
    store.upsertCandles(U, '1m', minutes(D0, 50), { from: D0, to: D0 + DAY }, origin);
    expect(dump()).toEqual(first);
  });

  it('chunks daily candles by year', () => {
    const days = [Date.UTC(2023, 11, 29), Date.UTC(2024, 0, 3), Date.UTC(2024, 5, 3)].map((t) => candle(t));
    store.upsertCandles(U, '1d', days);
    expect(store.db.prepare("SELECT day, count FROM candle_chunks WHERE interval = '1d'").all()).toEqual([
      { day: '2023-01-01', count: 1 },
      { day: '2024-01-01', count: 2 },
    ]);
  });

  it.each([
    ['a non-finite price', { ...candle(D0), close: Number.NaN }, /close is NaN/],
    ['an unaligned time', candle(D0 + 30_000), /not on the 1m grid/],
    ['high below close', { ...candle(D0), high: 50 }, /OHLC rules broken/],
    ['a negative volume', { ...candle(D0), volume: -1 }, /OHLC rules broken/],
  ])('rejects %s with DataIntegrityError naming the series and time, writing nothing', (_, bad, pattern) => {
    store.upsertCandles(U, '1m', minutes(D0, 2), { from: D0, to: D0 + MIN * 2 });
    const before = store.db.prepare('SELECT * FROM candle_chunks').all();
    const write = () => store.upsertCandles(U, '1m', [candle(D0 + 5 * MIN), bad], { from: D0, to: D0 + DAY });
    expect(write).toThrow(DataIntegrityError);
    expect(write).toThrow(pattern);
    expect(write).toThrow(new RegExp(`${U} at 2024-01-08T00:00`));
    expect(store.db.prepare('SELECT * FROM candle_chunks').all()).toEqual(before);
    expect(store.coveredRanges(U, '1m')).toEqual([{ from: D0, to: D0 + 2 * MIN }]);
  });

  it('rolls back candles and coverage when the surrounding transaction fails', () => {
    store.upsertCandles(U, '1m', minutes(D0, 3), { from: D0, to: D0 + DAY });
    expect(() =>
      store.transaction(() => {
        store.upsertCandles(U, '1m', minutes(D0 + DAY, 3), { from: D0 + DAY, to: D0 + 2 * DAY });
        store.upsertInstrument({ ...stubInstrument(), ticker: 'X' });
        throw new Error('disk on fire');
      }),
    ).toThrow('disk on fire');
    expect(readAll(store)).toHaveLength(3);
    expect(store.coveredRanges(U, '1m')).toEqual([{ from: D0, to: D0 + DAY }]);
    expect(store.getInstrument(U)).toBeUndefined();
  });
});

describe('readBatches', () => {
  beforeEach(() => {
    for (let d = 0; d < 3; d++) store.upsertCandles(U, '1m', minutes(D0 + d * DAY + 600 * MIN, 10, 1000 + d * 100));
  });

  it('yields one batch per chunk in time order', () => {
    const batches = [...store.readBatches(U, '1m', 0, 4e12)];
    expect(batches.map((b) => b.length)).toEqual([10, 10, 10]);
    expect(batches.map((b) => b.close[0])).toEqual([1000, 1100, 1200]);
  });

  it('trims the first and last chunk to [from, to)', () => {
    const from = D0 + 605 * MIN;
    const to = D0 + 2 * DAY + 603 * MIN;
    const batches = [...store.readBatches(U, '1m', from, to)];
    expect(batches.map((b) => Array.from(b.close.subarray(0, b.length)))).toEqual([
      [1005, 1006, 1007, 1008, 1009],
      [1100, 1101, 1102, 1103, 1104, 1105, 1106, 1107, 1108, 1109],
      [1200, 1201, 1202],
    ]);
    expect(batches[0].time[0]).toBe(from);
  });

  it('includes `from`, excludes `to`, and skips chunks left empty by trimming', () => {
    expect(readAll(store, D0 + 609 * MIN, D0 + 610 * MIN).map((c) => c.close)).toEqual([1009]);
    expect([...store.readBatches(U, '1m', D0 + 700 * MIN, D0 + DAY + 600 * MIN)]).toEqual([]);
    expect(readAll(store, D0 + DAY, D0 + DAY)).toEqual([]);
  });

  it('allows two reads of one store at once', () => {
    const a = store.readBatches(U, '1m', 0, 4e12)[Symbol.iterator]();
    const b = store.readBatches(U, '1m', D0 + DAY, 4e12)[Symbol.iterator]();
    expect(a.next().value?.close[0]).toBe(1000);
    expect(b.next().value?.close[0]).toBe(1100);
    expect(a.next().value?.close[0]).toBe(1100);
    a.return?.();
    b.return?.();
    // Both statements are released: writing works again.
    store.upsertCandles(U, '1m', [candle(D0)]);
  });
});

function stubInstrument() {
  return {
    uid: U,
    figi: 'BBG004730N88',
    ticker: 'SBER',
    classCode: 'TQBR',
    isin: 'RU0009029540',
    name: 'Sber',
    kind: 'share' as const,
    lot: 10,
    minPriceIncrement: 0.01,
    currency: 'rub',
    shortEnabled: true,
    exchange: 'MOEX',
  };
}
