/**
 * @module The worker pool a study runs on: piscina worker threads (all cores by default), each
 * running configurations over the study's candles in shared memory; with 0 workers the runs happen
 * in this thread (for debugging and profiling). Interrupting stops new tasks and waits for none.
 */
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { runConfig, type ConfigResult, type ConfigTask } from './config-run.ts';

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

/** A pool of `workers` threads (0 = in this thread). */
export function createPool(workers: number): ConfigPool {
  if (workers === 0) {
    return { run: runConfig, close: async () => {}, threads: 0 };
  }
  // From the sources the worker needs the TypeScript loader; a built dist/ has a .js worker beside
  // the module that starts it.
  const ts = import.meta.url.endsWith('.ts');
  const filename = fileURLToPath(
    new URL(ts ? './config-worker.ts' : './config-worker.js', import.meta.url),
  );
  const pool = new Piscina({
    filename,
    minThreads: workers,
    maxThreads: workers,
    execArgv: ts ? ['--import', 'tsx'] : [],
    idleTimeout: 60_000,
  });
  return {
    run: (task) => pool.run(task) as Promise<ConfigResult>,
    close: () => pool.destroy(),
    threads: workers,
  };
}
