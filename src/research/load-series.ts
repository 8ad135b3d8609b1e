/**
 * @module Reads a study's series from the candle cache once, into shared memory, after checking
 * that the cache covers the whole range (a hole fails with the exact ranges, as a backtest does).
 */
import type { Instrument } from '../core/instrument.ts';
import type { Interval } from '../core/interval.ts';
import type { TimeRange } from '../core/time.ts';
import { SqliteFeed } from '../data/sqlite-feed.ts';
import type { CandleStore } from '../data/store.ts';
import { MissingDataError, type MarketDataFeed, type SeriesGap } from '../engine/index.ts';
import { createCandleBatch } from '../core/candle.ts';
import { keepCandles } from '../data/session-feed.ts';
import { shareSeries, type SharedSeries } from './shared-candles.ts';

/**
 * Which candles a study keeps (`--sessions`): for one series (instrument uid and interval), the
 * test of a candle's open time, made once per series.
 */
export type CandleKeep = (uid: string, interval: Interval) => (time: number) => boolean;

/** Every instrument at every interval over `range`, shared; throws MissingDataError on a hole. */
export function loadSharedSeries(
  store: CandleStore,
  instruments: readonly Instrument[],
  intervals: readonly Interval[],
  range: TimeRange,
  keep?: CandleKeep,
): SharedSeries[] {
  const feed: MarketDataFeed = new SqliteFeed(store);
  const keys = instruments.flatMap((i) => intervals.map((interval) => ({ i, interval })));
  const gaps: SeriesGap[] = [];
  for (const { i, interval } of keys) {
    const series = { instrumentUid: i.uid, interval };
    const ranges = feed.missing(series, range);
    if (ranges.length > 0) gaps.push({ series, ticker: i.ticker, ranges });
  }
  if (gaps.length > 0) throw new MissingDataError(gaps);
  return keys.map(({ i, interval }) => {
    const key = { instrumentUid: i.uid, interval };
    const batches = store.readBatches(i.uid, interval, range.from, range.to);
    const test = keep?.(i.uid, interval);
    const kept = test
      ? [...batches].map((b) => keepCandles(b, createCandleBatch(b.length), test))
      : batches;
    return shareSeries(key, kept, [range], feed.sources?.(key, range) ?? []);
  });
}
