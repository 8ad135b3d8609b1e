/**
 * @module Opening the cache for reading only (the dashboard): the file must exist and be a cache
 * of this tlab's schema version; the connection is query-only, so nothing it does can write, and
 * WAL lets it read while a download writes.
 */
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { TlabError } from '../core/errors.ts';
import { CacheFileError, MissingCacheError } from './cache-errors.ts';
import { SCHEMA_VERSION } from './schema.ts';
import { storeOver } from './open-store.ts';
import type { CandleStore } from './store.ts';

/**
 * The cache at `file`, read-only.
 * @throws MissingCacheError when absent; CacheFileError when not a cache or newer; TlabError when
 * older (a writing command upgrades it first).
 */
export function openStoreReader(file: string): CandleStore {
  if (!existsSync(file)) throw new MissingCacheError(file);
  return storeOver(new Database(file, { fileMustExist: true }), file, (db) => {
    db.pragma('query_only = ON');
    db.pragma('busy_timeout = 2000');
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) throw new CacheFileError(file, 'newer', version);
    if (version === 0) throw new CacheFileError(file, 'foreign');
    if (version < SCHEMA_VERSION)
      throw new TlabError(
        `the cache at ${file} has schema version ${version}, older than this tlab's ${SCHEMA_VERSION}`,
        'run any writing command once (e.g. tlab download) to upgrade it, then look again',
      );
  });
}
