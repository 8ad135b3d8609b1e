/**
 * @module Schedules downloaded with the candles: `tlab download`'s downloader caches the emulator's
 * TradingSchedules days of the instruments' exchange for the range, asks only for days not cached
 * yet, and the cached days then drive session filtering without the standard-day fallback.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/data/index.ts';
import { ScheduleRepo } from '../../src/data/schedule-repo.ts';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.ts';
import { download, fastClient } from './helpers.ts';

const NOW = Date.UTC(2025, 1, 14, 12);
const RANGE = { from: Date.UTC(2025, 1, 3), to: Date.UTC(2025, 1, 10) };
let emu: RunningEmulator;

beforeAll(async () => {
  emu = await startEmulator({ seed: 5, now: () => NOW, limits: { enabled: false } });
});
afterAll(async () => {
  await emu?.stop();
});

describe('schedules with the download', () => {
  it('caches one day per exchange and date once, and the calendar uses them', async () => {
    const client = fastClient(emu);
    const store = openStore(':memory:');
    try {
      const request = {
        instruments: 'SBER',
        intervals: ['1h' as const],
        range: RANGE,
        source: 'candles' as const,
        now: NOW,
      };
      const first = await download(client, store, request);
      expect(first.schedules).toEqual([{ exchange: 'MOEX', days: 7, unavailable: false }]);
      const repo = new ScheduleRepo(store.db);
      // Mon 3 .. Sun 9 Feb 2025: five trading days, then the weekend.
      expect(repo.days('MOEX', RANGE).map((d) => d.isTradingDay)).toEqual([
        true,
        true,
        true,
        true,
        true,
        false,
        false,
      ]);
      const asked = () => emu.stats.callsByMethod['InstrumentsService/TradingSchedules'] ?? 0;
      expect(asked()).toBe(1);
      const again = await download(client, store, request);
      expect(again.schedules).toEqual([{ exchange: 'MOEX', days: 0, unavailable: false }]);
      expect(asked()).toBe(1);
      const sber = store.listInstruments().find((i) => i.ticker === 'SBER');
      const cal = repo.calendarFor(sber);
      expect(cal.sessionAt(Date.UTC(2025, 1, 3, 16, 30))).toBe('evening');
      expect(cal.fallbackDays).toBe(0);
    } finally {
      store.close();
      await client.close();
    }
  });
});
