/**
 * @module The cluster behind the local pool's interface (research/config-pool.ts): `run` publishes
 * the study's candles once (content-addressed chunks in Redis), submits the configuration as a
 * BullMQ job whose id is its content, and resolves with the result a worker computed, exactly what
 * a local worker thread returns. runStudy and runWalkForward run on it unchanged.
 */
import { Queue, QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import type { ConfigPool } from '../research/config-pool.ts';
import type { ConfigResult, ConfigTask } from '../research/config-run.ts';
import type { SharedSeries } from '../research/shared-candles.ts';
import { CONFIG_QUEUE, connect, connectionOptions } from './connection.ts';
import { configJob } from './job-content.ts';
import { JobWaiter } from './job-waiter.ts';
import { publishSeries, type Published } from './publish.ts';
import { RedisChunkStore } from './redis-chunk-store.ts';
import type { RedisTarget } from './redis-url.ts';
import { countJob, endStudy, recordStudy, type StudyInfo } from './study-record.ts';

/** Jobs in flight per study: enough to keep a large cluster busy, few enough to stop promptly. */
export const CLUSTER_IN_FLIGHT = 256;

/** How the cluster pool reports. */
export interface ClusterPoolOptions {
  target: RedisTarget;
  study: StudyInfo;
  /** Jobs settled so far (completed or failed). */
  onSettled?(n: number): void;
  /** Live workers, polled every second. */
  onWorkers?(n: number): void;
  /** After each first publication of a study's data. */
  onPublished?(p: Published): void;
  /** How often pending jobs' states are read (default 2 s). */
  sweepMs?: number;
}

/** A ConfigPool on the cluster. */
export interface ClusterPool extends ConfigPool {
  /** Live worker processes now. */
  workers(): Promise<number>;
}

/** Connects and records the study; close the pool when done. */
export async function createClusterPool(o: ClusterPoolOptions): Promise<ClusterPool> {
  const connection = connectionOptions(o.target);
  const redis: Redis = connect(o.target);
  const queue = new Queue(CONFIG_QUEUE, { connection });
  const events = new QueueEvents(CONFIG_QUEUE, { connection });
  // Errors of a connection that will reconnect (a Redis restart) are reported by the commands' waits.
  queue.on('error', () => {});
  events.on('error', () => {});
  redis.on('error', () => {});
  await events.waitUntilReady();
  await recordStudy(redis, o.study);
  const waiter = new JobWaiter(queue, events, (n) => o.onSettled?.(n));
  const store = new RedisChunkStore(redis);
  const published = new WeakMap<readonly SharedSeries[], Promise<string>>();
  const manifestOf = (series: readonly SharedSeries[]) => {
    let p = published.get(series);
    if (p === undefined) {
      p = publishSeries(store, series).then((r) => {
        o.onPublished?.(r);
        return r.manifestHash;
      });
      published.set(series, p);
    }
    return p;
  };
  const workers = async () => (await queue.getWorkers()).length;
  const sweep = setInterval(() => void waiter.sweep(), o.sweepMs ?? 2000);
  const poll = setInterval(
    () =>
      void workers().then(
        (n) => o.onWorkers?.(n),
        () => {},
      ),
    1000,
  );
  let failed = false;
  return {
    threads: CLUSTER_IN_FLIGHT / 2,
    workers,
    async run(task: ConfigTask): Promise<ConfigResult> {
      const manifest = await manifestOf(task.series);
      const job = configJob(o.study.id, task, manifest);
      try {
        const r = await waiter.submit(job.id, job.data);
        void countJob(redis, o.study.id, true).catch(() => {});
        return r;
      } catch (e) {
        failed = true;
        void countJob(redis, o.study.id, false).catch(() => {});
        throw e;
      }
    },
    async close() {
      clearInterval(sweep);
      clearInterval(poll);
      const state = failed ? 'failed' : waiter.waiting > 0 ? 'stopped' : 'done';
      await endStudy(redis, o.study.id, state).catch(() => {});
      await Promise.allSettled([events.close(), queue.close()]);
      redis.disconnect();
    },
  };
}
