/**
 * @module Opening the cache file: creating it (and its folder) when new, the connection settings,
 * and the schema migration, with typed errors for a missing, foreign or newer file.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { CacheFileError, MissingCacheError } from './cache-errors.ts';
import { migrate } from './schema.ts';
import { CandleStore } from './store.ts';

/** Options of {@link openStore}. */
export interface OpenStoreOptions {
  /** Fail with MissingCacheError instead of creating a new cache when the file is absent. */
  mustExist?: boolean;
}


/**
 * Opens (creating and migrating when needed) the cache at `file`, or an in-memory cache for
 * `':memory:'`. Creates the parent folder of a new file.
 * @throws MissingCacheError when `mustExist` and the file is absent; CacheFileError when the file
 * is not an SQLite database, not a tlab cache, or from a newer tlab.
 */
export function openStore(file: string, options: OpenStoreOptions = {}): CandleStore {
  const memory = file === ':memory:';
  if (!memory && !existsSync(file)) {
    if (options.mustExist) throw new MissingCacheError(file);
    mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  }
  return storeOver(new Database(file), file, (db) => {
    applyPragmas(db);
    migrate(db, file);
  });
}

/**
 * The store over a freshly opened connection once `setup` (pragmas, version checks) passed on it;
 * when it throws, the connection is closed and a file that is not SQLite at all says so.
 */
export function storeOver(
  db: Database.Database,
  file: string,
  setup: (db: Database.Database) => void,
): CandleStore {
  try {
    setup(db);
  } catch (err) {
    db.close();
    if (err instanceof Error && /not a database|file is encrypted/i.test(err.message))
      throw new CacheFileError(file, 'not-sqlite', undefined, { cause: err });
    throw err;
  }
  return new CandleStore(db, file);
}

/**
 * Connection settings of the cache (also used by the benchmark's row baseline, so that comparison
 * measures the layout alone). Large pages keep a day's chunk (up to ~69 KB) on a few overflow
 * pages (only a new file takes the page size). WAL with synchronous=NORMAL keeps every commit
 * atomic and consistent across a killed process (a power cut may lose the last commits, never
 * corrupt the file). No mmap: measured, it added page faults to the first read of a connection,
 * which is the read a backtest does.
 */
export function applyPragmas(db: Database.Database): void {
  db.pragma('page_size = 16384');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
}
