/**
 * The downloader against the in-process emulator, through the real client and SQLite cache: a
 * multi-instrument, multi-interval download (archive and GetCandles paths) holds exactly the
 * market's complete candles; a second run asks the server nothing; injected UNAVAILABLE and
 * RESOURCE_EXHAUSTED answers are survived with the same final content as a clean run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alignTime, closeTime, type Interval } from '../../src/core/interval.ts';
import type { TimeRange } from '../../src/core/time.ts';
import { openStore, type CandleStore } from '../../src/data/index.ts';
import type { DownloadSummary } from '../../src/data/download/downloader.ts';
import { startEmulator, SyntheticMarket, type RunningEmulator } from '../../src/emulator/index.ts';
import type { TinvestClient } from '../../src/live/index.ts';
import {
  allCandles,
  cacheContent,
  download,
  fastClient,
  referenceCandles,
  type DownloadRequest,
} from './helpers.ts';

/** Friday 2025-06-20 12:07:30 UTC: the current 1m, 5m, 1h and 1d candles are all unfinished. */
const NOW = Date.UTC(2025, 5, 20, 12, 7, 30);
const INTERVALS: Interval[] = ['1m', '5m', '1h', '1d'];
/** 37 days of 2024 (archive for 1m) and 7 of 2025 (GetCandles: below the archive threshold). */
const ACROSS_YEAR: TimeRange = { from: Date.UTC(2024, 10, 25), to: Date.UTC(2025, 0, 8) };
/** Up to and past `now`: ends at the current candle of each interval. */
const UP_TO_NOW: TimeRange = { from: Date.UTC(2025, 5, 9), to: Date.UTC(2025, 5, 21) };

const market = new SyntheticMarket(1);
const uidOf = (ticker: string) => market.instruments().find((i) => i.ticker === ticker)!.uid;
const TICKERS = ['SBER', 'GAZP'];

let emu: RunningEmulator;
let client: TinvestClient;
let store: CandleStore;
const runs: DownloadSummary[] = [];

const request = (range: TimeRange): DownloadRequest => ({
  instruments: TICKERS.join(','),
  intervals: INTERVALS,
  range,
  source: 'auto',
  now: NOW,
  // Exactness up to the current candle; the default settling margin has its own test below.
  settleMs: 0,
});

beforeAll(async () => {
  emu = await startEmulator({ now: () => NOW, limits: { enabled: false } });
  client = fastClient(emu);
  store = openStore(':memory:');
  runs.push(await download(client, store, request(ACROSS_YEAR)));
  runs.push(await download(client, store, request(UP_TO_NOW)));
});

afterAll(async () => {
  store?.close();
  await client?.close();
  await emu?.stop();
});

describe('a multi-instrument, multi-interval download', () => {
  it('took 1m history of 2024 from the archive and the rest from GetCandles', () => {
    const [across, upToNow] = runs;
    for (const ticker of TICKERS) {
      const series = (s: DownloadSummary, interval: Interval) =>
        s.series.find((x) => x.instrument === ticker && x.interval === interval)!;
      // 2024-11-25..2025-01-01 by archive; 2025-01-01..01-08 one GetCandles day at a time.
      expect(series(across, '1m')).toMatchObject({ archives: 1, requests: 7 });
      // 2025-06-09..06-20 12:07: twelve days, the last one partial, all by GetCandles.
      expect(series(upToNow, '1m')).toMatchObject({ archives: 0, requests: 12 });
      for (const interval of ['5m', '1h', '1d'] as const)
        expect(series(across, interval).archives).toBe(0);
    }
    expect(emu.stats.archiveRequests).toBe(2);
    expect(emu.stats.rateLimited).toBe(0);
  });

  it.each(TICKERS.flatMap((t) => INTERVALS.map((i) => [t, i] as const)))(
    '%s %s equals the market exactly, complete candles only',
    (ticker, interval) => {
      const uid = uidOf(ticker);
      const expected = [
        ...referenceCandles(market, uid, interval, ACROSS_YEAR, NOW),
        ...referenceCandles(market, uid, interval, UP_TO_NOW, NOW),
      ];
      expect(expected.length).toBeGreaterThan(10);
      const stored = allCandles(store, uid, interval);
      expect(stored).toEqual(expected);
      // Nothing at or after the current candle: the last one stored closed by `now`.
      const current = alignTime(interval, NOW);
      expect(stored.every((c) => closeTime(interval, c.time) <= NOW)).toBe(true);
      expect(stored[stored.length - 1].time).toBe(alignTime(interval, current - 1));
      expect(store.coveredRanges(uid, interval)).toEqual([
        ACROSS_YEAR,
        { from: UP_TO_NOW.from, to: current },
      ]);
    },
  );

  it('stored the instruments with their API specs', () => {
    const cached = store
      .listInstruments()
      .map((i) => i.ticker)
      .sort();
    expect(cached).toEqual(['GAZP', 'SBER']);
    expect(store.instrumentSource(uidOf('SBER'))).toBe('api');
  });

  it('a second run over the same ranges makes zero requests', async () => {
    const before = { ...emu.stats, callsByMethod: { ...emu.stats.callsByMethod } };
    const again = [
      await download(client, store, request(ACROSS_YEAR)),
      await download(client, store, request(UP_TO_NOW)),
    ];
    for (const s of again) expect(s).toMatchObject({ requests: 0, archives: 0, candles: 0 });
    expect(emu.stats.unaryCalls).toBe(before.unaryCalls);
    expect(emu.stats.archiveRequests).toBe(before.archiveRequests);
    expect(emu.stats.callsByMethod).toEqual(before.callsByMethod);
  });
});

