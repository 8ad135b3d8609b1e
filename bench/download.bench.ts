/**
 * @module Benchmark of the history downloader against the in-process emulator, through the real
 * client and a temp-file SQLite cache.
 * - `download-getcandles-1m`: limits off on both sides; 1m for 30 days x 2 instruments through
 *   GetCandles (one request per day, 4 in flight). The emulator generates and serves the candles in
 *   the same process, so this is the rate of the whole loop, server included.
 * - `download-archive-1m`: limits off; the full 2024 archive of 2 instruments (one zip each). The
 *   emulator builds each zip once and caches it, so after the warm-up run the rate is the client's:
 *   transfer, unzip, parse, write. The cold first run is reported beside it.
 * - `download-rate-limited`: the emulator enforces a per-window MarketDataService limit (window
 *   scaled down from a minute) and the client paces itself to the same numbers; `utilisation` is
 *   the achieved request rate over the allowed one (target >= 0.9), `peakWindowFill` the most
 *   requests seen in any window's length over the limit (must stay <= 1), `rateLimited` the
 *   RESOURCE_EXHAUSTED answers the server gave (target 0).
 * Rates are medians of 3 runs after a warm-up. Progress goes to stderr; stdout is the runner's.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Interval } from '../src/core/interval.ts';
import type { TimeRange } from '../src/core/time.ts';
import { openStore } from '../src/data/index.ts';
import {
  downloadHistory,
  type DownloadSource,
  type DownloadSummary,
} from '../src/data/download/downloader.ts';
import { parseInstrumentList } from '../src/core/instrument-ref.ts';
import { storeForDownload } from '../src/data/download/store-adapter.ts';
import { startEmulator, type RunningEmulator } from '../src/emulator/index.ts';
import { historyApiFromClient } from '../src/live/history-api.ts';
import { createTinvestClient, type TinvestClient } from '../src/live/index.ts';
import type { BenchResult } from './types.ts';

const NOW = Date.UTC(2025, 5, 20, 12);
const REPS = 3;
const INSTRUMENTS = 'SBER,GAZP';
const TOKEN = 'bench-token';
/** Rate-limited run: MarketDataService requests allowed per window, and the window's length. */
const LIMIT = 150;
const WINDOW_MS = 3000;
/** Days of 1m requested in the rate-limited run per instrument: about 4 windows' worth. */
const LIMITED_DAYS = 300;
const DAY = 86_400_000;

