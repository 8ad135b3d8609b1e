/**
 * @module Engine benchmark, end to end from the SQLite cache: a generated cache (one instrument of
 * 1,000,000 1-minute candles, twenty of 50,000) in a temporary file, read through SqliteFeed. Each
 * workload runs in its own process (engine-worker.ts) beside a raw read of the same data measured in
 * the same process, so `ratioToRawRead` compares like with like: no-op strategy over 1,000,000
 * candles, sma-cross 10/30 with fills over the same, a 20-instrument sma-cross portfolio. The
 * default config keeps the per-candle equity curve in the result (24 bytes a candle, the one thing
 * that grows with the run); the `no curve` rows run with recordEquity off, to show the engine's
 * own rate and that its memory is flat in the number of candles (1M against 250k).
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

const ROWS: { name: string; workload: string; curve: boolean }[] = [
  { name: 'engine no-op 1M x 1m (sqlite)', workload: 'noop', curve: true },
  { name: 'engine sma-cross 1M x 1m (sqlite)', workload: 'sma', curve: true },
  { name: 'engine portfolio 20 x 50k (sqlite)', workload: 'portfolio', curve: true },
  { name: 'engine no-op 1M, no curve', workload: 'noop', curve: false },
  { name: 'engine sma-cross 1M, no curve', workload: 'sma', curve: false },
  { name: 'engine no-op 250k, no curve', workload: 'noop-250k', curve: false },
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
    return ROWS.map(({ name, workload, curve }) => {
      const args = [path.join(here, 'engine-worker.ts'), db, workload, curve ? 'curve' : 'nocurve'];
      const child = spawnSync(process.execPath, ['--import', 'tsx', ...args], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
      });
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
        equityCurve: curve,
      };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
