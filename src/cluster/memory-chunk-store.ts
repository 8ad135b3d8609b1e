/** @module A ChunkStore in memory: for tests and for a submitter that runs its own workers. */
import type { ChunkStore } from './chunk-store.ts';

/** Content-addressed bytes in a Map (copies in and out, like a real store). */
export class MemoryChunkStore implements ChunkStore {
  private readonly map = new Map<string, Buffer>();

  async has(hashes: readonly string[]): Promise<boolean[]> {
    return hashes.map((h) => this.map.has(h));
  }

  async put(hash: string, bytes: Uint8Array): Promise<void> {
    this.map.set(hash, Buffer.from(bytes));
  }

  async get(hash: string): Promise<Buffer | undefined> {
    const b = this.map.get(hash);
    return b === undefined ? undefined : Buffer.from(b);
  }

  async delete(hash: string): Promise<void> {
    this.map.delete(hash);
  }
}
