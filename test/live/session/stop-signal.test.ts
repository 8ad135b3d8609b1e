/**
 * @module SIGINT to a running `tlab paper` (the real binary): it stops cleanly, prints the summary
 * and the run's counters, exits 0, and the journal records the run as stopped, with its decisions.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openJournal } from '../../../src/data/journal/open-journal.ts';
import { ROOT } from '../../cli/run-cli.ts';
import { START, waitForDecisions } from './session-rig.ts';

describe('tlab paper on SIGINT', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tlab-paper-sigint-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('stops cleanly with its summary and a stopped run in the journal', async () => {
    const journalFile = path.join(dir, 'runs.sqlite');
    const child = spawn(
      process.execPath,
      [
        path.join(ROOT, 'bin/tlab.mjs'),
        'paper',
        ...['--strategy', 'sma-cross', '--param', 'fast=3', '--param', 'slow=8'],
        ...['--instrument', 'SBER', '--interval', '1m', '--warmup', '1h', '--emulator'],
        ...['--replay-from', new Date(START).toISOString(), '--speed', '120'],
        ...['--db', path.join(dir, 'cache.sqlite'), '--journal', journalFile],
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    const runId = await waitForDecisions(journalFile, 1);
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(stderr).toContain('SIGINT: stopping');
    expect(stderr).toContain(`run ${runId} stopped`);
    expect(stdout).toContain('Final equity');
    const j = openJournal(journalFile, { mustExist: true });
    const run = j.readRun(runId);
    j.close();
    expect(run.outcome).toBe('stopped');
    expect(run.decisions.length).toBeGreaterThanOrEqual(1);
  });
});
