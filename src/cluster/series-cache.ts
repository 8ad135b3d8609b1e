/**
 * @module A worker's studies in memory: the shared series of the last few manifests it ran, each
 * pulled and verified once (chunk-fetch.ts) and handed to its threads without a copy. A failed
 * load is forgotten, so the job's retry loads again.
 */
import type { SharedSeries } from '../research/shared-candles.ts';
import type { ChunkFetcher } from './chunk-fetch.ts';
import { assembleSeries, parseManifest } from './series-chunks.ts';

/** What loading one manifest moved. */
export interface SeriesLoad {
  manifest: string;
  series: number;
  chunks: number;
  pulledChunks: number;
  pulledBytes: number;
}

/** Series by manifest hash, the `keep` most recently used. */
export class SeriesCache {
  private readonly loaded = new Map<string, Promise<SharedSeries[]>>();

  constructor(
    private readonly fetcher: ChunkFetcher,
    private readonly onLoad: (l: SeriesLoad) => void = () => {},
    private readonly keep = 4,
  ) {}

  /** The series the manifest names. */
  get(manifest: string): Promise<SharedSeries[]> {
    let p = this.loaded.get(manifest);
    if (p !== undefined) {
      this.loaded.delete(manifest);
      this.loaded.set(manifest, p);
      return p;
    }
    p = this.load(manifest);
    p.catch(() => this.loaded.delete(manifest));
    this.loaded.set(manifest, p);
    while (this.loaded.size > this.keep) this.loaded.delete(this.loaded.keys().next().value!);
    return p;
  }

  private async load(manifest: string): Promise<SharedSeries[]> {
    const before = { ...this.fetcher.stats };
    const m = parseManifest(await this.fetcher.get(manifest));
    const hashes = m.series.flatMap((s) => s.chunks);
    const bytes = await this.fetcher.getAll(hashes);
    const series = assembleSeries(m, (h) => bytes.get(h)!);
    this.onLoad({
      manifest,
      series: series.length,
      chunks: new Set(hashes).size,
      pulledChunks: this.fetcher.stats.pulledChunks - before.pulledChunks,
      pulledBytes: this.fetcher.stats.pulledBytes - before.pulledBytes,
    });
    return series;
  }
}
