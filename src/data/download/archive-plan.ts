/**
 * @module Which yearly 1-minute archives to fetch for the missing ranges of a series. The archive
 * holds whole past days only (not today), so `auto` uses it where a year's missing part is long
 * enough to beat day-by-day GetCandles requests, and leaves the rest (and today) to GetCandles.
 */
import { dayStart } from '../../core/time.ts';
import type { TimeRange } from '../../core/time.ts';

const DAY = 86_400_000;
/** A year's missing part shorter than this is cheaper through GetCandles (one request per day). */
export const ARCHIVE_MIN_DAYS = 20;

/** One archive to fetch and the part of it to write. */
export interface ArchiveYear {
  year: number;
  limit: TimeRange;
}

/**
 * Years whose archive should be fetched for `missing` ranges, each with the range to write
 * (within that year and before today). With `always`, every year with a missing past day counts.
 */
export function planArchiveYears(missing: readonly TimeRange[], now: number, always: boolean): ArchiveYear[] {
  const today = dayStart(now);
  const byYear = new Map<number, { from: number; to: number; span: number }>();
  for (const r of missing) {
    let start = r.from;
    const end = Math.min(r.to, today);
    while (start < end) {
      const year = new Date(start).getUTCFullYear();
      const yearEnd = Date.UTC(year + 1, 0, 1);
      const stop = Math.min(end, yearEnd);
      const cur = byYear.get(year);
      if (cur) {
        cur.from = Math.min(cur.from, start);
        cur.to = Math.max(cur.to, stop);
        cur.span += stop - start;
      } else byYear.set(year, { from: start, to: stop, span: stop - start });
      start = stop;
    }
  }
  return [...byYear.entries()]
    .filter(([, v]) => always || v.span >= ARCHIVE_MIN_DAYS * DAY)
    .sort(([a], [b]) => a - b)
    .map(([year, v]) => ({ year, limit: { from: v.from, to: v.to } }));
}
