/**
 * @module Parameter-search benchmark: a 100-configuration sma-cross grid over 200,000 1-minute
 * candles, with 1 worker thread and with every core, alternating in the same run (medians of
 * ROUNDS): the search's wall time on started workers, configurations per second, the speed-up
 * (target ≥ 0.8 × cores), the start-up paid before it (pool start and one configuration per
 * worker, which loads the modules and warms the JIT in every thread), the cold end-to-end speed-up
 * with the start-up counted, the process CPU time of the search (all threads: on a busy machine the
 * ratio of CPU times shows whether more workers cost more work, which wall times cannot), and peak
 * RSS (the candles are shared between the workers, so memory should not grow with their number).
 * The workers run the built dist/config-worker.js, as `tlab optimize` does (rebuilt first when
 * stale): through tsx each worker would spend about half a second compiling the sources at start.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuilt } from '../scripts/ensure-built.ts';
import { createPool, type WorkerEntry } from '../src/research/config-pool.ts';
import { runStudy, studyConfigurations, type StudySpec } from '../src/research/study.ts';
import type { SharedSeries } from '../src/research/shared-candles.ts';
import { benchStudy } from './study-data.ts';
import type { BenchResult } from './types.ts';

const COUNT = 200_000;
const BUILT: WorkerEntry = {
  filename: fileURLToPath(new URL('../dist/config-worker.js', import.meta.url)),
  execArgv: [],
};
const ROUNDS = 3;

interface Timing {
  start: number;
  search: number;
  cpu: number;
  configurations: number;
}

async function timed(spec: StudySpec, series: SharedSeries[], workers: number): Promise<Timing> {
  const t0 = performance.now();
  const pool = createPool(workers, BUILT);
  try {
    // One configuration per worker at once: piscina hands each to a different idle thread.
    const first = studyConfigurations(spec).configs.slice(0, workers);
    await Promise.all(first.map((params) => pool.run({ template: spec.template, params, series })));
    const t1 = performance.now();
    const c0 = process.cpuUsage();
    const r = await runStudy(spec, { pool, series });
    const c = process.cpuUsage(c0);
    return {
      start: (t1 - t0) / 1000,
      search: (performance.now() - t1) / 1000,
      cpu: (c.user + c.system) / 1e6,
      configurations: r.configurations,
    };
  } finally {
    await pool.close();
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function row(name: string, ts: Timing[]) {
  const search = median(ts.map((t) => t.search));
  const n = ts[0].configurations;
  return {
    name,
    seconds: search,
    startSeconds: median(ts.map((t) => t.start)),
    coldSeconds: median(ts.map((t) => t.start + t.search)),
    cpuSeconds: median(ts.map((t) => t.cpu)),
    configsPerSecond: n / search,
    candlesPerSecond: (n * COUNT) / search,
  };
}

/** Runs the suite. */
export async function run(): Promise<BenchResult[]> {
  await ensureBuilt();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tlab-bench-opt-'));
  try {
    const { series, spec } = benchStudy(dir, COUNT, 'slow=60:240:20');
    const cores = Math.max(1, os.availableParallelism());
    const one: Timing[] = [];
    const all: Timing[] = [];
    let rss1 = 0;
    for (let k = 0; k < ROUNDS; k++) {
      one.push(await timed(spec, series, 1));
      if (k === 0) rss1 = process.resourceUsage().maxRSS / 1024;
      all.push(await timed(spec, series, cores));
    }
    const a = row('optimize 100 configs × 200k 1m, 1 worker', one);
    const b = row(`optimize 100 configs × 200k 1m, ${cores} workers`, all);
    const speedup = a.seconds / b.seconds;
    const coldSpeedup = a.coldSeconds / b.coldSeconds;
    return [
      { ...a, peakRssMB: rss1 },
      {
        ...b,
        speedup,
        speedupPerCore: speedup / cores,
        coldSpeedupPerCore: coldSpeedup / cores,
        cpuRatio: b.cpuSeconds / a.cpuSeconds,
        peakRssMB: process.resourceUsage().maxRSS / 1024,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
