/**
 * @module Which UTC days of an intraday series hold candles, from the chunks' readable `day`
 * column (one chunk per UTC day for 1m..4h): the days a covered range fetched but found empty are
 * the ones the exchange did not trade (weekends, holidays, halts). Never decodes a BLOB.
 */
import type Database from 'better-sqlite3';

/** `YYYY-MM-DD` of every UTC day with candles of the series, in order. */
export function daysWithCandles(db: Database.Database, uid: string, interval: string): Set<string> {
  const rows = db
    .prepare('SELECT day FROM candle_chunks WHERE uid = ? AND interval = ? ORDER BY chunk_start')
    .pluck()
    .all(uid, interval) as string[];
  return new Set(rows);
}