const log = (line: string) => process.stderr.write(`[download.bench] ${line}\n`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

interface Job {
  intervals: Interval[];
  range: TimeRange;
  source: DownloadSource;
}

/** One download into a new temp-file cache; returns its summary, wall time and completion times. */
async function timed(
  client: TinvestClient,
  dir: string,
  job: Job,
): Promise<{ summary: DownloadSummary; seconds: number; done: number[] }> {
  const file = path.join(dir, `cache-${Math.random().toString(36).slice(2)}.sqlite`);
  const store = openStore(file);
  const done: number[] = [];
  try {
    const t0 = performance.now();
    const summary = await downloadHistory(historyApiFromClient(client), storeForDownload(store), {
      instruments: parseInstrumentList(INSTRUMENTS),
      intervals: job.intervals,
      range: job.range,
      source: job.source,
      now: NOW,
      observer: { request: ({ kind }) => kind === 'candles' && done.push(performance.now()) },
    });
    return { summary, seconds: (performance.now() - t0) / 1000, done };
  } finally {
    store.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  }
}

/** Median candles/s over REPS runs after one warm-up run (whose time is returned as cold). */
async function rate(client: TinvestClient, dir: string, name: string, job: Job) {
  const cold = await timed(client, dir, job);
  log(`${name}: warm-up ${cold.summary.candles} candles in ${cold.seconds.toFixed(2)} s`);
  const rates: number[] = [];
  let last = cold.summary;
  for (let i = 0; i < REPS; i++) {
    const run = await timed(client, dir, job);
    rates.push(run.summary.candles / run.seconds);
    last = run.summary;
    log(`${name}: run ${i + 1} ${Math.round(rates[i])} candles/s`);
  }
  return { rate: median(rates), cold, summary: last };
}

async function unlimited(dir: string): Promise<BenchResult[]> {
  const emu = await startEmulator({ now: () => NOW, limits: { enabled: false } });
  const client = createTinvestClient({
    endpoint: emu.grpcAddress,
    archiveUrl: emu.archiveUrl,
    token: TOKEN,
    // The archive fetcher paces on its own (30 per window): give it room as well.
    rateLimit: { enabled: false, windowMs: 1000, perService: { archive: 1_000_000 } },
  });
  try {
    const candles = await rate(client, dir, 'getcandles', {
      intervals: ['1m'],
      range: { from: Date.UTC(2025, 3, 1), to: Date.UTC(2025, 4, 1) },
      source: 'candles',
    });
    const archive = await rate(client, dir, 'archive', {
      intervals: ['1m'],
      range: { from: Date.UTC(2024, 0, 1), to: Date.UTC(2025, 0, 1) },
      source: 'archive',
    });
    return [
      {
        name: 'download-getcandles-1m',
        candlesPerSecond: candles.rate,
        candles: candles.summary.candles,
        requests: candles.summary.requests,
        requestsPerSecond: (candles.rate * candles.summary.requests) / candles.summary.candles,
      },
      {
        name: 'download-archive-1m',
        candlesPerSecond: archive.rate,
        candles: archive.summary.candles,
        archives: archive.summary.archives,
        coldCandlesPerSecond: archive.cold.summary.candles / archive.cold.seconds,
      },
    ];
  } finally {
    await client.close();
    await emu.stop();
  }
}

/** Most completions inside any span of `windowMs`. */
function peakWindow(times: number[], windowMs: number): number {
  let best = 0;
  let start = 0;
  for (let end = 0; end < times.length; end++) {
    while (times[end] - times[start] >= windowMs) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

async function limited(dir: string): Promise<BenchResult> {
  const limits = { windowMs: WINDOW_MS, perService: { MarketDataService: LIMIT } };
  const emu: RunningEmulator = await startEmulator({ now: () => NOW, limits });
  const client = createTinvestClient({
    endpoint: emu.grpcAddress,
    archiveUrl: emu.archiveUrl,
    token: TOKEN,
    rateLimit: limits,
  });
  try {
    const to = Date.UTC(2025, 5, 1);
    const run = await timed(client, dir, {
      intervals: ['1m'],
      range: { from: to - LIMITED_DAYS * DAY, to },
      source: 'candles',
    });
    const { done } = run;
    const steady = (done.length - 1) / (done[done.length - 1] - done[0]);
    const utilisation = (steady * WINDOW_MS) / LIMIT;
    const peakWindowFill = peakWindow(done, WINDOW_MS) / LIMIT;
    log(
      `rate-limited: ${done.length} requests in ${run.seconds.toFixed(1)} s, utilisation ` +
        `${utilisation.toFixed(3)}, peak window ${peakWindowFill.toFixed(3)}, ` +
        `server refusals ${emu.stats.rateLimited}`,
    );
    return {
      name: 'download-rate-limited',
      candlesPerSecond: run.summary.candles / run.seconds,
      utilisation,
      peakWindowFill,
      rateLimited: emu.stats.rateLimited,
      requests: run.summary.requests,
      limitPerWindow: LIMIT,
      windowMs: WINDOW_MS,
    };
  } finally {
    await client.close();
    await emu.stop();
  }
}

/** Runs the download benchmarks. */
export async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tlab-bench-dl-'));
  try {
    const results = [...(await unlimited(dir)), await limited(dir)];
    const peakRssMB = process.resourceUsage().maxRSS / 1024;
    return results.map((r) => ({ ...r, peakRssMB }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
