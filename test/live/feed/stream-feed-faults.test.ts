/**
 * GrpcStreamFeed through injected stream faults on a replayed day at high speed: streams dropped
 * after N messages, streams that go silent (no data, no pings, no close) after N messages, and
 * streams reset after a real-time delay, and streams the venue closes at their maximum
 * lifetime (RESOURCE_EXHAUSTED 80005). Each time the feed reconnects, resubscribes and backfills,
 * and the read still equals GetCandles over the same period candle for candle: lost 0,
 * duplicated 0.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { EmulatorOptions, RunningEmulator } from '../../../src/emulator/index.ts';
import type { TinvestClient } from '../../../src/live/index.ts';
import {
  HOUR,
  SBER,
  WED,
  clientOf,
  lossAndDuplicates,
  readCandles,
  referenceCandles,
  replayEmulator,
  testFeed,
} from './feed-helpers.ts';

const cases: { name: string; venue: EmulatorOptions; reason: string; apiCode?: number }[] = [
  {
    name: 'streams dropped after 40 messages',
    venue: { faults: { dropStreamAfter: 40 } },
    reason: 'error',
  },
  {
    name: 'streams stalled after 40 messages',
    venue: { faults: { stallStreamAfter: 40 } },
    reason: 'dead',
  },
  {
    name: 'streams reset 300 ms after opening',
    venue: { faults: { resetStreamAfterMs: 300 } },
    reason: 'error',
  },
  {
    name: 'streams closed by the venue at their 300 ms lifetime (80005)',
    venue: { streams: { maxLifetimeMs: 300 } },
    reason: 'error',
    apiCode: 80005,
  },
];

describe('GrpcStreamFeed through stream faults', () => {
  let emu: RunningEmulator | undefined;
  let client: TinvestClient | undefined;
  afterEach(async () => {
    await client?.close();
    await emu?.stop();
  });

  for (const c of cases) {
    it(`${c.name}: reconnects, backfills, and equals GetCandles with none lost or duplicated`, async () => {
      emu = await replayEmulator(WED + 9 * HOUR, 6000, structuredClone(c.venue));
      client = clientOf(emu);
      const { feed, events } = testFeed(client);
      const key = { instrumentUid: SBER, interval: '1m' as const };
      const range = { from: WED + 8 * HOUR, to: WED + 12 * HOUR };
      const got = await readCandles(feed, key, range);
      feed.stop();
      const want = await referenceCandles(client, key, range);
      expect(want.length).toBeGreaterThan(200);
      expect(lossAndDuplicates(got, want)).toEqual({ lost: 0, duplicated: 0 });
      expect(got).toEqual(want);
      const dead = events.filter((e) => e.kind === 'stream-dead');
      expect(dead.filter((e) => e.reason === c.reason).length).toBeGreaterThanOrEqual(2);
      if (c.apiCode) expect(dead.some((e) => e.apiCode === c.apiCode)).toBe(true);
      expect(events.filter((e) => e.kind === 'stream-reconnect').length).toBe(dead.length);
      // One connect per reconnect, plus the first unless the read ended while one was pending.
      const connected = events.filter((e) => e.kind === 'stream-connected').length;
      expect(connected).toBeGreaterThanOrEqual(dead.length);
      expect(connected).toBeLessThanOrEqual(dead.length + 1);
      // Backfills after reconnects brought candles the dead streams never delivered.
      const later = events.filter((e) => e.kind === 'stream-backfill').slice(1);
      expect(later.length).toBeGreaterThan(0);
      expect(later.reduce((n, e) => n + (e.api as number), 0)).toBeGreaterThan(0);
    });
  }
});
