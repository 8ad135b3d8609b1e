/**
 * @module What a RUN argument names: a backtest `--out` folder (it holds result.json) or a run id
 * in the run journal. The journal is reached through a small reader interface so this module does
 * not depend on how the journal is stored, and instruments' grids come from the candle cache.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../../core/errors.ts';
import type { Instrument } from '../../core/instrument.ts';
import type { RunRecord } from '../run-record.ts';
import { runFromBacktestDir } from './backtest-dir.ts';
import type { InstrumentSpec } from './types.ts';

/** Reads runs back from a journal. */
export interface RunReader {
  readRun(runId: string): RunRecord;
}

/** True when `ref` is a folder holding a backtest's result.json. */
export function isBacktestDir(ref: string): boolean {
  return (
    existsSync(ref) && statSync(ref).isDirectory() && existsSync(path.join(ref, 'result.json'))
  );
}

/**
 * The run `ref` names: a backtest folder, else a journal run id read through `journal` (opened only
 * when needed, so a comparison of two folders never touches a journal).
 * @throws UsageError when `ref` is a folder without result.json, or an id with no journal to read.
 */
export function loadRun(ref: string, journal: (() => RunReader) | undefined): RunRecord {
  if (isBacktestDir(ref)) return runFromBacktestDir(ref);
  if (existsSync(ref) && statSync(ref).isDirectory()) {
    throw new UsageError(
      `${ref} is a folder without result.json`,
      'pass a tlab backtest --out folder or a run id from tlab runs',
    );
  }
  if (journal === undefined) {
    throw new UsageError(
      `run ${ref} is not a backtest folder and no run journal is available`,
      'pass a tlab backtest --out folder, or a run id with --journal FILE',
    );
  }
  return journal().readRun(ref);
}

/** Price step and lot of the runs' instruments that `find` knows (the cache's specs). */
export function instrumentSpecs(
  runs: readonly RunRecord[],
  find: (uid: string) => Instrument | undefined,
): Map<string, InstrumentSpec> {
  const specs = new Map<string, InstrumentSpec>();
  for (const r of runs) {
    for (const { uid } of r.instruments) {
      const i = specs.has(uid) ? undefined : find(uid);
      if (i !== undefined) specs.set(uid, { step: i.minPriceIncrement, lot: i.lot });
    }
  }
  return specs;
}
