/**
 * @module Engine benchmark, end to end from the SQLite cache: a generated cache (one instrument of
 * 1,000,000 1-minute candles, twenty of 50,000) in a temporary file, read through SqliteFeed. Each
 * workload runs in its own process (engine-worker.ts) beside a raw read of the same data measured in
 * the same process, so `ratioToRawRead` compares like with like: no-op strategy over 1,000,000
 * candles, sma-cross 10/30 with fills over the same, a 20-instrument sma-cross portfolio, and the
 * no-op over 250,000 candles to show memory does not grow with the number of candles read.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStore } from '../src/data/index.ts';
import { benchInstrument, writeSeries } from './engine-data.ts';
import type { BenchResult } from './types.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

const ROWS: { name: string; workload: string }[] = [
  { name: 'engine no-op 1M x 1m (sqlite)', workload: 'noop' },
  { name: 'engine sma-cross 1M x 1m (sqlite)', workload: 'sma' },
  { name: 'engine portfolio 20 x 50k (sqlite)', workload: 'portfolio' },
  { name: 'engine no-op 250k x 1m (sqlite)', workload: 'noop-250k' },
];

/** Generates the cache, runs every workload in a child process, returns one row per workload. */
export async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tlab-engine-bench-'));
  const db = path.join(dir, 'bench.sqlite');
  try {
    const store = openStore(db);
    const instruments = Array.from({ length: 21 }, (_, k) => benchInstrument(k));
    store.upsertInstruments(instruments);
    writeSeries(store, instruments[0], 1_000_000, 1);
    for (let k = 1; k <= 20; k++) writeSeries(store, instruments[k], 50_000, 100 + k);
    store.close();
    return ROWS.map(({ name, workload }) => {
      const child = spawnSync(
        process.execPath,
        ['--import', 'tsx', path.join(here, 'engine-worker.ts'), db, workload],
        { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
      );
      if (child.status !== 0) throw new Error(`engine bench workload ${workload} failed`);
      const m = JSON.parse(child.stdout.trim().split('\n').pop() as string) as Record<
        string,
        number
      >;
      return {
        name,
        candlesPerSecond: m.candlesPerSecond,
        ratioToRawRead: m.ratioToRawRead,
        peakRssMB: m.peakRssMB,
        rawReadPerSecond: m.rawReadPerSecond,
        candles: m.candles,
        fills: m.fills,
      };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
