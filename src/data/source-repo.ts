/**
 * @module Provenance of the cache's series: the `series_sources` table lists every source that wrote
 * into a series (with when it first and last did), and each chunk row names the source of its
 * candles. A write from a source the series does not hold yet is refused unless the caller allows a
 * mix, so real and synthetic candles are never stitched together without a record of it.
 */
import type Database from 'better-sqlite3';
import type { Interval } from '../core/interval.ts';
import type { TimeRange } from '../core/time.ts';
import { MixedSourceError, type SeriesRef } from './cache-errors.ts';
import { chunkStart } from './chunk-key.ts';

/** Label used where nothing recorded the source (writes without one, caches from before it). */
export const UNKNOWN_SOURCE = 'unknown';

/** Where a write's candles come from. */
export interface WriteOrigin {
  /** Source label (see core/data-source.ts). */
  source: string;
  /** Let the series hold candles from several sources; the mix is recorded and `verify` flags it. */
  allowMixed?: boolean;
  /** When the candles were fetched, epoch ms (default: the time of the write). */
  fetchedAt?: number;
}

/** One source of a series. */
export interface SeriesSource {
  source: string;
  /** First and last write from this source, epoch ms (absent for caches from before provenance). */
  firstFetched?: number;
  lastFetched?: number;
}

interface Row {
  source: string;
  first_fetched: number | null;
  last_fetched: number | null;
}

/** A chunk's `source` column: one label per line, in the order they first wrote into it. */
export function splitLabels(column: string): string[] {
  return column.split('\n').filter((l) => l !== '');
}

/** Labels are single lines (a chunk's column joins several with newlines). */
export function cleanLabel(label: string): string {
  const one = label.replace(/[\r\n]+/g, ' ').trim();
  return one === '' ? UNKNOWN_SOURCE : one;
}

/** The distinct labels of `lists`, first occurrence first. */
export function unionLabels(...lists: readonly string[][]): string[] {
  return [...new Set(lists.flat())];
}

/** Reads and writes series provenance on one connection. */
export class SourceRepo {
  private readonly list: Database.Statement;
  private readonly upsert: Database.Statement;
  private readonly inRange: Database.Statement;

  constructor(
    db: Database.Database,
    /** Names a series for messages (with its ticker when cached). */
    private readonly series: (uid: string, interval: Interval) => SeriesRef,
  ) {
    this.list = db.prepare(
      `SELECT source, first_fetched, last_fetched FROM series_sources WHERE uid = ? AND interval = ?
       ORDER BY coalesce(first_fetched, -1), source`,
    );
    this.upsert = db.prepare(
      `INSERT INTO series_sources (uid, interval, source, first_fetched, last_fetched) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (uid, interval, source) DO UPDATE SET
         first_fetched = coalesce(first_fetched, excluded.first_fetched), last_fetched = excluded.last_fetched`,
    );
    this.inRange = db
      .prepare(
        `SELECT source FROM candle_chunks WHERE uid = ? AND interval = ? AND chunk_start >= ?
         AND chunk_start < ? AND first_time < ? AND last_time >= ? ORDER BY chunk_start`,
      )
      .pluck();
  }

  /** Every source that wrote into the series, oldest first. */
  of(uid: string, interval: Interval): SeriesSource[] {
    return (this.list.all(uid, interval) as Row[]).map((r) => {
      const s: SeriesSource = { source: r.source };
      if (r.first_fetched !== null) s.firstFetched = r.first_fetched;
      if (r.last_fetched !== null) s.lastFetched = r.last_fetched;
      return s;
    });
  }

  /**
   * Checks that `origin` may write into the series and records it. Run it inside the write's
   * transaction, so a refused write leaves nothing behind.
   * @throws MixedSourceError when the series holds another source and the origin does not allow a mix.
   */
  admit(uid: string, interval: Interval, origin: WriteOrigin): { source: string; fetchedAt: number } {
    const source = this.check(uid, interval, origin);
    const fetchedAt = origin.fetchedAt ?? Date.now();
    this.upsert.run(uid, interval, source, fetchedAt, fetchedAt);
    return { source, fetchedAt };
  }

  /** Throws what {@link admit} would throw, without recording anything; returns the clean label. */
  check(uid: string, interval: Interval, origin: WriteOrigin): string {
    const label = cleanLabel(origin.source);
    const stored = this.of(uid, interval).map((s) => s.source);
    if (origin.allowMixed !== true && stored.some((s) => s !== label))
      throw new MixedSourceError(this.series(uid, interval), stored, label);
    return label;
  }

  /** Distinct source labels of the chunks holding candles in `range`, oldest chunk first. */
  inChunks(uid: string, interval: Interval, range: TimeRange): string[] {
    if (!(range.to > range.from)) return [];
    const columns = this.inRange.all(uid, interval, chunkStart(interval, range.from), range.to, range.to, range.from) as string[];
    return unionLabels(...columns.map(splitLabels));
  }
}
