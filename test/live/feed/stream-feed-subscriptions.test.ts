/**
 * GrpcStreamFeed's subscriptions against the emulator's limits: more than 300 series split across
 * streams (the emulator refuses a 301st subscription on one stream), items answered
 * TOO_MANY_REQUESTS retried until the venue takes them, and an unknown instrument failing its read
 * with a one-line error instead of reading silently empty.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Candle } from '../../../src/core/candle.ts';
import type { Instrument } from '../../../src/core/instrument.ts';
import {
  SYNTHETIC_CATALOG,
  SyntheticMarket,
  type MarketSource,
  type RunningEmulator,
} from '../../../src/emulator/index.ts';
import type { TinvestClient } from '../../../src/live/index.ts';
import {
  HOUR,
  MINUTE,
  SBER,
  WED,
  clientOf,
  collect,
  readCandles,
  referenceCandles,
  replayEmulator,
  testFeed,
  until,
} from './feed-helpers.ts';

/** A market of `n` listings that all trade like SBER (same candles, distinct uids). */
function clonedMarket(n: number): MarketSource & { uids: string[] } {
  const base = new SyntheticMarket(1);
  const sber = base.instruments().find((i) => i.uid === SBER)!;
  const list: Instrument[] = Array.from({ length: n }, (_, k) => ({
    ...sber,
    uid: `clone-${k}`,
    figi: `CLONE${k}`,
    ticker: `CLN${k}`,
  }));
  return {
    uids: list.map((i) => i.uid),
    instruments: () => list.map((i) => ({ ...i })),
    minuteCandles: (_uid, from, to) => base.minuteCandles(SBER, from, to),
  };
}

describe('GrpcStreamFeed subscriptions', () => {
  let emu: RunningEmulator | undefined;
  let client: TinvestClient | undefined;
  afterEach(async () => {
    await client?.close();
    await emu?.stop();
  });

  it('splits 320 series across two streams of at most 300 and streams every one', async () => {
    const market = clonedMarket(320);
    // 320 backfills at 600 GetCandles a minute would take half a minute: scale the window down.
    emu = await replayEmulator(WED + 10 * HOUR, 600, {
      source: market,
      limits: { windowMs: 2000 },
    });
    client = clientOf(emu, { rateLimit: { windowMs: 2000 } });
    // A generous dead bound: 320 backfills at once keep a busy machine's event loop busy.
    const { feed, events } = testFeed(client, { subscribeInfo: false, deadAfterMs: 5000 });
    const from = WED + 10 * HOUR - 2 * MINUTE;
    const got = market.uids.map(() => [] as Candle[]);
    const reads = market.uids.map((uid, k) =>
      collect(feed, { instrumentUid: uid, interval: '1m' }, { from, to: Infinity }, got[k]),
    );
    await until(() => feed.ready() && got.every((g) => g.length >= 4));
    expect(feed.streams()).toBe(2);
    expect(emu.openStreams().MarketDataStream).toBe(2);
    expect(events.filter((e) => e.kind === 'subscription-rejected')).toEqual([]);
    expect(events.filter((e) => e.kind === 'stream-connected').map((e) => e.stream)).toEqual([
      0, 1,
    ]);
    feed.stop();
    await Promise.all(reads);
    const last = Math.max(...got.map((g) => g[g.length - 1].time));
    const want = await referenceCandles(
      client,
      { instrumentUid: market.uids[0], interval: '1m' },
      { from, to: last + 1 },
    );
    for (const g of got) expect(g).toEqual(want.slice(0, g.length));
  });

  it('retries items answered TOO_MANY_REQUESTS until the venue takes them', async () => {
    emu = await replayEmulator(WED + 10 * HOUR, 600, {
      streams: { subscriptionRequestsPerMinute: 2 },
      limits: { windowMs: 400 },
    });
    client = clientOf(emu);
    const { feed, events } = testFeed(client, { subscribeInfo: false });
    const range = { from: WED + 9 * HOUR, to: WED + 9 * HOUR + 10 * MINUTE };
    const uids = SYNTHETIC_CATALOG.slice(0, 3).map((c) => c.instrument.uid);
    const reads: Promise<Candle[]>[] = [];
    for (const uid of uids) {
      // One request each: a turn of the event loop apart.
      reads.push(readCandles(feed, { instrumentUid: uid, interval: '1m' }, range));
      await new Promise((r) => setImmediate(r));
    }
    const got = await Promise.all(reads);
    const rejected = events.filter((e) => e.kind === 'subscription-rejected');
    expect(rejected.length).toBeGreaterThan(0);
    expect(rejected[0]).toMatchObject({
      status: 'SUBSCRIPTION_STATUS_TOO_MANY_REQUESTS',
      retry: true,
    });
    for (const [k, uid] of uids.entries()) {
      const want = await referenceCandles(client, { instrumentUid: uid, interval: '1m' }, range);
      expect(want.length).toBeGreaterThan(5);
      expect(got[k]).toEqual(want);
    }
    feed.stop();
  });

  it('fails the read of an unknown instrument with a one-line error naming it', async () => {
    emu = await replayEmulator(WED + 10 * HOUR, 600);
    client = clientOf(emu);
    const { feed, events } = testFeed(client);
    const read = readCandles(
      feed,
      { instrumentUid: 'no-such-uid', interval: '1m' },
      { from: WED + 9 * HOUR, to: Infinity },
    );
    await expect(read).rejects.toThrow(/no-such-uid 1m: SUBSCRIPTION_STATUS_INSTRUMENT_NOT_FOUND/);
    expect(events.find((e) => e.kind === 'subscription-rejected')).toMatchObject({
      instrumentUid: 'no-such-uid',
      retry: false,
    });
    feed.stop();
  });
});
