/**
 * `tlab download` SIGKILLed in the middle of a download (a child process against an emulator in
 * this process, slowed by injected latency) leaves a cache that passes verification, and rerunning
 * the same command finishes with exactly the content of an uninterrupted run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/data/index.ts';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.ts';
import { cacheContent, emuEnv, runCli, startCli, type CliResult } from './helpers.ts';

const NOW = Date.UTC(2025, 5, 20, 12);
/** Two instruments × (14 one-day 1m windows + one 1h window): 30 GetCandles requests. */
const ARGS = [
  'download',
  '--instrument',
  'SBER,GAZP',
  '--interval',
  '1m,1h',
  '--from',
  '2024-10-01',
  '--to',
  '2024-10-15',
  '--source',
  'candles',
  '--json',
];
const WINDOWS = 30;
const KILL_AFTER = 12;
const DAY = 86_400_000;
const GET_CANDLES = 'MarketDataService/GetCandles';

let dir: string;
let killedEmu: RunningEmulator;
let cleanEmu: RunningEmulator;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'tlab-dl-kill-'));
  // Real per-minute limits: the CLI's own pacing (≈10 GetCandles/s) is what keeps it slow enough.
  killedEmu = await startEmulator({ now: () => NOW, faults: { latencyMs: 40 } });
  cleanEmu = await startEmulator({ now: () => NOW });
});

afterAll(async () => {
  await killedEmu?.stop();
  await cleanEmu?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the download and SIGKILLs it once the emulator has seen `after` GetCandles calls. */
async function runAndKill(db: string, after: number): Promise<CliResult> {
  const { child, done } = startCli([...ARGS, '--db', db], emuEnv(killedEmu));
  const timer = setInterval(() => {
    if ((killedEmu.stats.callsByMethod[GET_CANDLES] ?? 0) >= after) child.kill('SIGKILL');
  }, 5);
  try {
    return await done;
  } finally {
    clearInterval(timer);
  }
}

describe('a download killed with SIGKILL', () => {
  it('resumes to the same cache as a clean run, and is consistent in between', async () => {
    const cleanDb = path.join(dir, 'clean.sqlite');
    const killedDb = path.join(dir, 'killed.sqlite');
    const [clean, killed] = await Promise.all([
      runCli([...ARGS, '--db', cleanDb], emuEnv(cleanEmu)),
      runAndKill(killedDb, KILL_AFTER),
    ]);
    expect(clean.code, clean.stderr).toBe(0);
    expect(JSON.parse(clean.stdout)).toMatchObject({ requests: WINDOWS, archives: 0 });
    expect(killed.signal).toBe('SIGKILL');
    expect(killed.stdout).toBe('');

    // In between: some windows are stored and covered, others are not, and nothing is corrupt.
    const partial = openStore(killedDb, { mustExist: true });
    try {
      const report = partial.verify();
      expect(report.problems, JSON.stringify(report)).toBe(0);
      expect(report.ok).toBe(true);
      // Killed mid-way: part of the 1m history is covered, not all of it.
      const coveredMs = partial
        .listSeries()
        .filter((s) => s.interval === '1m')
        .flatMap((s) => s.covered)
        .reduce((sum, r) => sum + (r.to - r.from), 0);
      expect(coveredMs).toBeGreaterThan(0);
      expect(coveredMs).toBeLessThan(2 * 14 * DAY);
    } finally {
      partial.close();
    }

    // Resume: the same command finishes the job, fetching only what is missing.
    killedEmu.faults.latencyMs = 0;
    const resumed = await runCli([...ARGS, '--db', killedDb], emuEnv(killedEmu));
    expect(resumed.code, resumed.stderr).toBe(0);
    const summary = JSON.parse(resumed.stdout) as { requests: number };
    expect(summary.requests).toBeGreaterThan(0);
    expect(summary.requests).toBeLessThan(WINDOWS);

    const a = openStore(cleanDb, { mustExist: true });
    const b = openStore(killedDb, { mustExist: true });
    try {
      const want = cacheContent(a);
      expect(want.series).toHaveLength(4);
      expect(cacheContent(b)).toEqual(want);
      expect(b.verify().ok).toBe(true);
    } finally {
      a.close();
      b.close();
    }
  });
});
