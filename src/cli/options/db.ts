/**
 * @module The `--db` option every command that touches the cache shares: `--db PATH`, else the
 * `TLAB_DB` environment variable, else `data/tlab.sqlite` (relative to the working directory).
 */
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { NotFoundError } from '../../core/errors.ts';
import type { Instrument } from '../../core/instrument.ts';
import { formatInstrumentRef, type InstrumentRef } from '../../core/instrument-ref.ts';
import { openStore, type CandleStore } from '../../data/store.ts';

/** Default cache location, relative to the working directory. */
export const DEFAULT_DB = 'data/tlab.sqlite';

/** The yargs option definition; spread it into a command's `.options({...})`. */
export const dbOption = {
  db: {
    type: 'string',
    describe: `Candle cache file (env TLAB_DB; default ${DEFAULT_DB})`,
    requiresArg: true,
  },
} as const;

/** The cache path from `--db`, `TLAB_DB` or the default, as an absolute path. */
export function resolveDbPath(
  arg: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): string {
  const chosen = arg?.trim() || env.TLAB_DB?.trim() || DEFAULT_DB;
  return chosen === ':memory:' ? chosen : path.resolve(chosen);
}

/**
 * Opens the cache a command names. Reading commands pass `mustExist` so a mistyped path gives
 * "no candle cache at ..." instead of silently creating an empty cache there.
 */
export function openCliStore(
  arg: string | undefined,
  options: { mustExist: boolean },
): CandleStore {
  return openStore(resolveDbPath(arg), { mustExist: options.mustExist });
}

/**
 * Runs `work` on the cache a command names and closes it afterwards. When the command created the
 * file and fails before anything was stored in it, the empty file is removed again, so a mistyped
 * instrument or a rejected token leaves no stray cache behind.
 */
export async function withCliStore<T>(
  arg: string | undefined,
  options: { mustExist: boolean },
  work: (store: CandleStore) => Promise<T>,
): Promise<T> {
  const file = resolveDbPath(arg);
  const fresh = file !== ':memory:' && !existsSync(file);
  const store = openStore(file, { mustExist: options.mustExist });
  try {
    const result = await work(store);
    store.close();
    return result;
  } catch (err) {
    const empty = store.listInstruments().length === 0 && store.listSeries().length === 0;
    store.close();
    if (fresh && empty)
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
    throw err;
  }
}

/**
 * The cached instrument a command names (parsed from uid, FIGI, ticker or TICKER@CLASS).
 * @throws NotFoundError naming it, with `hint` saying where to get it.
 */
export function requireInstrument(
  store: CandleStore,
  ref: InstrumentRef,
  hint: string,
): Instrument {
  const instrument = store.findInstrument(ref);
  if (!instrument)
    throw new NotFoundError(`instrument '${formatInstrumentRef(ref)}' is not in the cache`, hint);
  return instrument;
}
