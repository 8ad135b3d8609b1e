/**
 * @module Cluster benchmark: the same 200-configuration sma-cross study run locally (one worker
 * thread, warm, as the optimize suite measures it) and through Redis on 1, 2 and 4 `tlab worker`
 * processes (concurrency 1 each, started and ready before the clock starts; the clock includes
 * publishing the chunks and every worker pulling them into an empty cache). Reports wall time,
 * configurations per second, the overhead per job of the 1-worker cluster run against the local
 * one, the speed-up over the 1-worker run, and the bytes each worker pulled (every chunk exactly
 * once per worker: the suite fails otherwise). Redis is flushed between runs, or the second run
 * would find every job done; one more run collects an already finished study to show that cost.
 * Sizes: BENCH_CLUSTER_CANDLES (default 50,000 1-minute candles), BENCH_CLUSTER_ROUNDS (3).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { ensureBuilt } from '../scripts/ensure-built.ts';
import { createClusterPool } from '../src/cluster/cluster-pool.ts';
import { parseRedisUrl } from '../src/cluster/redis-url.ts';
import { chunkSeries } from '../src/cluster/series-chunks.ts';
import { createPool, type ConfigPool, type WorkerEntry } from '../src/research/config-pool.ts';
import type { SharedSeries } from '../src/research/shared-candles.ts';
import { runStudy, studyConfigurations, type StudySpec } from '../src/research/study.ts';
import { startWorker, stopWorkers, type WorkerProcess } from '../test/cluster/cluster-fixture.ts';
import { REDIS_SERVER, startRedis, type TestRedis } from '../test/cluster/redis-server.ts';
import { benchStudy } from './study-data.ts';
import type { BenchResult } from './types.ts';

const COUNT = Number(process.env.BENCH_CLUSTER_CANDLES ?? 50_000);
const ROUNDS = Number(process.env.BENCH_CLUSTER_ROUNDS ?? 3);
const BUILT: WorkerEntry = {
  filename: fileURLToPath(new URL('../dist/config-worker.js', import.meta.url)),
  execArgv: [],
};

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

async function study(spec: StudySpec, series: SharedSeries[], pool: ConfigPool): Promise<number> {
  const t0 = performance.now();
  const r = await runStudy(spec, { pool, series });
  if (r.completed !== 200) throw new Error(`the study finished ${r.completed} of 200`);
  return (performance.now() - t0) / 1000;
}

async function local(spec: StudySpec, series: SharedSeries[]): Promise<number> {
  const pool = createPool(1, BUILT);
  try {
    const first = studyConfigurations(spec).configs[0];
    await pool.run({ template: spec.template, params: first, series });
    return await study(spec, series, pool);
  } finally {
    await pool.close();
  }
}

/** Pulled chunks and bytes per worker, from their `data` log lines. */
function pulled(w: WorkerProcess): { chunks: number; bytes: number } {
  const m = [...w.log().matchAll(/ chunks, pulled (\d+) \((\d+) bytes\)/g)];
  return m.reduce((a, x) => ({ chunks: a.chunks + Number(x[1]), bytes: a.bytes + Number(x[2]) }), {
    chunks: 0,
    bytes: 0,
  });
}

interface ClusterRun {
  seconds: number;
  bytesPerWorker: number;
  resubmitSeconds: number;
}

async function onCluster(
  redis: TestRedis,
  spec: StudySpec,
  series: SharedSeries[],
  n: number,
): Promise<ClusterRun> {
  const client = new Redis(redis.port, '127.0.0.1');
  await client.flushall();
  client.disconnect();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tlab-bench-cluster-w-'));
  const workers = Array.from({ length: n }, (_, k) =>
    startWorker(['--redis', redis.url, '--concurrency', '1', '--cache', path.join(dir, `c${k}`)]),
  );
  const target = parseRedisUrl(redis.url);
  const info = { kind: 'optimize' as const, strategy: 'sma-cross', jobs: 200 };
  try {
    await Promise.all(workers.map((w) => w.waitFor(/worker ready/)));
    const pool = await createClusterPool({ target, study: { id: `bench-${n}`, ...info } });
    const seconds = await study(spec, series, pool).finally(() => pool.close());
    const again = await createClusterPool({ target, study: { id: `bench-${n}-again`, ...info } });
    const resubmitSeconds = await study(spec, series, again).finally(() => again.close());
    await stopWorkers(workers);
    // Every worker that ran a job pulled the manifest and each chunk exactly once.
    const expected = chunkSeries(series).chunks.size + 1;
    const moved = workers.map(pulled).filter((p) => p.chunks > 0);
    if (moved.some((p) => p.chunks !== expected)) {
      throw new Error(
        `pulled ${moved.map((p) => p.chunks).join(', ')} chunks, expected ${expected}`,
      );
    }
    return { seconds, bytesPerWorker: median(moved.map((p) => p.bytes)), resubmitSeconds };
  } finally {
    await stopWorkers(workers);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs the suite. */
export async function run(): Promise<BenchResult[]> {
  if (REDIS_SERVER === undefined) {
    process.stderr.write(
      'bench cluster: skipped, redis-server is absent (apt-get install redis-server)\n',
    );
    return [];
  }
  await ensureBuilt();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tlab-bench-cluster-'));
  const redis = await startRedis();
  try {
    const { series, spec } = benchStudy(dir, COUNT, 'slow=60:440:20');
    const localTimes: number[] = [];
    const runs = new Map<number, ClusterRun[]>([1, 2, 4].map((n) => [n, []]));
    for (let k = 0; k < ROUNDS; k++) {
      localTimes.push(await local(spec, series));
      for (const n of [1, 2, 4]) runs.get(n)!.push(await onCluster(redis, spec, series, n));
    }
    const base = median(localTimes);
    const one = median(runs.get(1)!.map((r) => r.seconds));
    const out: BenchResult[] = [
      {
        name: `cluster study 200 configs × ${COUNT} 1m, local 1 thread`,
        seconds: base,
        configsPerSecond: 200 / base,
      },
    ];
    for (const [n, rs] of runs) {
      const s = median(rs.map((r) => r.seconds));
      out.push({
        name: `cluster study 200 configs × ${COUNT} 1m, ${n} worker process${n > 1 ? 'es' : ''}`,
        seconds: s,
        configsPerSecond: 200 / s,
        ratioToLocal: s / base,
        speedupOver1Worker: one / s,
        ...(n === 1 ? { overheadPerJobMs: ((s - base) / 200) * 1000 } : {}),
        bytesPerWorker: median(rs.map((r) => r.bytesPerWorker)),
        resubmitSeconds: median(rs.map((r) => r.resubmitSeconds)),
      });
    }
    return out;
  } finally {
    await redis.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}
