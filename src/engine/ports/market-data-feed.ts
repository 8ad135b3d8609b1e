/**
 * @module Port: where the engine gets closed candles from. The SQLite cache (src/data) implements it
 * for backtests, the gRPC stream (src/live) for sandbox and live runs; the engine knows neither.
 */
import type { CandleBatch } from '../../core/candle.ts';
import type { Interval } from '../../core/interval.ts';
import type { TimeRange } from '../../core/time.ts';

/** One candle series: an instrument (by uid) at one interval. */
export interface SeriesKey {
  instrumentUid: string;
  interval: Interval;
}

/** Source of closed candles for the engine. */
export interface MarketDataFeed {
  /**
   * Closed candles of `series` whose open time lies in [range.from, range.to), oldest first, in
   * batches. Implementations stream: they never materialise the whole range at once. A batch
   * object may be reused after the consumer moves on to the next one.
   */
  read(series: SeriesKey, range: TimeRange): Iterable<CandleBatch> | AsyncIterable<CandleBatch>;

  /**
   * Parts of `range` this feed has not got (never fetched, as opposed to verified empty), so a
   * run can refuse to trade across a hole. A feed that cannot know returns an empty list.
   */
  missing(series: SeriesKey, range: TimeRange): TimeRange[];

  /**
   * Where the candles of `series` in `range` came from: the distinct source labels (see
   * core/data-source.ts), oldest first. Optional: a feed that cannot tell omits it, and results
   * then report the source as unknown.
   */
  sources?(series: SeriesKey, range: TimeRange): string[];
}
