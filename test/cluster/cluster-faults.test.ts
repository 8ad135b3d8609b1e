/**
 * @module Cluster pool and worker in this process over a real redis-server: a configuration that
 * throws fails its job once (not retried) and the study reports its parameters and error; a
 * second study that shares configurations with the first runs none of them again, and its results
 * equal a local run's; resubmitted, a failed study retries only its failed configurations.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClusterPool } from '../../src/cluster/cluster-pool.ts';
import { startClusterWorker, type ClusterWorker } from '../../src/cluster/cluster-worker.ts';
import { CONFIG_QUEUE, connectionOptions } from '../../src/cluster/connection.ts';
import { ClusterJobError } from '../../src/cluster/job-waiter.ts';
import { parseRedisUrl, type RedisTarget } from '../../src/cluster/redis-url.ts';
import { openStore } from '../../src/data/index.ts';
import { createPool, type ConfigPool } from '../../src/research/config-pool.ts';
import { runConfig } from '../../src/research/config-run.ts';
import { parseAxis } from '../../src/research/grid.ts';
import { loadSharedSeries } from '../../src/research/load-series.ts';
import type { SharedSeries } from '../../src/research/shared-candles.ts';
import { paramKey, runStudy, type StudySpec } from '../../src/research/study.ts';
import { makeCache, T0 } from './cluster-fixture.ts';
import { REDIS_SERVER, REDIS_SKIP, startRedis, type TestRedis } from './redis-server.ts';

const H = 3_600_000;
let dir: string;
let redis: TestRedis;
let target: RedisTarget;
let series: SharedSeries[];
let spec: (fast: string) => StudySpec;
let worker: ClusterWorker;
const calls: string[] = [];

/** The local in-thread pool, except that fast=10 throws as a broken strategy would. */
const flaky: ConfigPool = {
  threads: 1,
  close: async () => {},
  run: async (task) => {
    calls.push(paramKey(task.params));
    if (task.params.fast === 10) throw new Error('strategy blew up at fast=10');
    return runConfig(task);
  },
};

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'tlab-cluster-faults-'));
  const file = path.join(dir, 'cache.sqlite');
  makeCache(file, '1h', 24 * 60);
  const store = openStore(file);
  const sber = store.findInstrument('SBER')!;
  const range = { from: T0, to: T0 + 24 * 60 * H };
  series = loadSharedSeries(store, [sber], ['1h'], range);
  store.close();
  spec = (fast) => ({
    template: { strategy: 'sma-cross', instruments: [sber], intervals: ['1h'], range },
    fixed: { lots: 1 },
    axes: [parseAxis(`fast=${fast}`), parseAxis('slow=20,40,60')],
    constraints: [],
    objective: 'sharpe',
  });
  if (REDIS_SERVER === undefined) return;
  redis = await startRedis();
  target = parseRedisUrl(redis.url);
  worker = await startClusterWorker({
    target,
    concurrency: 2,
    cacheDir: path.join(dir, 'chunks'),
    pool: flaky,
    log: () => {},
  });
});

afterAll(async () => {
  await worker?.close();
  await redis?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const study = (id: string, jobs: number) => ({
  id,
  kind: 'optimize' as const,
  strategy: 'sma-cross',
  jobs,
});

describe.skipIf(REDIS_SERVER === undefined)(`cluster faults${REDIS_SKIP}`, () => {
  it('a configuration that throws is reported with its parameters and error, and runs once', async () => {
    const pool = await createClusterPool({ target, study: study('s1', 9), sweepMs: 200 });
    const queue = new Queue(CONFIG_QUEUE, { connection: connectionOptions(target) });
    try {
      const err = await runStudy(spec('5,10,15'), { pool, series }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ClusterJobError);
      expect((err as Error).message).toMatch(
        /^configuration \{"lots":1,"fast":10,"slow":(20|40|60)\} failed on the cluster: strategy blew up at fast=10$/,
      );
      // Let the other jobs of the study finish, then look at the failed ones.
      await expect
        .poll(async () => (await queue.getJobCounts()).completed, { timeout: 20_000 })
        .toBe(6);
      const failed = await queue.getFailed();
      expect(failed).toHaveLength(3);
      for (const j of failed) expect(j.attemptsMade).toBe(1);
      expect(calls.filter((c) => c.includes('"fast",10'))).toHaveLength(3);
    } finally {
      await pool.close();
      await queue.close();
    }
  });

  it('a second study runs none of the configurations the first finished', async () => {
    const before = calls.length;
    const pool = await createClusterPool({ target, study: study('s2', 6), sweepMs: 200 });
    let onCluster;
    try {
      onCluster = await runStudy(spec('5,15'), { pool, series });
    } finally {
      await pool.close();
    }
    expect(calls.length).toBe(before);
    const local = createPool(0);
    const here = await runStudy(spec('5,15'), { pool: local, series });
    await local.close();
    expect(onCluster).toEqual(here);
    expect(onCluster.completed).toBe(6);
  });

  it('resubmitted, a failed study runs its failed configurations once more and nothing else', async () => {
    const before = calls.length;
    const pool = await createClusterPool({ target, study: study('s1', 9), sweepMs: 200 });
    try {
      await expect(runStudy(spec('5,10,15'), { pool, series })).rejects.toThrow(ClusterJobError);
    } finally {
      await pool.close();
    }
    await expect.poll(() => calls.length - before, { timeout: 20_000 }).toBe(3);
    await new Promise((r) => setTimeout(r, 500));
    expect(calls.length - before).toBe(3);
    expect(calls.slice(before).every((c) => c.includes('"fast",10'))).toBe(true);
  });
});
