/**
 * @module Content-addressed study data: a cached day's chunk has the SHA-256 of its BLOB in the
 * SQLite cache; publishing is idempotent; a worker's series rebuilt from the published chunks are
 * byte-identical to the submitter's; a corrupted cached chunk is refetched, a corrupted shared one
 * is never used.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChunkFetcher, ChunkUnavailableError } from '../../src/cluster/chunk-fetch.ts';
import { DirChunkStore } from '../../src/cluster/dir-chunk-store.ts';
import { MemoryChunkStore } from '../../src/cluster/memory-chunk-store.ts';
import { publishSeries } from '../../src/cluster/publish.ts';
import { SeriesCache } from '../../src/cluster/series-cache.ts';
import { chunkSeries } from '../../src/cluster/series-chunks.ts';
import { candleAt } from '../../src/core/candle.ts';
import { openStore } from '../../src/data/index.ts';
import { loadSharedSeries } from '../../src/research/load-series.ts';
import type { SharedSeries } from '../../src/research/shared-candles.ts';
import { instrument, randomWalk } from '../stubs/candles.ts';

const M = 60_000;
const T0 = Date.UTC(2024, 0, 1);
const N = 3 * 24 * 60;
let dir: string;
let series: SharedSeries[];
let blobHashes: Set<string>;

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'tlab-chunk-fetch-'));
  const store = openStore(path.join(dir, 'cache.sqlite'));
  const sber = instrument({ ticker: 'SBER' });
  store.upsertInstrument(sber);
  const b = randomWalk({ seed: 3, count: N, start: T0, interval: '1m', vol: 0.001 });
  const rows = Array.from({ length: N }, (_, i) => candleAt(b, i));
  store.upsertCandles(sber.uid, '1m', rows, { from: T0, to: T0 + N * M }, { source: 'test' });
  // From the middle of day 1 to the end: day 1 is cut, days 2 and 3 are whole.
  series = loadSharedSeries(store, [sber], ['1m'], { from: T0 + 12 * 60 * M, to: T0 + N * M });
  const blobs = store.db.prepare('SELECT data FROM candle_chunks').all() as { data: Buffer }[];
  blobHashes = new Set(blobs.map((r) => createHash('sha256').update(r.data).digest('hex')));
  store.close();
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const bytesOf = (s: SharedSeries) => Buffer.from(new Uint8Array(s.buffer, 0, s.length * 48));

describe('content-addressed chunks', () => {
  it('cuts by UTC day, and a whole day has the hash of its cached BLOB', () => {
    const c = chunkSeries(series);
    const hashes = c.manifest.series[0].chunks;
    expect(hashes).toHaveLength(3);
    expect(blobHashes.has(hashes[0])).toBe(false);
    expect(blobHashes.has(hashes[1])).toBe(true);
    expect(blobHashes.has(hashes[2])).toBe(true);
  });

  it('publishes once; a worker rebuilds byte-identical series; corrupt copies are never used', async () => {
    const shared = new MemoryChunkStore();
    const first = await publishSeries(shared, series);
    expect(first.writtenChunks).toBe(3);
    const second = await publishSeries(shared, series);
    expect(second).toMatchObject({
      manifestHash: first.manifestHash,
      writtenChunks: 0,
      writtenBytes: 0,
    });

    const local = new DirChunkStore(path.join(dir, 'worker-cache'));
    const fetcher = new ChunkFetcher(shared, local);
    const got = await new SeriesCache(fetcher).get(first.manifestHash);
    expect(bytesOf(got[0]).equals(bytesOf(series[0]))).toBe(true);
    expect(got[0].covered).toEqual(series[0].covered);
    expect(got[0].sources).toEqual(series[0].sources);
    expect(fetcher.stats.pulledChunks).toBe(4);

    // A second worker process with the same cache folder pulls nothing.
    const again = new ChunkFetcher(shared, local);
    await new SeriesCache(again).get(first.manifestHash);
    expect(again.stats).toMatchObject({ pulledChunks: 0, cachedChunks: 4, rejected: 0 });

    // Corrupt one cached chunk on disk: it is dropped and pulled again, the series still identical.
    const h = chunkSeries(series).manifest.series[0].chunks[1];
    const file = path.join(local.dir, h.slice(0, 2), h);
    const bad = Buffer.from((await local.get(h))!);
    bad[100] ^= 0xff;
    writeFileSync(file, bad);
    const third = new ChunkFetcher(shared, local);
    const rebuilt = await new SeriesCache(third).get(first.manifestHash);
    expect(third.stats).toMatchObject({ pulledChunks: 1, rejected: 1 });
    expect(bytesOf(rebuilt[0]).equals(bytesOf(series[0]))).toBe(true);
    expect((await local.get(h))!.equals(bad)).toBe(false);

    // Corrupt the shared copy too: the worker refuses it (after one more try) and names the chunk.
    await shared.put(h, bad);
    await local.delete(h);
    const fourth = new ChunkFetcher(shared, local);
    await expect(new SeriesCache(fourth).get(first.manifestHash)).rejects.toThrow(
      ChunkUnavailableError,
    );
    expect(fourth.stats.rejected).toBe(2);
    expect(await local.get(h)).toBeUndefined();
  });
});
