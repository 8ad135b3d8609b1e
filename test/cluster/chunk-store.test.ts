/**
 * @module The ChunkStore contract over every implementation: in memory, a local folder (the
 * worker cache) and a real Redis server (the shared store).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe } from 'vitest';
import { DirChunkStore } from '../../src/cluster/dir-chunk-store.ts';
import { MemoryChunkStore } from '../../src/cluster/memory-chunk-store.ts';
import { RedisChunkStore } from '../../src/cluster/redis-chunk-store.ts';
import { chunkStoreContract } from './chunk-store-contract.ts';
import { REDIS_SERVER, REDIS_SKIP, startRedis, type TestRedis } from './redis-server.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

chunkStoreContract('memory', async () => new MemoryChunkStore());
chunkStoreContract('local folder', async () => {
  const d = mkdtempSync(path.join(os.tmpdir(), 'tlab-chunks-'));
  dirs.push(d);
  return new DirChunkStore(path.join(d, 'cache'));
});

describe.skipIf(REDIS_SERVER === undefined)(`on redis-server${REDIS_SKIP}`, () => {
  let redis: TestRedis;
  let client: Redis;
  let n = 0;
  beforeAll(async () => {
    redis = await startRedis();
    client = new Redis(redis.port, '127.0.0.1');
  });
  afterAll(async () => {
    client?.disconnect();
    await redis?.dispose();
  });
  chunkStoreContract('redis', async () => new RedisChunkStore(client, `test${n++}:`));
});
