/**
 * @module A worker's view of the published data: chunks come from its local cache when a cached
 * copy verifies, else from the shared store, verified and then cached. A copy whose SHA-256 is not
 * its address is never used: a bad cached copy is dropped and refetched, a bad shared copy is
 * fetched again and, still bad, fails the job (which BullMQ retries) naming the chunk.
 */
import { contentHash, type ChunkStore } from './chunk-store.ts';

/** Bytes moved so far. */
export interface FetchStats {
  /** Chunks and bytes read from the shared store. */
  pulledChunks: number;
  pulledBytes: number;
  /** Chunks served from the local cache. */
  cachedChunks: number;
  /** Copies that failed verification (local or shared) and were refetched. */
  rejected: number;
}

/** A chunk the shared store holds only in a form that does not match its hash (or not at all). */
export class ChunkUnavailableError extends Error {}

/** Verified, cached chunk reads. */
export class ChunkFetcher {
  readonly stats: FetchStats = { pulledChunks: 0, pulledBytes: 0, cachedChunks: 0, rejected: 0 };

  constructor(
    private readonly shared: ChunkStore,
    private readonly local: ChunkStore,
    private readonly sharedAttempts = 2,
  ) {}

  /** The verified bytes of `hash`. */
  async get(hash: string): Promise<Buffer> {
    const cached = await this.local.get(hash);
    if (cached !== undefined) {
      if (contentHash(cached) === hash) {
        this.stats.cachedChunks++;
        return cached;
      }
      this.stats.rejected++;
      await this.local.delete(hash);
    }
    for (let k = 0; k < this.sharedAttempts; k++) {
      const b = await this.shared.get(hash);
      if (b === undefined) break;
      this.stats.pulledChunks++;
      this.stats.pulledBytes += b.byteLength;
      if (contentHash(b) === hash) {
        await this.local.put(hash, b);
        return b;
      }
      this.stats.rejected++;
    }
    throw new ChunkUnavailableError(
      `chunk ${hash.slice(0, 12)} is missing from the shared store or does not match its hash`,
    );
  }

  /** Several chunks, at most `parallel` reads at once, in the order asked. */
  async getAll(hashes: readonly string[], parallel = 16): Promise<Map<string, Buffer>> {
    const out = new Map<string, Buffer>();
    const unique = [...new Set(hashes)];
    let next = 0;
    const lane = async () => {
      while (next < unique.length) {
        const h = unique[next++];
        out.set(h, await this.get(h));
      }
    };
    await Promise.all(Array.from({ length: Math.min(parallel, unique.length) }, lane));
    return out;
  }
}
