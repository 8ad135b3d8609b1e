/**
 * @module What the cluster tests share: a candle cache file with one seeded random-walk series,
 * real `tlab worker` processes (the binary the other CLI tests run) whose logs the tests read, and
 * the job ids a set of worker logs says were finished.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { candleAt } from '../../src/core/candle.ts';
import type { Interval } from '../../src/core/interval.ts';
import { intervalMs } from '../../src/core/interval.ts';
import { openStore } from '../../src/data/index.ts';
import { ROOT, type CliRun } from '../cli/run-cli.ts';
import { instrument, randomWalk } from '../stubs/candles.ts';

/** Start of the fixture series. */
export const T0 = Date.UTC(2024, 0, 1);

/** Writes `count` candles of SBER at `interval` from {@link T0} into a new cache file. */
export function makeCache(file: string, interval: Interval, count: number, seed = 5): void {
  const store = openStore(file);
  const sber = instrument({ ticker: 'SBER' });
  store.upsertInstrument(sber);
  const step = intervalMs(interval) ?? 60_000;
  const b = randomWalk({ seed, count, start: T0, interval, vol: 0.004 });
  const rows = Array.from({ length: count }, (_, i) => candleAt(b, i));
  store.upsertCandles(
    sber.uid,
    interval,
    rows,
    { from: T0, to: T0 + count * step },
    { source: 'test' },
  );
  store.close();
}

/** A running `tlab worker`. */
export interface WorkerProcess {
  child: ChildProcess;
  log(): string;
  /** Resolves when the log matches `re`. */
  waitFor(re: RegExp, timeoutMs?: number): Promise<void>;
  /** Resolves with the exit code (or signal) once it exited. */
  exited: Promise<number | string | null>;
}

/** The environment of spawned processes: this one's without any T-Invest token. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of Object.keys(env))
    if (/_TOKEN_(STRING|FILE)$|^TLAB_REDIS_URL$/.test(k)) delete env[k];
  return { ...env, ...extra };
}

/** Starts `tlab worker` with `args` (e.g. --redis URL --cache DIR). */
export function startWorker(args: string[], env: Record<string, string> = {}): WorkerProcess {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/tlab.mjs'), 'worker', ...args], {
    cwd: ROOT,
    env: cleanEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const waiters: { re: RegExp; done(): void }[] = [];
  const onData = (d: Buffer) => {
    out += d.toString();
    for (const w of [...waiters]) {
      if (w.re.test(out)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.done();
      }
    }
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<number | string | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal)),
  );
  return {
    child,
    log: () => out,
    exited,
    waitFor: (re, timeoutMs = 30_000) =>
      new Promise<void>((resolve, reject) => {
        if (re.test(out)) return resolve();
        const timer = setTimeout(
          () => reject(new Error(`worker log never matched ${re}:\n${out}`)),
          timeoutMs,
        );
        waiters.push({
          re,
          done: () => {
            clearTimeout(timer);
            resolve();
          },
        });
        void exited.then(() => {
          clearTimeout(timer);
          if (!re.test(out))
            reject(new Error(`worker exited before its log matched ${re}:\n${out}`));
        });
      }),
  };
}

/** Stops workers with SIGTERM and waits for them. */
export async function stopWorkers(list: readonly WorkerProcess[]): Promise<void> {
  for (const w of list)
    if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGTERM');
  await Promise.all(list.map((w) => w.exited));
}

/** Job ids (12-hex prefixes) of every `done` line in the logs, with repeats. */
export function doneJobs(logs: readonly string[]): string[] {
  return logs.flatMap((l) => [...l.matchAll(/ done ([0-9a-f]{12}) /g)].map((m) => m[1]));
}

/** Job ids of `run` lines in a log. */
export function ranJobs(log: string): string[] {
  return [...log.matchAll(/ run ([0-9a-f]{12}) /g)].map((m) => m[1]);
}

/** A `tlab` run the test can kill: its child process and its result. */
export function spawnCli(args: string[]): { child: ChildProcess; result: Promise<CliRun> } {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/tlab.mjs'), ...args], {
    cwd: ROOT,
    env: cleanEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const result = new Promise<CliRun>((resolve) =>
    child.once('close', (code) => resolve({ code, stdout, stderr })),
  );
  return { child, result };
}
