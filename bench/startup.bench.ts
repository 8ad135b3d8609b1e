/**
 * @module Benchmark of `tlab` start-up, whole process, as a user runs it: `tlab --help`, and
 * `tlab backtest` of sma-cross over 65,000 cached 1-minute candles (cache built here through the
 * store, as the engine suite builds its data), each beside a `node -e 0` baseline measured in the
 * same rounds (interleaved, so machine noise hits all three alike). Medians of ROUNDS spawns each.
 * The same two commands through the TypeScript sources (TLAB_FROM_SOURCE=1, what `tlab` ran before
 * the build existed) are measured with fewer rounds, for the before/after ratio. Each child also
 * reports its own CPU time (bench/cpu-at-exit.mjs), steadier than wall time on a busy machine.
 * Targets (issue 7): --help ≤ 150 ms, backtest ≤ 200 ms, wall-clock medians, on a quiet machine.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isoUtc } from '../src/core/time.ts';
import { openStore } from '../src/data/index.ts';
import { ensureBuilt } from '../scripts/ensure-built.ts';
import { BENCH_START, benchInstrument, writeSeries } from './engine-data.ts';
import type { BenchResult } from './types.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin/tlab.mjs');
const CANDLES = 65_000;
const ROUNDS = 15;
const SOURCE_ROUNDS = 3;
const MINUTE = 60_000;

const CPU_PRELOAD = pathToFileURL(path.join(ROOT, 'bench/cpu-at-exit.mjs')).href;

/** Wall-clock and CPU milliseconds of one whole child process; throws when it fails. */
function timeSpawn(args: string[], env: NodeJS.ProcessEnv, cpuFile: string): [number, number] {
  writeFileSync(cpuFile, '');
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--import', CPU_PRELOAD, ...args], {
    encoding: 'utf8',
    env: { ...env, TLAB_BENCH_CPU_FILE: cpuFile },
    stdio: 'pipe',
  });
  const wall = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) {
    throw new Error(`startup bench: node ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  }
  return [wall, Number(readFileSync(cpuFile, 'utf8').trim())];
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Median wall and CPU ms of each command, measured in interleaved rounds. */
function measure(
  commands: Record<string, string[]>,
  rounds: number,
  cpuFile: string,
  env: NodeJS.ProcessEnv = process.env,
): Record<string, { wall: number; cpu: number }> {
  const times: Record<string, [number, number][]> = {};
  for (const name of Object.keys(commands)) times[name] = [];
  for (let r = 0; r < rounds; r++) {
    for (const [name, args] of Object.entries(commands)) {
      times[name].push(timeSpawn(args, env, cpuFile));
    }
  }
  return Object.fromEntries(
    Object.entries(times).map(([k, v]) => [
      k,
      { wall: median(v.map((x) => x[0])), cpu: median(v.map((x) => x[1])) },
    ]),
  );
}

/** Runs the suite. */
export async function run(): Promise<BenchResult[]> {
  await ensureBuilt();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tlab-startup-bench-'));
  try {
    const db = path.join(dir, 'bench.sqlite');
    const inst = benchInstrument(1);
    const store = openStore(db);
    store.upsertInstrument(inst);
    writeSeries(store, inst, CANDLES, 7);
    store.close();
    const range = ['--from', isoUtc(BENCH_START), '--to', isoUtc(BENCH_START + CANDLES * MINUTE)];
    const backtest = [BIN, 'backtest', '--strategy', 'sma-cross', '--instrument', inst.ticker];
    // Every minute of the bench series, as before --sessions (its 24/7 minutes are not all in a session).
    backtest.push('--interval', '1m', ...range, '--db', db, '--sessions', 'all');
    const commands = { baseline: ['-e', '0'], help: [BIN, '--help'], backtest };
    const cpuFile = path.join(dir, 'cpu.txt');
    // One unmeasured round warms the page cache for node, the bundle and the SQLite file.
    measure(commands, 1, cpuFile);
    const built = measure(commands, ROUNDS, cpuFile);
    const source = measure({ help: [BIN, '--help'], backtest }, SOURCE_ROUNDS, cpuFile, {
      ...process.env,
      TLAB_FROM_SOURCE: '1',
    });
    const base = built.baseline;
    const row = (name: string, t: { wall: number; cpu: number }, extra: object): BenchResult => ({
      name,
      medianMs: t.wall,
      cpuMs: t.cpu,
      overBaselineMs: t.wall - base.wall,
      cpuOverBaselineMs: t.cpu - base.cpu,
      ...extra,
    });
    return [
      { name: 'startup-node-e-0', medianMs: base.wall, cpuMs: base.cpu, rounds: ROUNDS },
      row('startup-help', built.help, { targetMs: 150 }),
      row('startup-backtest-65k-1m', built.backtest, { targetMs: 200, candles: CANDLES }),
      row('startup-help-from-source', source.help, {
        wallRatio: source.help.wall / built.help.wall,
      }),
      row('startup-backtest-from-source', source.backtest, {
        wallRatio: source.backtest.wall / built.backtest.wall,
      }),
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
