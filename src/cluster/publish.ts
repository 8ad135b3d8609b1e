/**
 * @module Publishing a study's data: the chunks the shared store lacks, then the manifest (last,
 * so a manifest in the store always names chunks that are there). Content addressing makes this
 * idempotent: a second study over the same candles publishes nothing.
 */
import type { SharedSeries } from '../research/shared-candles.ts';
import type { ChunkStore } from './chunk-store.ts';
import { chunkSeries } from './series-chunks.ts';

/** What publishing did. */
export interface Published {
  manifestHash: string;
  chunks: number;
  /** Chunks and bytes written now (the rest were already there). */
  writtenChunks: number;
  writtenBytes: number;
}

/** Publishes the series to `store`; returns the manifest's hash. */
export async function publishSeries(
  store: ChunkStore,
  series: readonly SharedSeries[],
): Promise<Published> {
  const c = chunkSeries(series);
  const hashes = [...c.chunks.keys()];
  const present = await store.has(hashes);
  let writtenBytes = 0;
  let writtenChunks = 0;
  const writes: Promise<void>[] = [];
  hashes.forEach((h, k) => {
    if (present[k]) return;
    const bytes = c.chunks.get(h)!;
    writtenBytes += bytes.byteLength;
    writtenChunks++;
    writes.push(store.put(h, bytes));
  });
  await Promise.all(writes);
  await store.put(c.manifestHash, c.manifestBytes);
  return { manifestHash: c.manifestHash, chunks: hashes.length, writtenChunks, writtenBytes };
}
