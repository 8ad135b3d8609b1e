/**
 * @module The closed part of a read: candles of one series with open time in a range, from the
 * local cache where it has them (the optional `history` feed, for warm-up) and from GetCandles,
 * window by window, for every stretch the cache never fetched. Oldest first, each once.
 */
import { batchFromCandles, type CandleBatch } from '../../core/candle.ts';
import type { TimeRange } from '../../core/time.ts';
import { requestWindows } from '../../data/download/windows.ts';
import type { MarketDataFeed, SeriesKey } from '../../engine/ports/market-data-feed.ts';
import type { TinvestClient } from '../client/tinvest-client.ts';

/** Where the closed candles come from. */
export interface BackfillSources {
  client: Pick<TinvestClient, 'getCandles'>;
  history?: MarketDataFeed;
}

/** One stretch of a range and who serves it. */
interface Stretch extends TimeRange {
  from: number;
  to: number;
  by: 'cache' | 'api';
}

/** Cuts `range` into cache-covered and never-fetched stretches, in order. */
function stretches(series: SeriesKey, range: TimeRange, history?: MarketDataFeed): Stretch[] {
  if (!history) return [{ ...range, by: 'api' }];
  const out: Stretch[] = [];
  let at = range.from;
  const gaps = history
    .missing(series, range)
    .map((g) => ({ from: Math.max(g.from, range.from), to: Math.min(g.to, range.to) }))
    .filter((g) => g.to > g.from)
    .sort((a, b) => a.from - b.from);
  for (const g of gaps) {
    if (g.from > at) out.push({ from: at, to: g.from, by: 'cache' });
    out.push({ from: Math.max(at, g.from), to: g.to, by: 'api' });
    at = Math.max(at, g.to);
  }
  if (at < range.to) out.push({ from: at, to: range.to, by: 'cache' });
  return out.filter((s) => s.to > s.from);
}

/** What one backfill served, for the `stream-backfill` event. */
export interface BackfillCount {
  cache: number;
  api: number;
}

/**
 * Yields the closed candles of `series` with open time in `range`, oldest first; `count` is
 * updated as batches go out. Cache batches are passed through as the cache yields them.
 */
export async function* backfill(
  src: BackfillSources,
  series: SeriesKey,
  range: TimeRange,
  count: BackfillCount,
): AsyncGenerator<CandleBatch> {
  if (!(range.to > range.from)) return;
  for (const s of stretches(series, range, src.history)) {
    if (s.by === 'cache') {
      const it = src.history!.read(series, s);
      if (Symbol.asyncIterator in it) {
        for await (const b of it) if (b.length > 0) yield ((count.cache += b.length), b);
      } else {
        for (const b of it) if (b.length > 0) yield ((count.cache += b.length), b);
      }
      continue;
    }
    for (const w of requestWindows(series.interval, [s])) {
      const got = await src.client.getCandles({
        instrumentId: series.instrumentUid,
        interval: series.interval,
        from: w.from,
        to: w.to,
      });
      const inRange = got.filter((c) => c.time >= s.from && c.time < s.to);
      if (inRange.length === 0) continue;
      count.api += inRange.length;
      yield batchFromCandles(inRange);
    }
  }
}
