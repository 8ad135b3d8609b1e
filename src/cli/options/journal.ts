/**
 * @module The `--journal` option of the commands that record or read runs: `--journal FILE`, else
 * the `TLAB_JOURNAL` environment variable, else `runs.sqlite` beside the candle cache (`--db`).
 */
import path from 'node:path';
import { journalPathFor } from '../../data/journal/journal-path.ts';
import { resolveDbPath } from './db.ts';

/** The yargs option definition; spread it into a command's `.options({...})`. */
export const journalOption = {
  journal: {
    type: 'string',
    requiresArg: true,
    describe: 'Run journal file (env TLAB_JOURNAL; default runs.sqlite beside the cache)',
  },
} as const;

/** The journal path from `--journal`, `TLAB_JOURNAL` or the cache's folder, absolute. */
export function resolveJournalPath(
  arg: string | undefined,
  db: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): string {
  const chosen = arg?.trim() || env.TLAB_JOURNAL?.trim();
  if (chosen) return path.resolve(chosen);
  const cache = resolveDbPath(db, env);
  return journalPathFor(cache === ':memory:' ? path.resolve('data', 'tlab.sqlite') : cache);
}
