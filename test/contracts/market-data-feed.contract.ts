/**
 * @module The MarketDataFeed contract: what the kernel relies on from every feed (the SQLite cache,
 * the in-memory test feed, and later the gRPC stream). Each implementation runs this suite against
 * its own adapter; a new feed passes it or does not land.
 */
import { describe, expect, it } from 'vitest';
import { candleAt, type Candle, type CandleBatch } from '../../src/core/candle.ts';
import type { TimeRange } from '../../src/core/time.ts';
import type { MarketDataFeed, SeriesKey } from '../../src/engine/ports/market-data-feed.ts';

/** A series the harness stores before the feed is read; `covered` defaults to the candles' span. */
export interface FeedSeries {
  key: SeriesKey;
  candles: readonly Candle[];
  covered: TimeRange;
}

/** Where the port leaves a feed a choice, what this one does (absent: the cache's behaviour). */
export interface FeedTraits {
  /** `missing` is always empty: the feed cannot know what it lacks (the port allows it). */
  cannotKnowMissing?: boolean;
  /** An unknown series fails the read with an error naming it, instead of reading empty. */
  rejectsUnknownSeries?: boolean;
}

/** Builds a feed holding exactly `series`; `cleanup` releases what it opened. */
export type FeedFactory = (series: readonly FeedSeries[]) => Promise<{
  feed: MarketDataFeed;
  cleanup?: () => void | Promise<void>;
  traits?: FeedTraits;
}>;

const M = 60_000;
const T0 = Date.UTC(2024, 2, 4, 7); // a Monday, 07:00 UTC

function minutes(start: number, count: number, base: number): Candle[] {
  return Array.from({ length: count }, (_, k) => {
    const open = base + (k % 7) * 0.01;
    const close = base + ((k * 3) % 11) * 0.01;
    return {
      time: start + k * M,
      open: +open.toFixed(2),
      high: +(Math.max(open, close) + 0.02).toFixed(2),
      low: +(Math.min(open, close) - 0.01).toFixed(2),
      close: +close.toFixed(2),
      volume: 1 + k,
    };
  });
}

/** Reads a whole series, copying each batch at once (a feed may reuse its batch object). */
export async function readAll(
  feed: MarketDataFeed,
  key: SeriesKey,
  range: TimeRange,
): Promise<Candle[]> {
  const out: Candle[] = [];
  const take = (b: CandleBatch) => {
    expect(b.length).toBeGreaterThanOrEqual(0);
    for (let i = 0; i < b.length; i++) out.push(candleAt(b, i));
  };
  const src = feed.read(key, range);
  if (Symbol.asyncIterator in src) for await (const b of src) take(b);
  else for (const b of src) take(b);
  return out;
}

/** Runs the MarketDataFeed contract against one implementation. */
export function describeMarketDataFeedContract(name: string, make: FeedFactory): void {
  const a: SeriesKey = { instrumentUid: 'uid-a', interval: '1m' };
  const b: SeriesKey = { instrumentUid: 'uid-b', interval: '1m' };
  const ca = minutes(T0, 300, 100);
  const cb = minutes(T0 + 5 * M, 200, 250);
  const series: FeedSeries[] = [
    { key: a, candles: ca, covered: { from: T0, to: T0 + 300 * M } },
    { key: b, candles: cb, covered: { from: T0, to: T0 + 205 * M } },
  ];
  const whole = { from: T0, to: T0 + 300 * M };

  describe(`MarketDataFeed contract: ${name}`, () => {
    it('reads exactly the stored candles of a series, oldest first, strictly increasing', async () => {
      const { feed, cleanup } = await make(series);
      try {
        expect(await readAll(feed, a, whole)).toEqual(ca);
        expect(await readAll(feed, b, whole)).toEqual(cb);
      } finally {
        await cleanup?.();
      }
    });

    it('includes a candle opening at from and excludes one opening at to', async () => {
      const { feed, cleanup } = await make(series);
      try {
        const got = await readAll(feed, a, { from: T0 + 10 * M, to: T0 + 20 * M });
        expect(got.map((c) => c.time)).toEqual(ca.slice(10, 20).map((c) => c.time));
      } finally {
        await cleanup?.();
      }
    });

    it('yields nothing for an unknown series or an empty stretch', async () => {
      const { feed, cleanup, traits } = await make(series);
      try {
        const unknown = readAll(feed, { instrumentUid: 'nope', interval: '1m' }, whole);
        if (traits?.rejectsUnknownSeries) await expect(unknown).rejects.toThrow(/nope/);
        else expect(await unknown).toEqual([]);
        expect(await readAll(feed, b, { from: T0, to: T0 + 5 * M })).toEqual([]);
      } finally {
        await cleanup?.();
      }
    });

    it('reports nothing missing inside coverage and the gap outside it', async () => {
      const { feed, cleanup, traits } = await make(series);
      try {
        if (traits?.cannotKnowMissing) {
          expect(feed.missing(a, whole)).toEqual([]);
          expect(feed.missing(b, whole)).toEqual([]);
          return;
        }
        expect(feed.missing(a, whole)).toEqual([]);
        expect(feed.missing(b, { from: T0, to: T0 + 205 * M })).toEqual([]);
        const gaps = feed.missing(b, whole);
        expect(gaps.length).toBeGreaterThan(0);
        expect(Math.min(...gaps.map((g) => g.from))).toBeGreaterThanOrEqual(T0 + 205 * M - 1);
        expect(Math.max(...gaps.map((g) => g.to))).toBe(T0 + 300 * M);
      } finally {
        await cleanup?.();
      }
    });

    it('serves two series read interleaved, and a read abandoned half-way does not disturb the next', async () => {
      const { feed, cleanup } = await make(series);
      try {
        const src = feed.read(a, whole);
        const it =
          Symbol.asyncIterator in src ? src[Symbol.asyncIterator]() : src[Symbol.iterator]();
        const first = await it.next();
        expect(first.done).toBe(false);
        expect(await readAll(feed, b, whole)).toEqual(cb);
        await it.return?.();
        expect(await readAll(feed, a, whole)).toEqual(ca);
      } finally {
        await cleanup?.();
      }
    });

    it('names its sources as labels, when it can tell', async () => {
      const { feed, cleanup } = await make(series);
      try {
        if (feed.sources === undefined) return;
        const labels = feed.sources(a, whole);
        expect(Array.isArray(labels)).toBe(true);
        for (const l of labels) expect(typeof l).toBe('string');
        expect(new Set(labels).size).toBe(labels.length);
      } finally {
        await cleanup?.();
      }
    });
  });
}
