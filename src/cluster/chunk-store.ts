/**
 * @module The ChunkStore port: content-addressed bytes (candle chunks and the manifests that list
 * them) by their SHA-256. The submitter publishes a study's chunks to a shared store once; each
 * worker keeps a local one as its cache. A store keeps bytes as given and checks nothing: whoever
 * reads verifies the hash before use (chunk-fetch.ts), so a store may be a plain object store.
 */
import { createHash } from 'node:crypto';

/** Content-addressed bytes. */
export interface ChunkStore {
  /** For each hash, whether the store holds bytes under it. */
  has(hashes: readonly string[]): Promise<boolean[]>;
  /** Stores `bytes` under `hash`, replacing what was there. */
  put(hash: string, bytes: Uint8Array): Promise<void>;
  /** The bytes stored under `hash`, or undefined. */
  get(hash: string): Promise<Buffer | undefined>;
  /** Removes what is stored under `hash` (a copy that failed verification). */
  delete(hash: string): Promise<void>;
}

/** The content address of `bytes`: SHA-256, lowercase hex. */
export function contentHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** True when `hash` looks like a content address (so it is safe as a key or file name). */
export function isContentHash(hash: string): boolean {
  return /^[0-9a-f]{64}$/.test(hash);
}
