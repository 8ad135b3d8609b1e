/**
 * Real history round trip: the real 2024 SBER archive (../shared/data/moex-1m-2024) is imported
 * into a cache, that cache is served by the emulator (StoreMarket, what `tlab serve --data FILE`
 * runs), and a week of 1m and 1h downloaded from it through GetCandles and through the archive
 * equals the first cache's candles (1h aggregated here from its minutes), quirks included.
 * Skipped with a reason when the shared data folder is absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Instrument } from '../../src/core/instrument.ts';
import type { TimeRange } from '../../src/core/time.ts';
import { importArchiveFile, openStore, type CandleStore } from '../../src/data/index.ts';
import {
  startEmulator,
  type MarketSource,
  type RunningEmulator,
} from '../../src/emulator/index.ts';
import { StoreMarket } from '../../src/emulator/market/store-market.ts';
import type { TinvestClient } from '../../src/live/index.ts';
import { allCandles, download, fastClient, referenceCandles, repoRoot } from './helpers.ts';

const folder = path.resolve(repoRoot, '../shared/data/moex-1m-2024');
const absent = !existsSync(path.join(folder, 'BBG004730N88_2024.zip'));
/** Monday 2024-10-14 to Monday 2024-10-21: five sessions plus a weekend of dealer trading. */
const WEEK: TimeRange = { from: Date.UTC(2024, 9, 14), to: Date.UTC(2024, 9, 21) };
const NOW = Date.UTC(2024, 11, 2);
const DAY = 86_400_000;

describe.skipIf(absent)(`real SBER 2024 minutes round trip (needs ${folder})`, () => {
  let original: CandleStore;
  let emu: RunningEmulator;
  let client: TinvestClient;
  let sber: Instrument;

  beforeAll(async () => {
    const specs = JSON.parse(
      readFileSync(path.join(repoRoot, 'test/fixtures/moex-2024-instruments.json'), 'utf8'),
    ) as { instruments: Instrument[] };
    sber = specs.instruments.find((i) => i.ticker === 'SBER')!;
    original = openStore(':memory:');
    // The real spec first, as after `tlab download`; the archive then fills in the minutes.
    original.upsertInstrument(sber, 'api');
    await importArchiveFile(original, path.join(folder, 'BBG004730N88_2024.zip'));
    emu = await startEmulator({
      source: new StoreMarket(original),
      now: () => NOW,
      limits: { enabled: false },
    });
    client = fastClient(emu);
  });

  afterAll(async () => {
    await client?.close();
    await emu?.stop();
    original?.close();
  });

  /** The original cache seen as a market, for the reference aggregation. */
  const originalMarket = (): MarketSource => ({
    instruments: () => original.listInstruments(),
    minuteCandles: (uid, from, to) => original.readCandles(uid, '1m', from, to),
  });

  it('GetCandles: 1m and 1h equal the imported minutes (1h aggregated)', async () => {
    const copy = openStore(':memory:');
    try {
      const summary = await download(client, copy, {
        instruments: 'SBER',
        intervals: ['1m', '1h'],
        range: WEEK,
        source: 'auto',
        now: NOW,
      });
      expect(summary).toMatchObject({ archives: 0, requests: 7 + 1 });
      const minutes = original.readCandles(sber.uid, '1m', WEEK.from, WEEK.to);
      expect(minutes.length).toBeGreaterThan(3000);
      // Real quirks came through: weekend dealer sessions are part of the week.
      const weekend = minutes.filter((c) => c.time >= WEEK.from + 5 * DAY);
      expect(weekend.length).toBeGreaterThan(100);
      expect(allCandles(copy, sber.uid, '1m')).toEqual(minutes);
      const hours = referenceCandles(originalMarket(), sber.uid, '1h', WEEK, NOW);
      expect(allCandles(copy, sber.uid, '1h')).toEqual(hours);
      expect(copy.coveredRanges(sber.uid, '1m')).toEqual([WEEK]);
      expect(copy.getInstrument(sber.uid)).toMatchObject({ ticker: 'SBER', lot: 10 });
      const report = copy.verify();
      expect(report.ok).toBe(true);
      // Off-tick prints are kept, not fixed: as many as the original holds in that week.
      const offTick = (r: typeof report) => r.series.find((s) => s.interval === '1m')?.offTick;
      const originalWeek = openStore(':memory:');
      originalWeek.upsertInstrument(sber, 'api');
      originalWeek.upsertCandles(sber.uid, '1m', minutes, WEEK);
      expect(offTick(report)).not.toBeNull();
      expect(offTick(report)).toBe(offTick(originalWeek.verify()));
      originalWeek.close();
    } finally {
      copy.close();
    }
  });

  it('archive: the served yearly archive gives the same minutes', async () => {
    const copy = openStore(':memory:');
    try {
      const summary = await download(client, copy, {
        instruments: 'SBER',
        intervals: ['1m'],
        range: WEEK,
        source: 'archive',
        now: NOW,
      });
      expect(summary).toMatchObject({ archives: 1, requests: 0 });
      expect(allCandles(copy, sber.uid, '1m')).toEqual(
        original.readCandles(sber.uid, '1m', WEEK.from, WEEK.to),
      );
      expect(copy.coveredRanges(sber.uid, '1m')).toEqual([WEEK]);
    } finally {
      copy.close();
    }
  });
});
