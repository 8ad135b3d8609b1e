/**
 * @module The hot read path: streams a series' chunks in time order with one statement iterator
 * (never the whole range at once), checks each BLOB against its stored checksum, decodes it into
 * zero-copy typed-array views and trims the first and last chunk to the requested range. A chunk
 * that fails the check stops the read: corrupt candles never reach a backtest.
 */
import type Database from 'better-sqlite3';
import type { Candle, CandleBatch } from '../core/candle.ts';
import { candleAt } from '../core/candle.ts';
import type { Interval } from '../core/interval.ts';
import { chunkChecksum, decodeChunk } from './chunk-codec.ts';
import { chunkStart } from './chunk-key.ts';

/** Builds the error a read throws for a chunk that fails its checksum or cannot be decoded. */
export type CorruptChunkHandler = (uid: string, interval: Interval, day: string, source: string) => Error;

const SELECT = `SELECT first_time, last_time, data, checksum, day, source FROM candle_chunks
  WHERE uid = ? AND interval = ? AND chunk_start >= ? AND chunk_start < ? ORDER BY chunk_start`;

/** Streams chunk batches for one connection; several reads may be open at once. */
export class ChunkReader {
  private idle: Database.Statement | undefined;

  constructor(
    private readonly db: Database.Database,
    private readonly corrupt: CorruptChunkHandler,
  ) {}

  /**
   * Candles with open time in [from, to), oldest first, one batch per stored chunk. Batches are
   * views over the chunk's BLOB: valid until the consumer drops them, never shared between calls.
   * While a read is open the connection cannot write (a better-sqlite3 rule); reads may interleave.
   */
  *read(uid: string, interval: Interval, from: number, to: number): Generator<CandleBatch> {
    if (!(to > from)) return;
    const stmt = this.takeStatement();
    try {
      const rows = stmt.iterate(uid, interval, chunkStart(interval, from), to) as Iterable<
        [number, number, Buffer, number, string, string]
      >;
      for (const [first, last, data, checksum, day, source] of rows) {
        if (last < from || first >= to) continue;
        const batch = this.decode(data, checksum, () => this.corrupt(uid, interval, day, source));
        const trimmed = first < from || last >= to ? trim(batch, from, to) : batch;
        if (trimmed.length > 0) yield trimmed;
      }
    } finally {
      this.idle = stmt;
    }
  }

  private decode(data: Buffer, checksum: number, corrupt: () => Error): CandleBatch {
    if (!Buffer.isBuffer(data) || chunkChecksum(data) !== checksum) throw corrupt();
    try {
      return decodeChunk(data);
    } catch {
      throw corrupt();
    }
  }

  /** The same candles as plain objects, for small ranges (exports, tests, charts). */
  readCandles(uid: string, interval: Interval, from: number, to: number): Candle[] {
    const out: Candle[] = [];
    for (const b of this.read(uid, interval, from, to))
      for (let i = 0; i < b.length; i++) out.push(candleAt(b, i));
    return out;
  }

  /** better-sqlite3 forbids iterating one statement twice at once, so each open read owns one. */
  private takeStatement(): Database.Statement {
    const stmt = this.idle && !this.idle.busy ? this.idle : this.db.prepare(SELECT).raw();
    this.idle = undefined;
    return stmt;
  }
}

/** Index of the first element of sorted `times[0, n)` that is >= `t`. */
export function lowerBound(times: Float64Array, n: number, t: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function trim(b: CandleBatch, from: number, to: number): CandleBatch {
  const lo = lowerBound(b.time, b.length, from);
  const hi = lowerBound(b.time, b.length, to);
  return {
    length: Math.max(0, hi - lo),
    time: b.time.subarray(lo, hi),
    open: b.open.subarray(lo, hi),
    high: b.high.subarray(lo, hi),
    low: b.low.subarray(lo, hi),
    close: b.close.subarray(lo, hi),
    volume: b.volume.subarray(lo, hi),
  };
}
