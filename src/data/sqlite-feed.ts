/**
 * @module SqliteFeed: the engine's MarketDataFeed port over the candle cache, for backtests. Reads
 * check every chunk's checksum and stop with a CorruptChunkError on the first that fails.
 */
import type { CandleBatch } from '../core/candle.ts';
import type { TimeRange } from '../core/time.ts';
import type { MarketDataFeed, SeriesKey } from '../engine/ports/market-data-feed.ts';
import type { CandleStore } from './store.ts';

/** Serves cached candles to the engine, streaming chunk by chunk. */
export class SqliteFeed implements MarketDataFeed {
  constructor(private readonly store: CandleStore) {}

  /** Stored candles of the series with open time in the range, one batch per chunk. */
  read(series: SeriesKey, range: TimeRange): Iterable<CandleBatch> {
    return this.store.readBatches(series.instrumentUid, series.interval, range.from, range.to);
  }

  /** Parts of the range never fetched (verified-empty ranges are not missing). */
  missing(series: SeriesKey, range: TimeRange): TimeRange[] {
    return this.store.missingRanges(series.instrumentUid, series.interval, range);
  }

  /** Distinct source labels of the stored chunks holding candles in the range, oldest first. */
  sources(series: SeriesKey, range: TimeRange): string[] {
    return this.store.sourcesIn(series.instrumentUid, series.interval, range);
  }
}
