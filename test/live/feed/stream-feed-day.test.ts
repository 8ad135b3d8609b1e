/**
 * GrpcStreamFeed against a replayed day at high speed: the candles a read yields (GetCandles for
 * the part already closed, the stream for the rest) equal GetCandles over the same period, candle
 * for candle, with none lost and none duplicated.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../src/emulator/index.ts';
import type { TinvestClient } from '../../../src/live/index.ts';
import {
  GAZP,
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

describe('GrpcStreamFeed over a replayed day', () => {
  let emu: RunningEmulator | undefined;
  let client: TinvestClient | undefined;
  afterEach(async () => {
    await client?.close();
    await emu?.stop();
  });

  it('backfills the closed part, streams the rest, and equals GetCandles candle for candle', async () => {
    emu = await replayEmulator(WED + 10 * HOUR, 6000);
    client = clientOf(emu);
    const { feed, events } = testFeed(client);
    const key = { instrumentUid: SBER, interval: '1m' as const };
    const range = { from: WED + 8 * HOUR, to: WED + 11 * HOUR };
    const got = await readCandles(feed, key, range);
    feed.stop();
    const want = await referenceCandles(client, key, range);
    expect(want.length).toBeGreaterThan(150);
    expect(got).toEqual(want);
    expect(lossAndDuplicates(got, want)).toEqual({ lost: 0, duplicated: 0 });
    const backfill = events.find((e) => e.kind === 'stream-backfill');
    expect(backfill).toMatchObject({ api: expect.any(Number) });
    expect(backfill!.api as number).toBeGreaterThan(100);
    expect(backfill!.api as number).toBeLessThan(want.length);
    expect(feed.venueTime()).toBeGreaterThanOrEqual(range.to);
  });

  it('serves several instruments and intervals on one stream at once, through drops', async () => {
    emu = await replayEmulator(WED + 10 * HOUR, 6000, { faults: { dropStreamAfter: 60 } });
    client = clientOf(emu);
    const { feed, events } = testFeed(client);
    const range = { from: WED + 8 * HOUR, to: WED + 12 * HOUR };
    const keys = [
      { instrumentUid: SBER, interval: '1m' as const },
      { instrumentUid: SBER, interval: '5m' as const },
      { instrumentUid: GAZP, interval: '15m' as const },
      { instrumentUid: GAZP, interval: '1h' as const },
    ];
    const got = await Promise.all(keys.map((k) => readCandles(feed, k, range)));
    feed.stop();
    expect(events.filter((e) => e.kind === 'stream-dead').length).toBeGreaterThan(0);
    for (const [i, k] of keys.entries()) {
      const want = await referenceCandles(client, k, range);
      expect(want.length).toBeGreaterThanOrEqual(4);
      expect(lossAndDuplicates(got[i], want)).toEqual({ lost: 0, duplicated: 0 });
      expect(got[i]).toEqual(want);
    }
  });
});
