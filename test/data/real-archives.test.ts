/**
 * Real T-Invest yearly archives (../shared/data/moex-1m-2024, four tickers of 2024): import them,
 * check the published counts, integrity, tick-grid quirks, and exactness against the raw CSV.
 */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isOhlcValid } from '../../src/core/candle.ts';
import { DataIntegrityError } from '../../src/core/errors.ts';
import type { Instrument } from '../../src/core/instrument.ts';
import { archiveFiles, importArchiveFile } from '../../src/data/archive/import-file.ts';
import { type CandleStore, openStore } from '../../src/data/store.ts';
import { centralDirectoryOffset } from '../fixtures/synthetic-candles.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const folder = path.resolve(repoRoot, '../shared/data/moex-1m-2024');
const absent = !existsSync(folder);
const specs = (
  JSON.parse(readFileSync(path.join(repoRoot, 'test/fixtures/moex-2024-instruments.json'), 'utf8')) as {
    instruments: Instrument[];
  }
).instruments;

/** Published in the folder's README; off-tick counts measured on the files with each 2024 tick. */
const EXPECTED = [
  { ticker: 'SBER', file: 'BBG004730N88_2024.zip', rows: 257_500, days: 312, offTick: 110 },
  { ticker: 'GAZP', file: 'BBG004730RP0_2024.zip', rows: 255_209, days: 312, offTick: 101 },
  { ticker: 'VTBR', file: 'BBG004730ZJ9_2024.zip', rows: 248_336, days: 303, offTick: 68 },
  { ticker: 'ROSN', file: 'BBG004731354_2024.zip', rows: 256_881, days: 312, offTick: 93 },
];
const COVERED = { from: Date.UTC(2024, 0, 2), to: Date.UTC(2024, 10, 9) };

describe.skipIf(absent)(`real archives in ${folder} (skipped when that folder is absent)`, () => {
  let dir: string;
  let store: CandleStore;
  const uidOf = (ticker: string) => specs.find((s) => s.ticker === ticker)!.uid;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'tlab-real-'));
    store = openStore(path.join(dir, 'cache.sqlite'));
    for (const file of archiveFiles(folder)) await importArchiveFile(store, file);
  });
  afterAll(() => {
    store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(EXPECTED)('$ticker: $rows rows over $days days, covered 2024-01-02..2024-11-09', ({ ticker, rows, days }) => {
    const uid = uidOf(ticker);
    const series = store.listSeries().find((s) => s.uid === uid)!;
    expect(series).toMatchObject({ interval: '1m', candles: rows, chunks: days, missing: [] });
    expect(series.covered).toEqual([COVERED]);
    expect(store.missingRanges(uid, '1m', COVERED)).toEqual([]);
  });

  it('stored minimal instrument rows named by the FIGI from the file names', () => {
    const sber = store.getInstrument(uidOf('SBER'));
    expect(sber).toMatchObject({ figi: 'BBG004730N88', ticker: 'BBG004730N88', minPriceIncrement: 0 });
    expect(store.instrumentSource(uidOf('SBER'))).toBe('archive');
  });

  it('reads back strictly increasing, OHLC-valid candles for every ticker', () => {
    for (const { ticker, rows } of EXPECTED) {
      let n = 0;
      let last = -Infinity;
      let bad = 0;
      for (const b of store.readBatches(uidOf(ticker), '1m', 0, 4e12)) {
        for (let i = 0; i < b.length; i++) {
          if (!(b.time[i] > last)) bad++;
          if (!isOhlcValid({ time: b.time[i], open: b.open[i], high: b.high[i], low: b.low[i], close: b.close[i], volume: b.volume[i] })) bad++;
          last = b.time[i];
        }
        n += b.length;
      }
      expect({ ticker, n, bad }).toEqual({ ticker, n: rows, bad: 0 });
    }
  });

  it('matches the raw CSV of a day exactly (a Saturday dealer session included)', () => {
    const zip = unzipSync(readFileSync(path.join(folder, 'BBG004730N88_2024.zip')));
    for (const day of ['20240927', '20240427']) {
      const text = strFromU8(zip[`${uidOf('SBER')}_${day}.csv`]);
      const expected = text.trim().split('\n').map((line) => {
        const f = line.split(';');
        return { time: Date.parse(f[1]), open: +f[2], high: +f[4], low: +f[5], close: +f[3], volume: +f[6] };
      });
      const start = Date.UTC(+day.slice(0, 4), +day.slice(4, 6) - 1, +day.slice(6));
      expect(store.readCandles(uidOf('SBER'), '1m', start, start + 86_400_000)).toEqual(expected);
    }
  });

  it('verifies clean; with the specs cached, counts about 100 off-tick candles per ticker and keeps them', () => {
    let report = store.verify();
    expect(report).toMatchObject({ ok: true, problems: 0, database: [] });
    expect(report.series.map((s) => s.offTick)).toEqual([null, null, null, null]);
    store.upsertInstruments(specs);
    report = store.verify();
    expect(report.ok).toBe(true);
    for (const { ticker, rows, offTick } of EXPECTED) {
      const v = report.series.find((s) => s.ticker === ticker)!;
      expect({ ticker, candles: v.candles, offTick: v.offTick, outside: v.outsideCoverage }).toEqual({
        ticker,
        candles: rows,
        offTick,
        outside: 0,
      });
    }
  });

  it('refuses truncated copies of a real zip and imports nothing from them', async () => {
    const source = readFileSync(path.join(folder, 'BBG004730RP0_2024.zip'));
    const fresh = openStore(path.join(dir, 'fresh.sqlite'));
    try {
      for (const [name, length] of [
        ['middle', Math.floor(source.length * 0.6)],
        ['boundary', centralDirectoryOffset(source)],
      ] as const) {
        const file = path.join(dir, `BBG004730RP0_2024-${name}.zip`);
        writeFileSync(file, source.subarray(0, length));
        await expect(importArchiveFile(fresh, file)).rejects.toThrow(DataIntegrityError);
        expect(fresh.listSeries()).toEqual([]);
        expect(fresh.listInstruments()).toEqual([]);
      }
      // The intact file still imports into the same cache afterwards.
      copyFileSync(path.join(folder, 'BBG004730RP0_2024.zip'), path.join(dir, 'ok.zip'));
      expect((await importArchiveFile(fresh, path.join(dir, 'ok.zip'))).candles).toBe(255_209);
    } finally {
      fresh.close();
    }
  });
});
