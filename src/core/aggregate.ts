/**
 * @module Aggregation of 1-minute candles into any longer interval, the way an exchange builds them:
 * open of the first, close of the last, highest high, lowest low, summed volume. Buckets follow the
 * core alignment (2h/4h from 00:00 UTC, weeks from Monday, months from the 1st).
 */
import type { Candle } from './candle.ts';
import { alignTime, type Interval } from './interval.ts';

/**
 * Folds candles (oldest first, each inside one bucket of `interval`) into one candle per bucket,
 * stamped with the bucket's open time. Empty buckets produce nothing.
 */
export function aggregate(candles: readonly Candle[], interval: Interval): Candle[] {
  const out: Candle[] = [];
  let cur: Candle | undefined;
  for (const c of candles) {
    const bucket = alignTime(interval, c.time);
    if (cur && cur.time === bucket) {
      if (c.high > cur.high) cur.high = c.high;
      if (c.low < cur.low) cur.low = c.low;
      cur.close = c.close;
      cur.volume += c.volume;
      continue;
    }
    cur = {
      time: bucket,
      open: c.open,
      high: c.high,
      low: c.low,
      close: c.close,
      volume: c.volume,
    };
    out.push(cur);
  }
  return out;
}
