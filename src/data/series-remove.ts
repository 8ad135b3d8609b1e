/**
 * @module Removing a series, or a time range of it, from the cache: its candles (boundary chunks
 * rewritten without the range, keeping their source and fetch time), its coverage over the range,
 * and, once nothing of the series is left, its recorded sources, so the next write starts afresh.
 */
import type Database from 'better-sqlite3';
import type { Interval } from '../core/interval.ts';
import type { TimeRange } from '../core/time.ts';
import { allocateChunk, chunkChecksum, decodeChunk } from './chunk-codec.ts';
import { chunkStart } from './chunk-key.ts';
import { subtractRanges } from './time-ranges.ts';

/** What a removal took away. */
export interface RemoveSummary {
  candles: number;
  /** Chunk rows deleted or rewritten. */
  chunks: number;
  /** True when nothing of the series is left (its sources are forgotten too). */
  seriesGone: boolean;
}

const COLUMNS = ['time', 'open', 'high', 'low', 'close', 'volume'] as const;

interface ChunkRow {
  chunk_start: number;
  first_time: number;
  last_time: number;
  count: number;
  checksum: number;
  data: Buffer;
}

const WHERE = 'WHERE uid = ? AND interval = ?';
/** Every time a JavaScript Date can hold. */
const ALL_TIME: TimeRange = { from: -8.64e15, to: 8.64e15 };

/** Removes the series' candles and coverage inside `range` (all of them without one). Run it in a transaction. */
export function removeRange(
  db: Database.Database,
  series: { uid: string; interval: Interval },
  range?: TimeRange,
): RemoveSummary {
  const { uid, interval } = series;
  const whole = range ?? ALL_TIME;
  const first = range ? chunkStart(interval, whole.from) : ALL_TIME.from;
  const rows = db
    .prepare(
      `SELECT chunk_start, first_time, last_time, count, checksum, data FROM candle_chunks ${WHERE}
       AND chunk_start >= ? AND chunk_start < ? AND first_time < ? AND last_time >= ?`,
    )
    .all(uid, interval, first, whole.to, whole.to, whole.from) as ChunkRow[];
  const summary: RemoveSummary = { candles: 0, chunks: 0, seriesGone: false };
  const drop = db.prepare(`DELETE FROM candle_chunks ${WHERE} AND chunk_start = ?`);
  const rewrite = db.prepare(
    `UPDATE candle_chunks SET count = ?, first_time = ?, last_time = ?, checksum = ?, data = ?
     ${WHERE} AND chunk_start = ?`,
  );
  for (const row of rows) {
    summary.chunks++;
    if (row.first_time >= whole.from && row.last_time < whole.to) {
      summary.candles += row.count;
      drop.run(uid, interval, row.chunk_start);
      continue;
    }
    // A boundary chunk that fails its checksum is dropped whole rather than re-stamped as sound.
    const b = chunkChecksum(row.data) === row.checksum ? decodeChunk(row.data) : undefined;
    const keep: number[] = [];
    for (let i = 0; b && i < b.length; i++) if (b.time[i] < whole.from || b.time[i] >= whole.to) keep.push(i);
    summary.candles += row.count - keep.length;
    if (!b || keep.length === 0) {
      drop.run(uid, interval, row.chunk_start);
      continue;
    }
    const { bytes, batch: out } = allocateChunk(keep.length);
    keep.forEach((k, n) => {
      for (const col of COLUMNS) out[col][n] = b[col][k];
    });
    rewrite.run(out.length, out.time[0], out.time[out.length - 1], chunkChecksum(bytes), bytes, uid, interval, row.chunk_start);
  }
  removeCoverage(db, uid, interval, whole);
  const left = db
    .prepare(`SELECT (SELECT count(*) FROM candle_chunks ${WHERE}) + (SELECT count(*) FROM coverage ${WHERE})`)
    .pluck()
    .get(uid, interval, uid, interval) as number;
  if (left === 0) {
    db.prepare(`DELETE FROM series_sources ${WHERE}`).run(uid, interval);
    summary.seriesGone = true;
  }
  return summary;
}

function removeCoverage(db: Database.Database, uid: string, interval: Interval, range: TimeRange): void {
  const rows = db
    .prepare(`SELECT from_time AS "from", to_time AS "to" FROM coverage ${WHERE} ORDER BY from_time`)
    .all(uid, interval) as TimeRange[];
  db.prepare(`DELETE FROM coverage ${WHERE}`).run(uid, interval);
  const insert = db.prepare('INSERT INTO coverage (uid, interval, from_time, to_time) VALUES (?, ?, ?, ?)');
  for (const r of rows) for (const part of subtractRanges(r, [range])) insert.run(uid, interval, part.from, part.to);
}
