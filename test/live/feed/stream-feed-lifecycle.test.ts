/**
 * GrpcStreamFeed's lifecycle on a replaying emulator: the dead-stream bound derived from the ping
 * delay, a silent stream detected (never before its bound) and replaced with the read going on
 * unbroken, stop() ending every open read cleanly, and what the feed tells besides candles: venue
 * time, trading status, readiness.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Candle } from '../../../src/core/candle.ts';
import type { RunningEmulator } from '../../../src/emulator/index.ts';
import { GrpcStreamFeed, type LiveEvent, type TinvestClient } from '../../../src/live/index.ts';
import {
  GAZP,
  HOUR,
  MINUTE,
  SBER,
  WED,
  clientOf,
  collect,
  replayEmulator,
  referenceCandles,
  testFeed,
  until,
} from './feed-helpers.ts';

describe('GrpcStreamFeed lifecycle', () => {
  let emu: RunningEmulator | undefined;
  let client: TinvestClient | undefined;
  afterEach(async () => {
    await client?.close();
    await emu?.stop();
  });

  it('derives the dead-stream bound from the ping delay unless told', async () => {
    emu = await replayEmulator(WED + 10 * HOUR, 1);
    const client = clientOf(emu);
    expect(new GrpcStreamFeed({ client, pingDelayMs: 20_000 }).deadAfterMs).toBe(45_000);
    expect(new GrpcStreamFeed({ client }).deadAfterMs).toBe(35_000);
    expect(new GrpcStreamFeed({ client, deadAfterMs: 1234 }).deadAfterMs).toBe(1234);
    expect(() => new GrpcStreamFeed({ client, maxPerStream: 301 })).toThrow(/1\.\.300/);
    await client.close();
  });

  it('detects a silent stream past its bound, reconnects, and the read goes on unbroken', async () => {
    emu = await replayEmulator(WED + 10 * HOUR, 600);
    client = clientOf(emu);
    const { feed, events } = testFeed(client, { pingDelayMs: 50, deadAfterMs: 400 });
    const key = { instrumentUid: SBER, interval: '1m' as const };
    const from = WED + 9 * HOUR;
    const got: Candle[] = [];
    const reading = collect(feed, key, { from, to: Number.POSITIVE_INFINITY }, got);
    await until(
      () => feed.ready() && got.length > 0 && got[got.length - 1].time >= WED + 10 * HOUR,
    );
    expect(events.filter((e) => e.kind === 'stream-dead')).toEqual([]);
    expect(emu.stallStreams()).toBe(1);
    const dead = await until(() => events.find((e) => e.kind === 'stream-dead'));
    expect(dead).toMatchObject({ reason: 'dead', stream: 0 });
    expect(dead.silentMs as number).toBeGreaterThan(400);
    const afterStall = got.length;
    await until(() => feed.ready() && got.length > afterStall + 3);
    feed.stop();
    await reading;
    const want = await referenceCandles(client, key, { from, to: got[got.length - 1].time + 1 });
    expect(got).toEqual(want);
    const kinds = events.map((e: LiveEvent) => e.kind);
    expect(kinds.filter((k) => k === 'stream-connected')).toHaveLength(2);
    expect(kinds.indexOf('stream-reconnect')).toBeGreaterThan(kinds.indexOf('stream-dead'));
  });

  it('stop() ends every open read cleanly and closes the streams', async () => {
    emu = await replayEmulator(WED + 10 * HOUR, 600);
    client = clientOf(emu);
    const { feed } = testFeed(client);
    const a: Candle[] = [];
    const b: Candle[] = [];
    const forever = { from: WED + 10 * HOUR - 5 * MINUTE, to: Number.POSITIVE_INFINITY };
    const reads = [
      collect(feed, { instrumentUid: SBER, interval: '1m' }, forever, a),
      collect(feed, { instrumentUid: GAZP, interval: '1m' }, forever, b),
    ];
    await until(() => a.length > 6 && b.length > 6);
    expect(feed.streams()).toBe(1);
    feed.stop();
    await expect(Promise.all(reads)).resolves.toBeDefined();
    expect(feed.streams()).toBe(0);
    await until(() => (emu!.openStreams().MarketDataStream ?? 0) === 0);
    // A read started after stop() ends at once.
    expect(await collect(feed, { instrumentUid: SBER, interval: '1m' }, forever, [])).toEqual([]);
  });

  it('tells venue time, trading status and readiness', async () => {
    emu = await replayEmulator(WED + 10 * HOUR, 600);
    client = clientOf(emu);
    const { feed } = testFeed(client);
    expect(feed.venueTime()).toBe(Number.NEGATIVE_INFINITY);
    expect(feed.ready()).toBe(true);
    expect(feed.tradingStatus(SBER)).toBeUndefined();
    const got: Candle[] = [];
    const reading = collect(
      feed,
      { instrumentUid: SBER, interval: '1m' },
      { from: WED + 10 * HOUR, to: Number.POSITIVE_INFINITY },
      got,
    );
    expect(feed.ready()).toBe(false);
    await until(() => got.length >= 2 && feed.tradingStatus(SBER) !== undefined);
    expect(feed.ready()).toBe(true);
    expect(feed.tradingStatus(SBER)).toBe('normal_trading');
    const seen = feed.venueTime();
    expect(seen).toBeGreaterThanOrEqual(got[got.length - 1].time + MINUTE);
    expect(seen).toBeLessThanOrEqual(emu.clock.now());
    feed.stop();
    await reading;
  });
});
