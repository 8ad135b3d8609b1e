/**
 * @module Where the run journal lives by default: `runs.sqlite` beside the candle cache. Kept apart
 * from the journal's code so the CLI can name the file without loading it.
 */
import path from 'node:path';

/** The journal's file name, kept next to the candle cache. */
export const JOURNAL_FILE_NAME = 'runs.sqlite';

/** The default journal for a cache file: `runs.sqlite` in the cache's folder. */
export function journalPathFor(cacheFile: string): string {
  return path.join(path.dirname(path.resolve(cacheFile)), JOURNAL_FILE_NAME);
}
