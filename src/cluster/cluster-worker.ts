/**
 * @module A cluster worker: a BullMQ worker on the configuration queue that runs each job on a
 * local pool of threads (research/config-pool.ts) over series pulled from the shared chunk store.
 * A configuration that throws fails its job at once (BullMQ's UnrecoverableError: the same inputs
 * would throw again); anything else (Redis away, a chunk that does not verify, another tlab
 * version) fails the attempt and BullMQ retries it, on this worker or another. A worker that dies
 * stops renewing its job's lock, and the stalled-job check hands the job to another worker.
 */
import os from 'node:os';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { ENGINE_VERSION } from '../engine/version.ts';
import { createPool, type ConfigPool } from '../research/config-pool.ts';
import { ChunkFetcher, type FetchStats } from './chunk-fetch.ts';
import { CONFIG_QUEUE, connect, connectionOptions } from './connection.ts';
import { DirChunkStore } from './dir-chunk-store.ts';
import { jobTask, packResult, strategySourceHash, type ConfigJobData } from './job-content.ts';
import { RedisChunkStore } from './redis-chunk-store.ts';
import { checkRedis } from './redis-check.ts';
import type { RedisTarget } from './redis-url.ts';
import { SeriesCache } from './series-cache.ts';

/** How a worker runs. */
export interface ClusterWorkerOptions {
  target: RedisTarget;
  /** Jobs at once, each on its own thread. */
  concurrency: number;
  /** The local chunk cache folder. */
  cacheDir: string;
  /** Job lock length: a dead worker's job goes to another after about this long (default 30 s). */
  lockMs?: number;
  /** Runs the configurations (default: a pool of `concurrency` threads). */
  pool?: ConfigPool;
  log(line: string): void;
}

/** A running worker. */
export interface ClusterWorker {
  readonly stats: FetchStats;
  /** Stops taking jobs; waits for the running ones unless `force` (then they stall and move on). */
  close(force?: boolean): Promise<void>;
}

/** Starts a worker; it runs jobs until closed. */
export async function startClusterWorker(o: ClusterWorkerOptions): Promise<ClusterWorker> {
  await checkRedis(o.target);
  const redis = connect(o.target);
  redis.on('error', () => {});
  const fetcher = new ChunkFetcher(new RedisChunkStore(redis), new DirChunkStore(o.cacheDir));
  const cache = new SeriesCache(fetcher, (l) =>
    o.log(
      `data ${l.manifest.slice(0, 12)}: ${l.series} series, ${l.chunks} chunks, pulled ${l.pulledChunks} (${l.pulledBytes} bytes)`,
    ),
  );
  const pool = o.pool ?? createPool(Math.max(1, o.concurrency));
  const processJob = async (job: Job<ConfigJobData>) => {
    const d = job.data;
    const id = (job.id ?? '').slice(1, 13);
    if (
      d.engineVersion !== ENGINE_VERSION ||
      d.strategySourceHash !== strategySourceHash(d.strategy)
    ) {
      throw new Error(
        `this worker's tlab differs from the submitter's (engine ${ENGINE_VERSION} vs ${d.engineVersion}, or ${d.strategy}'s source): run the same build everywhere`,
      );
    }
    const series = await cache.get(d.manifest);
    const { template, params } = jobTask(d);
    o.log(`run ${id} ${d.strategy} ${d.label} (attempt ${job.attemptsStarted})`);
    const t0 = performance.now();
    let r;
    try {
      r = await pool.run({ template, params, series });
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      o.log(`fail ${id} ${d.label}: ${msg}`);
      throw new UnrecoverableError(msg);
    }
    o.log(`done ${id} in ${Math.round(performance.now() - t0)} ms`);
    return packResult(r);
  };
  const lockMs = o.lockMs ?? 30_000;
  const worker = new Worker<ConfigJobData>(CONFIG_QUEUE, processJob, {
    connection: connectionOptions(o.target),
    concurrency: Math.max(1, o.concurrency),
    name: `${os.hostname()}:${process.pid}`,
    lockDuration: lockMs,
    stalledInterval: lockMs,
    maxStalledCount: 5,
  });
  let lastError = '';
  worker.on('error', (e) => {
    if (e.message !== lastError) o.log(`redis: ${e.message}`);
    lastError = e.message;
  });
  await worker.waitUntilReady();
  o.log(
    `worker ready on ${o.target.label}: ${Math.max(1, o.concurrency)} at once, cache ${o.cacheDir}`,
  );
  return {
    stats: fetcher.stats,
    async close(force = false) {
      await worker.close(force);
      if (o.pool === undefined) await pool.close();
      redis.disconnect();
      const s = fetcher.stats;
      o.log(
        `stopped: pulled ${s.pulledChunks} chunks (${s.pulledBytes} bytes), ${s.cachedChunks} from cache, ${s.rejected} rejected`,
      );
    },
  };
}
