/**
 * @module Parameter-search benchmark: a 100-configuration sma-cross grid over 200,000 1-minute
 * candles, with 1 worker thread and with every core, in the same run: wall time, configurations
 * per second, the speed-up (target ≥ 0.8 × cores) and peak RSS (the candles are shared between the
 * workers, so memory should not grow with their number).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStore } from '../src/data/index.ts';
import { createPool } from '../src/research/config-pool.ts';
import { parseAxis } from '../src/research/grid.ts';
import { loadSharedSeries } from '../src/research/load-series.ts';
import { runStudy, type StudySpec } from '../src/research/study.ts';
import { BENCH_START, benchInstrument, writeSeries } from './engine-data.ts';
import type { BenchResult } from './types.ts';

const COUNT = 200_000;

async function timed(
  spec: StudySpec,
  series: ReturnType<typeof loadSharedSeries>,
  workers: number,
) {
  const pool = createPool(workers);
  const t0 = performance.now();
  try {
    const r = await runStudy(spec, { pool, series });
    return { seconds: (performance.now() - t0) / 1000, configurations: r.configurations };
  } finally {
    await pool.close();
  }
}

/** Runs the suite. */
export async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tlab-bench-opt-'));
  try {
    const store = openStore(path.join(dir, 'cache.sqlite'));
    const inst = benchInstrument(1);
    store.upsertInstrument(inst);
    writeSeries(store, inst, COUNT, 7);
    const range = { from: BENCH_START, to: BENCH_START + COUNT * 60_000 };
    const series = loadSharedSeries(store, [inst], ['1m'], range);
    store.close();
    const spec: StudySpec = {
      template: { strategy: 'sma-cross', instruments: [inst], intervals: ['1m'], range },
      fixed: {},
      axes: [parseAxis('fast=5:50:5'), parseAxis('slow=60:240:20')],
      constraints: [],
      objective: 'sharpe',
    };
    const cores = Math.max(1, os.availableParallelism());
    await timed({ ...spec, axes: [parseAxis('fast=5'), parseAxis('slow=60')] }, series, 1); // warm-up
    const one = await timed(spec, series, 1);
    const rss1 = process.resourceUsage().maxRSS / 1024;
    const all = await timed(spec, series, cores);
    const speedup = one.seconds / all.seconds;
    return [
      {
        name: 'optimize 100 configs × 200k 1m, 1 worker',
        seconds: one.seconds,
        configsPerSecond: one.configurations / one.seconds,
        candlesPerSecond: (one.configurations * COUNT) / one.seconds,
        peakRssMB: rss1,
      },
      {
        name: `optimize 100 configs × 200k 1m, ${cores} workers`,
        seconds: all.seconds,
        configsPerSecond: all.configurations / all.seconds,
        candlesPerSecond: (all.configurations * COUNT) / all.seconds,
        speedup,
        speedupPerCore: speedup / cores,
        peakRssMB: process.resourceUsage().maxRSS / 1024,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
