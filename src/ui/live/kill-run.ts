/**
 * @module The dashboard's kill switch: what Ctrl-C in the run's terminal does, from the page. It
 * sends SIGINT to the process the journal records for the run, and only after checking that the
 * run is still going, that its process runs on this host and is alive, and (where /proc says) that
 * the pid is still a tlab process and not another one that reused the number. The run's own
 * SIGINT handler then engages its kill switch (no new orders, open ones cancelled) and stops
 * cleanly, journaling the stop.
 */
import { readFileSync } from 'node:fs';
import { TlabError } from '../../core/errors.ts';
import type { JournalReader } from '../../data/journal/journal-reader.ts';
import { processState, readRunProcess } from '../../data/journal/run-process.ts';

/** Why a kill was refused (the page shows it). */
export class KillRefusedError extends TlabError {}

/** Signals the process; tests replace it to observe without killing. */
export type SignalSender = (pid: number, signal: NodeJS.Signals) => void;

function looksLikeTlab(pid: number): boolean {
  let cmdline: string;
  try {
    cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    // No /proc (not Linux) or no access: the host and liveness checks stand alone.
    return true;
  }
  return /tlab|src\/cli\/main|dist\/main/.test(cmdline);
}

/**
 * Sends SIGINT to `runId`'s process after the checks above.
 * @throws KillRefusedError naming what failed.
 */
export function killRun(
  j: JournalReader,
  runId: string,
  send: SignalSender = process.kill,
): { pid: number } {
  const { outcome, proc } = j.snapshot(() => ({
    outcome: j.outcome(runId),
    proc: readRunProcess(j, runId),
  }));
  if (outcome !== 'running')
    throw new KillRefusedError(
      `run ${runId} is ${outcome ?? 'unknown'}, not running: there is nothing to stop`,
    );
  if (proc === undefined)
    throw new KillRefusedError(
      `the journal does not record which process runs ${runId}`,
      'stop it with Ctrl-C in its terminal (runs started by an older tlab record no pid)',
    );
  const state = processState(proc);
  if (state === 'elsewhere')
    throw new KillRefusedError(
      `run ${runId} runs on ${proc.host}, not on this machine`,
      'open the dashboard on that host to stop it',
    );
  if (proc.pid === process.pid)
    throw new KillRefusedError(
      `run ${runId} runs in the dashboard's own process`,
      'stop it where it was started',
    );
  if (state === 'gone')
    throw new KillRefusedError(
      `the process of run ${runId} (pid ${proc.pid}) is gone: the run ended without recording it`,
      'nothing to stop; tlab runs shows it as running until it is resumed',
    );
  if (!looksLikeTlab(proc.pid))
    throw new KillRefusedError(
      `pid ${proc.pid} of run ${runId} is now another program: the run ended without recording it`,
      'nothing to stop; tlab runs shows it as running until it is resumed',
    );
  send(proc.pid, 'SIGINT');
  return { pid: proc.pid };
}
