/**
 * @module Which process writes a run: its pid and host, recorded when the run starts and again when
 * it is resumed, so a reader in another process (`tlab runs`, the dashboard) can tell a run that is
 * still going from one whose process died without a word (its outcome stays `running`).
 */
import os from 'node:os';
import type { JournalDb } from './live-events.ts';

/** The process that writes a run. */
export interface RunProcess {
  pid: number;
  host: string;
}

/** This process. */
export function thisProcess(): RunProcess {
  return { pid: process.pid, host: os.hostname() };
}

/** The process recorded for `runId`; undefined for an unknown run or one written before pids were. */
export function readRunProcess(journal: JournalDb, runId: string): RunProcess | undefined {
  const row = journal.db.prepare('SELECT pid, host FROM runs WHERE run_id = ?').get(runId) as
    | { pid: number | null; host: string | null }
    | undefined;
  if (row === undefined || row.pid === null || row.host === null) return undefined;
  return { pid: row.pid, host: row.host };
}

/**
 * Whether the recorded process is alive: `alive` or `gone` when it ran on this host (a signal-0
 * probe), `elsewhere` when on another host (this machine cannot tell).
 */
export function processState(p: RunProcess, here: RunProcess = thisProcess()): 'alive' | 'gone' | 'elsewhere' {
  if (p.host !== here.host) return 'elsewhere';
  if (p.pid === here.pid) return 'alive';
  try {
    process.kill(p.pid, 0);
    return 'alive';
  } catch (err) {
    // EPERM: the pid exists but belongs to another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM' ? 'alive' : 'gone';
  }
}
