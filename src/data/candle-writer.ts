/**
 * @module Writing candles into chunk rows. Each affected chunk is read, merged with the incoming
 * candles and written back whole, so a chunk row is always a complete, sorted, checksummed unit.
 * The caller (the store) wraps a write and its coverage update in one transaction.
 */
import type Database from 'better-sqlite3';
import type { Candle } from '../core/candle.ts';
import type { Interval } from '../core/interval.ts';
import type { TimeRange } from '../core/time.ts';
import { assertCandlesValid } from './candle-validate.ts';
import { chunkChecksum, decodeChunk } from './chunk-codec.ts';
import { chunkLabel, chunkStart } from './chunk-key.ts';
import { mergeChunk, sortedBatch } from './chunk-merge.ts';
import { splitLabels, unionLabels } from './source-repo.ts';

/** What one write changed. */
export interface WriteSummary {
  /** Candles passed in (after removing duplicates within the write). */
  candles: number;
  /** Chunk rows written or deleted. */
  chunks: number;
}

/** The source label and fetch time a write stamps on the chunks it writes. */
export interface ChunkStamp {
  source: string;
  fetchedAt: number;
}

/** Prepared statements for chunk writes on one connection. */
export class ChunkWriter {
  private readonly selectData: Database.Statement;
  private readonly selectStarts: Database.Statement;
  private readonly upsert: Database.Statement;
  private readonly remove: Database.Statement;

  constructor(db: Database.Database) {
    this.selectData = db
      .prepare('SELECT data, source, checksum FROM candle_chunks WHERE uid = ? AND interval = ? AND chunk_start = ?')
      .raw();
    this.selectStarts = db
      .prepare(
        `SELECT chunk_start FROM candle_chunks
         WHERE uid = ? AND interval = ? AND chunk_start >= ? AND chunk_start < ?`,
      )
      .pluck();
    this.upsert = db.prepare(
      `INSERT INTO candle_chunks (uid, interval, chunk_start, day, count, first_time, last_time, checksum, data, source, fetched_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (uid, interval, chunk_start) DO UPDATE SET day = excluded.day,
         count = excluded.count, first_time = excluded.first_time, last_time = excluded.last_time,
         checksum = excluded.checksum, data = excluded.data, source = excluded.source,
         fetched_at = excluded.fetched_at`,
    );
    this.remove = db.prepare(
      'DELETE FROM candle_chunks WHERE uid = ? AND interval = ? AND chunk_start = ?',
    );
  }

  /**
   * Validates and merges `candles` into the series' chunks (incoming wins at equal times). With a
   * `window`, the window is authoritative: stored candles inside it that `candles` lacks are removed.
   * Each written chunk is stamped with `stamp`; a chunk that keeps stored candles from another
   * source (only possible in a series that allows a mix) lists both labels. Must run inside a
   * transaction.
   * @throws DataIntegrityError on an invalid candle, before anything is written.
   */
  write(
    uid: string,
    interval: Interval,
    candles: readonly Candle[],
    window: TimeRange | undefined,
    stamp: ChunkStamp,
  ): WriteSummary {
    assertCandlesValid(uid, interval, candles);
    const batch = sortedBatch(candles);
    const slices = new Map<number, { start: number; end: number }>();
    for (let i = 0; i < batch.length; i++) {
      const key = chunkStart(interval, batch.time[i]);
      const slice = slices.get(key);
      if (slice) slice.end = i + 1;
      else slices.set(key, { start: i, end: i + 1 });
    }
    if (window) {
      const first = chunkStart(interval, window.from);
      for (const key of this.selectStarts.all(uid, interval, first, window.to) as number[])
        if (!slices.has(key)) slices.set(key, { start: 0, end: 0 });
    }
    for (const [key, slice] of slices) {
      const [stored, storedSource, checksum] = (this.selectData.get(uid, interval, key) ?? []) as [
        Buffer?,
        string?,
        number?,
      ];
      const bytes = mergeChunk(stored && decodeOrDrop(stored, checksum), batch, slice, window);
      if (!bytes) {
        this.remove.run(uid, interval, key);
        continue;
      }
      const merged = decodeChunk(bytes);
      // Every incoming candle of the chunk is in the merge, so a larger merge kept stored ones.
      const keptStored = merged.length > slice.end - slice.start;
      const source = keptStored && storedSource
        ? unionLabels(splitLabels(storedSource), [stamp.source]).join('\n')
        : stamp.source;
      this.upsert.run(
        uid,
        interval,
        key,
        chunkLabel(key),
        merged.length,
        merged.time[0],
        merged.time[merged.length - 1],
        chunkChecksum(bytes),
        bytes,
        source,
        stamp.fetchedAt,
      );
    }
    return { candles: batch.length, chunks: slices.size };
  }
}

/**
 * A stored chunk that fails its checksum or cannot be decoded is dropped rather than blocking the
 * write that repairs it, and rather than merged into a fresh checksum that would hide the damage.
 */
function decodeOrDrop(bytes: Buffer, checksum: number | undefined) {
  if (chunkChecksum(bytes) !== checksum) return undefined;
  try {
    return decodeChunk(bytes);
  } catch {
    return undefined;
  }
}
