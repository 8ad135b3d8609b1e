/**
 * @module A real `tlab paper` process for the live page: the binary on its in-process emulator,
 * replaying the trading morning of the session tests at high speed, journaling into a given
 * journal; and the wait for its run id once it has started deciding.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { openJournal } from '../../src/data/journal/open-journal.ts';
import { ROOT } from '../cli/run-cli.ts';
import { START } from '../live/session/session-rig.ts';

/** A running paper process and what it printed so far. */
export interface PaperChild {
  child: ChildProcess;
  exited: Promise<number | null>;
  out: { stdout: string; stderr: string };
  /** The run's id once it has made a decision (the journal's older runs are not paper runs). */
  runId(): Promise<string>;
}

/** Starts `tlab paper` (sma-cross 2/4 on SBER 1m, at most 5 lots held) writing to `journalFile`. */
export function startPaper(dir: string, journalFile: string, speed = 240): PaperChild {
  const child = spawn(
    process.execPath,
    [
      path.join(ROOT, 'bin/tlab.mjs'),
      'paper',
      ...['--strategy', 'sma-cross', '--param', 'fast=2', '--param', 'slow=4'],
      ...['--instrument', 'SBER', '--interval', '1m', '--warmup', '1h', '--emulator'],
      ...['--replay-from', new Date(START).toISOString(), '--speed', String(speed)],
      ...['--max-position', '5'],
      ...['--db', path.join(dir, 'paper-cache.sqlite'), '--journal', journalFile],
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const out = { stdout: '', stderr: '' };
  child.stdout!.on('data', (d: Buffer) => (out.stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out.stderr += d.toString()));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { child, exited, out, runId: () => paperRun(journalFile, exited) };
}

async function paperRun(file: string, exited: Promise<number | null>): Promise<string> {
  let gone = false;
  void exited.then(() => (gone = true));
  for (let k = 0; k < 600 && !gone; k++) {
    await new Promise((r) => setTimeout(r, 100));
    const j = openJournal(file, { mustExist: true });
    try {
      const run = j.listRuns({ mode: 'paper' })[0];
      if (run !== undefined && run.decisions > 0) return run.runId;
    } finally {
      j.close();
    }
  }
  throw new Error(
    gone ? 'tlab paper exited before deciding' : 'the paper run made no decision in time',
  );
}
