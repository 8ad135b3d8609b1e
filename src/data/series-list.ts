/**
 * @module What the cache holds, per series (instrument and interval): candle and chunk counts,
 * first and last candle, covered ranges and the gaps between them. Built from the readable
 * metadata columns only, so it never decodes a BLOB.
 */
import type Database from 'better-sqlite3';
import type { Instrument } from '../core/instrument.ts';
import { INTERVALS, type Interval } from '../core/interval.ts';
import type { TimeRange } from '../core/time.ts';
import type { CoverageRepo } from './coverage-repo.ts';
import type { InstrumentRepo } from './instrument-repo.ts';
import { gapsBetween } from './time-ranges.ts';

/** One cached series as `data ls` shows it. */
export interface SeriesInfo {
  uid: string;
  interval: Interval;
  /** The cached spec, when the instruments table has the uid. */
  instrument?: Instrument;
  candles: number;
  chunks: number;
  /** Open time of the first and last stored candle (absent when only empty ranges are covered). */
  firstTime?: number;
  lastTime?: number;
  /** Covered (fetched and verified) ranges, merged and sorted. */
  covered: TimeRange[];
  /** Ranges between the first and the last covered range that were never fetched. */
  missing: TimeRange[];
}

/** First and last stored candle of a series. */
export interface SeriesExtent {
  firstTime: number;
  lastTime: number;
  candles: number;
}

/** First and last stored candle of a series, or undefined when it has none. */
export function seriesExtent(db: Database.Database, uid: string, interval: Interval): SeriesExtent | undefined {
  const row = db
    .prepare(
      `SELECT min(first_time) AS f, max(last_time) AS l, sum(count) AS n FROM candle_chunks
       WHERE uid = ? AND interval = ?`,
    )
    .get(uid, interval) as { f: number | null; l: number | null; n: number | null };
  if (row.f === null || row.l === null) return undefined;
  return { firstTime: row.f, lastTime: row.l, candles: row.n ?? 0 };
}

interface Row {
  uid: string;
  interval: Interval;
  chunks: number;
  candles: number;
  first_time: number | null;
  last_time: number | null;
}

const SQL = `
  SELECT uid, interval, sum(chunks) AS chunks, sum(candles) AS candles,
    min(first_time) AS first_time, max(last_time) AS last_time
  FROM (
    SELECT uid, interval, count(*) AS chunks, sum(count) AS candles,
      min(first_time) AS first_time, max(last_time) AS last_time
    FROM candle_chunks GROUP BY uid, interval
    UNION ALL
    SELECT DISTINCT uid, interval, 0, 0, NULL, NULL FROM coverage
  ) GROUP BY uid, interval`;

/** Every series with candles or coverage, ordered by ticker (or uid) and then interval length. */
export function listSeries(
  db: Database.Database,
  instruments: InstrumentRepo,
  coverage: CoverageRepo,
): SeriesInfo[] {
  const rows = db.prepare(SQL).all() as Row[];
  const out = rows.map((r): SeriesInfo => {
    const covered = coverage.ranges(r.uid, r.interval);
    const info: SeriesInfo = {
      uid: r.uid,
      interval: r.interval,
      candles: r.candles,
      chunks: r.chunks,
      covered,
      missing: gapsBetween(covered),
    };
    const instrument = instruments.get(r.uid);
    if (instrument) info.instrument = instrument;
    if (r.first_time !== null) info.firstTime = r.first_time;
    if (r.last_time !== null) info.lastTime = r.last_time;
    return info;
  });
  // Plain code-unit comparison (not locale-aware) so the order is the same on every machine.
  const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  const name = (s: SeriesInfo) => s.instrument?.ticker || s.uid;
  return out.sort(
    (a, b) =>
      cmp(name(a), name(b)) ||
      cmp(a.uid, b.uid) ||
      INTERVALS.indexOf(a.interval) - INTERVALS.indexOf(b.interval),
  );
}
