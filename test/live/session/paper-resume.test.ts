/**
 * @module A paper run killed with SIGKILL mid-way and resumed with `tlab paper --resume RUN` (both
 * through the real binary, each with its own in-process emulator replaying the same morning): the
 * resumed run replays what its journal received, checks every replayed decision against the journal,
 * goes on with the stream, and ends with exactly the fills of an uninterrupted backtest of its
 * window, every decision journaled once.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openJournal } from '../../../src/data/journal/open-journal.ts';
import { readRunGuards } from '../../../src/data/journal/run-guards.ts';
import { openStore } from '../../../src/data/index.ts';
import { startEmulator } from '../../../src/emulator/index.ts';
import { DEV_TOKEN, createTinvestClient } from '../../../src/live/index.ts';
import { ROOT, runCli } from '../../cli/run-cli.ts';
import { HOUR, MINUTE, START, referenceBacktest, waitForDecisions } from './session-rig.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'tlab-paper-resume-'));
const journalFile = path.join(dir, 'runs.sqlite');
const args = [
  '--emulator',
  '--replay-from',
  new Date(START).toISOString(),
  '--speed',
  '300',
  '--warmup',
  '1h',
  '--db',
  path.join(dir, 'cache.sqlite'),
  '--journal',
  journalFile,
];

describe('paper run killed and resumed', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('resumes from the journal to the fills of an uninterrupted backtest, no decision twice', async () => {
    const child = spawn(
      process.execPath,
      [
        path.join(ROOT, 'bin/tlab.mjs'),
        'paper',
        '--strategy',
        'sma-cross',
        '--param',
        'fast=3',
        '--param',
        'slow=8',
        '--instrument',
        'SBER',
        '--interval',
        '1m',
        '--for',
        '40m',
        // Not repeated on resume: the run's recorded cash and guard limits are used.
        '--cash',
        '500000',
        '--max-position',
        '5',
        ...args,
      ],
      { stdio: 'ignore' },
    );
    const exited = new Promise((r) => child.on('exit', r));
    const runId = await waitForDecisions(journalFile, 2);
    child.kill('SIGKILL');
    await exited;

    const before = openJournal(journalFile, { mustExist: true });
    const killed = before.readSoFar(runId);
    before.close();
    expect(killed.outcome).toBe('running');

    const resumed = await runCli(['paper', '--resume', runId, ...args], { timeoutMs: 120_000 });
    expect(resumed.stderr).toContain(`run ${runId} completed`);
    expect(resumed.code).toBe(0);

    const j = openJournal(journalFile, { mustExist: true });
    const record = j.readRun(runId);
    const guards = readRunGuards(j, runId);
    j.close();
    expect(guards).toEqual({ maxPositionLots: 5, flattenOnDailyLoss: false });
    expect(record.outcome).toBe('completed');
    expect(record.startingCash).toBe(500_000);
    expect(record.metrics?.finalEquity).toBeGreaterThan(400_000);
    expect(record.metrics?.finalEquity).toBeLessThan(600_000);
    expect(record.decisions.length).toBeGreaterThan(killed.decisions.length);
    expect(new Set(record.decisions.map((d) => d.orderId)).size).toBe(record.decisions.length);
    expect(record.decisions.map((d) => d.seq)).toEqual(record.decisions.map((_d, k) => k));

    // The reference: the same window backtested over the same synthetic candles.
    const emu = await startEmulator({ replay: { from: record.to + 10 * MINUTE, speed: 1 } });
    const client = createTinvestClient({ endpoint: emu.grpcAddress, token: DEV_TOKEN });
    const store = openStore(path.join(dir, 'reference.sqlite'));
    try {
      const reference = await referenceBacktest(
        { client, store, now: emu.clock.now() },
        {
          strategy: 'sma-cross',
          params: { fast: 3, slow: 8 },
          instruments: killed.meta.instruments,
          warmFrom: record.from - HOUR,
          tradeFrom: record.from,
          to: record.to,
          cash: 500_000,
        },
      );
      expect(reference.fills.length).toBeGreaterThan(2);
      const shape = (f: { side: string; lots: number; price: number; time: number }) =>
        `${f.time} ${f.side} ${f.lots} @ ${f.price}`;
      expect(record.fills.map(shape)).toEqual(reference.fills.map(shape));
    } finally {
      store.close();
      await client.close();
      await emu.stop();
    }
  });
});