describe('the newest candles', () => {
  it('are left for a later run until they have settled (default 2 minutes)', async () => {
    const fresh = openStore(':memory:');
    try {
      const day = { from: Date.UTC(2025, 5, 20), to: Date.UTC(2025, 5, 21) };
      await download(client, fresh, {
        ...request(day),
        intervals: ['1m', '1h'],
        settleMs: undefined,
      });
      const uid = uidOf('SBER');
      // now = 12:07:30, settled = 12:05:30: minutes up to the 12:04 one, hours up to 11:00.
      const minutes = allCandles(fresh, uid, '1m');
      expect(minutes[minutes.length - 1].time).toBe(Date.UTC(2025, 5, 20, 12, 4));
      expect(fresh.coveredRanges(uid, '1m')).toEqual([
        { from: day.from, to: Date.UTC(2025, 5, 20, 12, 5) },
      ]);
      expect(fresh.coveredRanges(uid, '1h')).toEqual([
        { from: day.from, to: Date.UTC(2025, 5, 20, 12) },
      ]);
    } finally {
      fresh.close();
    }
  });
});

describe('faults on the way', () => {
  /** Two weeks of January 2025, 1m and 1h, all through GetCandles. */
  const RANGE: TimeRange = { from: Date.UTC(2025, 0, 13), to: Date.UTC(2025, 0, 27) };
  const faulty = (): DownloadRequest => ({
    instruments: 'SBER,GAZP',
    intervals: ['1m', '1h'],
    range: RANGE,
    source: 'candles',
    now: NOW,
    concurrency: 4,
  });

  it('UNAVAILABLE and RESOURCE_EXHAUSTED are survived with nothing lost', async () => {
    const clean = openStore(':memory:');
    const hurt = openStore(':memory:');
    const cleanClient = fastClient(emu);
    const hurtClient = fastClient(emu);
    try {
      await download(cleanClient, clean, faulty());
      const base = emu.stats.unaryCalls;
      // Call numbers are global: aim at resolution (base+1..4) and at GetCandles windows.
      emu.faults.unavailableOnCalls = [base + 2, base + 6, base + 7, base + 15, base + 30];
      emu.faults.resourceExhaustedOnCalls = [base + 9, base + 22];
      const summary = await download(hurtClient, hurt, faulty());
      expect(summary.requests).toBe(2 * (14 + 1));
      // 4 resolution calls + 2 GetDividends (one per share) + 30 windows + 1 TradingSchedules
      // (after the candles) + 7 refused attempts reached the server.
      expect(emu.stats.unaryCalls - base).toBe(4 + 2 + 30 + 1 + 7);
      expect(hurtClient.stats()).toMatchObject({ retries: 7, rateLimited: 2 });
      expect(cacheContent(hurt)).toEqual(cacheContent(clean));
      for (const ticker of ['SBER', 'GAZP'])
        expect(allCandles(hurt, uidOf(ticker), '1m')).toEqual(
          referenceCandles(market, uidOf(ticker), '1m', RANGE, NOW),
        );
      expect(hurt.verify().ok).toBe(true);
    } finally {
      emu.faults.unavailableOnCalls = [];
      emu.faults.resourceExhaustedOnCalls = [];
      clean.close();
      hurt.close();
      await cleanClient.close();
      await hurtClient.close();
    }
  });
});
