/**
 * @module Which chunk a candle belongs to. Intraday series (1m..4h) are chunked by UTC day, so a
 * re-downloaded day replaces exactly one row; daily, weekly and monthly series by UTC year of the
 * candle's open time, so a chunk never holds a handful of candles.
 */
import type { Interval } from '../core/interval.ts';
import { utcDay } from '../core/time.ts';

const DAY_MS = 86_400_000;

/** True for the intervals whose chunks span a UTC year instead of a UTC day. */
export function isYearChunked(interval: Interval): boolean {
  return interval === '1d' || interval === '1w' || interval === '1M';
}

/** Start (epoch ms UTC) of the chunk holding a candle that opens at `time`. */
export function chunkStart(interval: Interval, time: number): number {
  if (!isYearChunked(interval)) return Math.floor(time / DAY_MS) * DAY_MS;
  return Date.UTC(new Date(time).getUTCFullYear(), 0, 1);
}

/** Start of the chunk after the one that starts at `start`. */
export function nextChunkStart(interval: Interval, start: number): number {
  if (!isYearChunked(interval)) return start + DAY_MS;
  return Date.UTC(new Date(start).getUTCFullYear() + 1, 0, 1);
}

/** The chunk's readable label stored in the `day` column: `YYYY-MM-DD` of its start. */
export function chunkLabel(start: number): string {
  return utcDay(start);
}
