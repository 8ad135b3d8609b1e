/**
 * @module A study's candles as content-addressed chunks and back. Each shared series is cut where
 * the cache cuts it (a UTC day intraday, a UTC year for daily and longer, src/data/chunk-key.ts)
 * and each piece encoded in the cache's chunk format (src/data/chunk-codec.ts), so a whole day
 * has the same bytes, hence the same SHA-256, as its BLOB in the cache. The manifest lists every
 * series with its chunk hashes, coverage and sources; it is stored by its own hash, so one hash
 * names the whole data of a study and a job need carry only that.
 */
import type { CandleBatch } from '../core/candle.ts';
import type { TimeRange } from '../core/time.ts';
import { decodeChunk, encodeChunk } from '../data/chunk-codec.ts';
import { chunkStart } from '../data/chunk-key.ts';
import type { SeriesKey } from '../engine/ports/market-data-feed.ts';
import { shareSeries, type SharedSeries } from '../research/shared-candles.ts';
import { contentHash } from './chunk-store.ts';

/** One series of a manifest. */
export interface ManifestSeries {
  key: SeriesKey;
  length: number;
  covered: TimeRange[];
  sources: string[];
  /** Chunk hashes in time order. */
  chunks: string[];
}

/** Every series a study reads, by chunk hash. */
export interface SeriesManifest {
  format: 1;
  series: ManifestSeries[];
}

/** A study's data cut into chunks: the manifest, its bytes and hash, and the chunks by hash. */
export interface ChunkedSeries {
  manifest: SeriesManifest;
  manifestBytes: Buffer;
  manifestHash: string;
  chunks: Map<string, Buffer>;
}

const COLUMNS = ['time', 'open', 'high', 'low', 'close', 'volume'] as const;

function columnsOf(s: SharedSeries): CandleBatch {
  const out = { length: s.length } as CandleBatch;
  COLUMNS.forEach((c, k) => (out[c] = new Float64Array(s.buffer, k * s.length * 8, s.length)));
  return out;
}

/** Cuts the shared series into chunks. */
export function chunkSeries(list: readonly SharedSeries[]): ChunkedSeries {
  const chunks = new Map<string, Buffer>();
  const series = list.map((s): ManifestSeries => {
    const cols = columnsOf(s);
    const hashes: string[] = [];
    let i = 0;
    while (i < s.length) {
      const start = chunkStart(s.key.interval, cols.time[i]);
      let j = i + 1;
      while (j < s.length && chunkStart(s.key.interval, cols.time[j]) === start) j++;
      const bytes = encodeChunk(cols, i, j);
      const h = contentHash(bytes);
      chunks.set(h, bytes);
      hashes.push(h);
      i = j;
    }
    return {
      key: { ...s.key },
      length: s.length,
      covered: s.covered,
      sources: s.sources,
      chunks: hashes,
    };
  });
  const manifest: SeriesManifest = { format: 1, series };
  const manifestBytes = Buffer.from(JSON.stringify(manifest));
  return { manifest, manifestBytes, manifestHash: contentHash(manifestBytes), chunks };
}

/** Parses manifest bytes (already verified against their hash). */
export function parseManifest(bytes: Uint8Array): SeriesManifest {
  const m = JSON.parse(Buffer.from(bytes).toString('utf8')) as SeriesManifest;
  if (m.format !== 1 || !Array.isArray(m.series))
    throw new Error('not a series manifest (format 1)');
  return m;
}

/** Rebuilds the shared series from a manifest and its verified chunks (by hash). */
export function assembleSeries(
  m: SeriesManifest,
  chunk: (hash: string) => Uint8Array,
): SharedSeries[] {
  return m.series.map((s) => {
    const out = shareSeries(
      s.key,
      s.chunks.map((h) => decodeChunk(chunk(h))),
      s.covered,
      s.sources,
    );
    if (out.length !== s.length) {
      throw new Error(
        `series ${s.key.instrumentUid} ${s.key.interval}: ${out.length} candles, manifest says ${s.length}`,
      );
    }
    return out;
  });
}
