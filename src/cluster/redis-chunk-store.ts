/**
 * @module The shared ChunkStore on Redis: one string key per chunk (`tlab:chunk:<sha256>`), written
 * once by the submitter, read by every worker. Existence checks and writes go in one pipeline.
 */
import type { Redis } from 'ioredis';
import type { ChunkStore } from './chunk-store.ts';

/** Key prefix of the chunks in Redis. */
export const CHUNK_PREFIX = 'tlab:chunk:';

/** A ChunkStore over an ioredis connection (the caller owns the connection). */
export class RedisChunkStore implements ChunkStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = CHUNK_PREFIX,
  ) {}

  async has(hashes: readonly string[]): Promise<boolean[]> {
    if (hashes.length === 0) return [];
    const p = this.redis.pipeline();
    for (const h of hashes) p.exists(this.prefix + h);
    const out = (await p.exec()) ?? [];
    return out.map(([err, n]) => {
      if (err) throw err;
      return n === 1;
    });
  }

  async put(hash: string, bytes: Uint8Array): Promise<void> {
    await this.redis.set(
      this.prefix + hash,
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    );
  }

  async get(hash: string): Promise<Buffer | undefined> {
    return (await this.redis.getBuffer(this.prefix + hash)) ?? undefined;
  }

  async delete(hash: string): Promise<void> {
    await this.redis.del(this.prefix + hash);
  }
}
