/**
 * @module Building coarser series from cached 1-minute candles, offline: for archives imported with
 * `tlab data import` there is no API to ask for 1h or 1d candles. Every covered 1-minute range
 * yields the whole target candles inside it (open of the first minute, close of the last, highest
 * high, lowest low, summed volume), and exactly that part is marked covered for the target series.
 */
import { aggregate } from '../core/aggregate.ts';
import type { Interval } from '../core/interval.ts';
import { alignTime, closeTime } from '../core/interval.ts';
import type { TimeRange } from '../core/time.ts';
import type { CandleStore } from './store.ts';

/** What one resampled series got. */
export interface ResampleResult {
  interval: Interval;
  candles: number;
  /** Target ranges written and marked covered. */
  covered: TimeRange[];
}

/** The part of `r` made of whole candles of `interval`. */
function wholeCandles(interval: Interval, r: TimeRange): TimeRange | undefined {
  const first = alignTime(interval, r.from);
  const from = first === r.from ? first : closeTime(interval, first);
  const to = alignTime(interval, r.to);
  return from < to ? { from, to } : undefined;
}

/**
 * Aggregates the instrument's covered 1-minute candles into `interval`, replacing what the target
 * series held in those ranges (one transaction per covered range). Ranges already covered for the
 * target are skipped, so a rerun writes nothing new.
 */
export function resampleFromMinutes(store: CandleStore, uid: string, interval: Interval): ResampleResult {
  const result: ResampleResult = { interval, candles: 0, covered: [] };
  if (interval === '1m') return result;
  for (const minuteRange of store.coveredRanges(uid, '1m')) {
    const whole = wholeCandles(interval, minuteRange);
    if (!whole) continue;
    for (const gap of store.missingRanges(uid, interval, whole)) {
      const candles = aggregate(store.readCandles(uid, '1m', gap.from, gap.to), interval);
      store.upsertCandles(uid, interval, candles, gap);
      result.candles += candles.length;
      result.covered.push(gap);
    }
  }
  return result;
}
