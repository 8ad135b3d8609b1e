/**
 * @module Splitting ranges into GetCandles request windows. Each interval has a maximum request
 * period (reference: CandleInterval table); windows stay a little inside it and start on UTC day
 * boundaries where possible, so one window maps onto whole cache chunks.
 */
import type { Interval } from '../../core/interval.ts';
import { alignTime } from '../../core/interval.ts';
import type { TimeRange } from '../../core/time.ts';

const DAY = 86_400_000;

/**
 * Window length used per interval: the documented maximum period, rounded down to whole days
 * (3 months → 90 days, 6 years → 2190 days, ...) so no request can be refused with 30014.
 */
export const WINDOW_MS: Record<Interval, number> = {
  '1m': DAY,
  '2m': DAY,
  '3m': DAY,
  '5m': 7 * DAY,
  '10m': 7 * DAY,
  '15m': 21 * DAY,
  '30m': 21 * DAY,
  '1h': 90 * DAY,
  '2h': 90 * DAY,
  '4h': 90 * DAY,
  '1d': 2190 * DAY,
  '1w': 1825 * DAY,
  '1M': 3650 * DAY,
};

/**
 * Cuts each range into request windows of at most WINDOW_MS[interval], aligned so that every
 * window but the first starts at a multiple of the window length from the epoch (UTC midnight for
 * day-sized windows). Ranges are first widened to whole candles of the interval.
 */
export function requestWindows(interval: Interval, ranges: readonly TimeRange[]): TimeRange[] {
  const size = WINDOW_MS[interval];
  const out: TimeRange[] = [];
  for (const r of ranges) {
    const from = alignTime(interval, r.from);
    let start = from;
    while (start < r.to) {
      const boundary = Math.floor(start / size) * size + size;
      const end = Math.min(boundary, r.to);
      out.push({ from: start, to: end });
      start = end;
    }
  }
  return out;
}
