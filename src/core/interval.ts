/**
 * @module Candle intervals: the names the CLI and cache use, their lengths, and UTC alignment.
 * Weeks start on Monday 00:00 UTC and months on the 1st at 00:00 UTC; everything shorter is aligned
 * to whole multiples of its length from the Unix epoch (so 2h and 4h candles start at 00:00 UTC).
 */

/** Every interval the project understands, shortest first. */
export const INTERVALS = [
  '1m',
  '2m',
  '3m',
  '5m',
  '10m',
  '15m',
  '30m',
  '1h',
  '2h',
  '4h',
  '1d',
  '1w',
  '1M',
] as const;

/** A candle interval name such as `1m`, `1h`, `1d`, `1M` (month). */
export type Interval = (typeof INTERVALS)[number];

const MINUTE = 60_000;
const DAY = 86_400_000;
/** 1970-01-01 was a Thursday; Monday 1970-01-05 is the first week boundary. */
const FIRST_MONDAY = 4 * DAY;

const FIXED_MS: Record<Exclude<Interval, '1M'>, number> = {
  '1m': MINUTE,
  '2m': 2 * MINUTE,
  '3m': 3 * MINUTE,
  '5m': 5 * MINUTE,
  '10m': 10 * MINUTE,
  '15m': 15 * MINUTE,
  '30m': 30 * MINUTE,
  '1h': 60 * MINUTE,
  '2h': 120 * MINUTE,
  '4h': 240 * MINUTE,
  '1d': DAY,
  '1w': 7 * DAY,
};

/** True when `s` names a known interval. */
export function isInterval(s: string): s is Interval {
  return (INTERVALS as readonly string[]).includes(s);
}

/** Length in ms of a fixed-length interval; months have no fixed length and return undefined. */
export function intervalMs(interval: Interval): number | undefined {
  return interval === '1M' ? undefined : FIXED_MS[interval];
}

/** Open time of the candle of `interval` that contains instant `t` (epoch ms, UTC). */
export function alignTime(interval: Interval, t: number): number {
  if (interval === '1M') {
    const d = new Date(t);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  }
  if (interval === '1w') {
    const w = FIXED_MS['1w'];
    return Math.floor((t - FIRST_MONDAY) / w) * w + FIRST_MONDAY;
  }
  const ms = FIXED_MS[interval];
  return Math.floor(t / ms) * ms;
}

/** Close time (exclusive end) of the candle of `interval` that opens at `openTime`. */
export function closeTime(interval: Interval, openTime: number): number {
  if (interval === '1M') {
    const d = new Date(openTime);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  }
  return openTime + FIXED_MS[interval];
}

/**
 * The one "by length" rule: a candle's length in ms, a month counted as 31 days (its longest), so
 * months sort after weeks. Used to order intervals and to find the finest or coarsest of a run.
 */
export function intervalRank(interval: Interval): number {
  return intervalMs(interval) ?? 31 * DAY;
}

/** Comparator putting shorter intervals first (the order of INTERVALS). */
export function byIntervalLength(a: Interval, b: Interval): number {
  return intervalRank(a) - intervalRank(b);
}
