/**
 * @module The worker pool a study runs on: piscina worker threads (all cores by default), each
 * running configurations over the study's candles in shared memory; with 0 workers the runs happen
 * in this thread (for debugging and profiling). Interrupting stops new tasks and waits for none.
 */
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { runConfig, type ConfigResult, type ConfigTask } from './config-run.ts';

/** The real URL of the bundle chunk this module is in; scripts/build.mjs defines it, the sources do not. */
declare const __TLAB_BUNDLE_URL__: string | undefined;

/** Runs configuration tasks. */
export interface ConfigPool {
  run(task: ConfigTask): Promise<ConfigResult>;
  close(): Promise<void>;
  readonly threads: number;
}

/** Default worker count: every core. */
export function defaultWorkers(): number {
  return Math.max(1, os.availableParallelism());
}

/** The file a worker thread runs and the Node options it needs. */
export interface WorkerEntry {
  filename: string;
  execArgv: string[];
}

/**
 * The built dist/config-worker.js beside the bundle's chunks when running from dist/ (no loader:
 * an installed package may have no tsx), else the TypeScript worker through tsx (a checkout).
 */
export function workerEntry(): WorkerEntry {
  if (typeof __TLAB_BUNDLE_URL__ === 'string') {
    return {
      filename: fileURLToPath(new URL('./config-worker.js', __TLAB_BUNDLE_URL__)),
      execArgv: [],
    };
  }
  return {
    filename: fileURLToPath(new URL('./config-worker.ts', import.meta.url)),
    execArgv: ['--import', 'tsx'],
  };
}

/** A pool of `workers` threads (0 = in this thread), running `entry` (default {@link workerEntry}). */
export function createPool(workers: number, entry: WorkerEntry = workerEntry()): ConfigPool {
  if (workers === 0) {
    return { run: runConfig, close: async () => {}, threads: 0 };
  }
  const pool = new Piscina({
    ...entry,
    minThreads: workers,
    maxThreads: workers,
    idleTimeout: 60_000,
  });
  // A worker failing with no task of its own (one that cannot start) is reported as an 'error'
  // event, which with no listener would end the process with a stack trace; later runs get it.
  let failed: unknown;
  pool.on('error', (err: unknown) => (failed ??= err));
  return {
    run: (task) =>
      failed === undefined ? (pool.run(task) as Promise<ConfigResult>) : Promise.reject(failed),
    close: () => pool.destroy(),
    threads: workers,
  };
}
