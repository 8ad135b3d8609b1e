/**
 * @module Helpers for the stream feed suites: an emulator replaying a day at high speed on loopback
 * (small ping delays allowed), a client for it, a feed with test-sized timings, and readers that
 * copy every candle out of the batches.
 */
import { candleAt, type Candle, type CandleBatch } from '../../../src/core/candle.ts';
import type { TimeRange } from '../../../src/core/time.ts';
import type { MarketDataFeed, SeriesKey } from '../../../src/engine/ports/market-data-feed.ts';
import {
  startEmulator,
  type EmulatorOptions,
  type RunningEmulator,
} from '../../../src/emulator/index.ts';
import {
  createTinvestClient,
  GrpcStreamFeed,
  type GrpcStreamFeedOptions,
  type LiveEvent,
  type TinvestClient,
  type TinvestClientOptions,
} from '../../../src/live/index.ts';

export const TOKEN = 'feed-test-token';
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
/** Wednesday 2024-10-02, a trading day of the synthetic market. */
export const WED = Date.UTC(2024, 9, 2);
export const SBER = 'e6123145-9665-43e0-8413-cd61b8aa9b13';
export const GAZP = '962e2a95-02a9-4171-abd7-aa198dbe643a';
/** Ping period the feeds in tests ask for (the emulators below allow it). */
export const PING_MS = 40;
/** Dead-stream bound of the test feeds: loose enough that a busy machine's pauses are not deaths. */
export const DEAD_MS = 500;

/** Starts an emulator replaying from `from` at `speed`, with pings allowed down to 10 ms. */
export function replayEmulator(
  from: number,
  speed: number,
  options: EmulatorOptions = {},
): Promise<RunningEmulator> {
  return startEmulator({
    tokens: [TOKEN],
    replay: { from, speed },
    ...options,
    streams: { minPingDelayMs: 10, ...options.streams },
  });
}

/** A client for the emulator with fast retries. */
export function clientOf(
  emu: RunningEmulator,
  options: Partial<TinvestClientOptions> = {},
): TinvestClient {
  return createTinvestClient({
    endpoint: emu.grpcAddress,
    token: TOKEN,
    retry: { initialDelayMs: 20, maxDelayMs: 200 },
    ...options,
  });
}

/** A feed with test-sized pings and reconnect delays that records its events. */
export function testFeed(
  client: TinvestClient,
  options: Partial<GrpcStreamFeedOptions> = {},
): { feed: GrpcStreamFeed; events: LiveEvent[] } {
  const events: LiveEvent[] = [];
  const feed = new GrpcStreamFeed({
    client,
    pingDelayMs: PING_MS,
    deadAfterMs: DEAD_MS,
    reconnectInitialDelayMs: 10,
    reconnectMaxDelayMs: 100,
    onEvent: (e) => events.push(e),
    ...options,
  });
  return { feed, events };
}

/** Reads a whole series through any feed, copying each candle out of its batch. */
export async function readCandles(
  feed: MarketDataFeed,
  key: SeriesKey,
  range: TimeRange,
): Promise<Candle[]> {
  const out: Candle[] = [];
  // for-await takes sync iterables too (the cache feed's reads).
  for await (const b of feed.read(key, range) as AsyncIterable<CandleBatch>)
    for (let i = 0; i < b.length; i++) out.push(candleAt(b, i));
  return out;
}

/** GetCandles over a range in day windows (the reference the feed must equal). */
export async function referenceCandles(
  client: TinvestClient,
  key: SeriesKey,
  range: TimeRange,
): Promise<Candle[]> {
  const out: Candle[] = [];
  for (let t = range.from; t < range.to; t += 24 * HOUR) {
    const to = Math.min(range.to, t + 24 * HOUR);
    out.push(
      ...(await client.getCandles({
        instrumentId: key.instrumentUid,
        interval: key.interval,
        from: t,
        to,
      })),
    );
  }
  return out;
}

/** Candles lost and duplicated in `got` against `want` (by open time). */
export function lossAndDuplicates(got: readonly Candle[], want: readonly Candle[]) {
  const seen = new Map<number, number>();
  for (const c of got) seen.set(c.time, (seen.get(c.time) ?? 0) + 1);
  const lost = want.filter((c) => !seen.has(c.time)).length;
  const duplicated = [...seen.values()].reduce((n, k) => n + (k - 1), 0);
  return { lost, duplicated };
}

/** Reads into `into` until the read ends; resolves with it (rejects with the read's error). */
export async function collect(
  feed: { read: GrpcStreamFeed['read'] },
  key: SeriesKey,
  range: TimeRange,
  into: Candle[],
): Promise<Candle[]> {
  for await (const b of feed.read(key, range))
    for (let i = 0; i < b.length; i++) into.push(candleAt(b, i));
  return into;
}

/**
 * Waits until `probe` returns a truthy value and returns it, checking every 10 ms; gives up after
 * 20 s with an error (a hang guard, not a timing assertion).
 */
export async function until<T>(probe: () => T | undefined | false): Promise<T> {
  for (let waited = 0; waited < 20_000; waited += 10) {
    const v = probe();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('condition not reached within 20 s');
}
