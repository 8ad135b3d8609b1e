/**
 * @module The run journal as `tlab parity` and `tlab promote` reach it: `--journal FILE`, else
 * runs.sqlite beside the candle cache, as `tlab paper` and `tlab sandbox` write it. Opened lazily
 * (only when a RUN is not a backtest folder) and never created: a missing journal is an error.
 */
import type { RunReader } from '../../app/parity/load-run.ts';
import { journalPathFor, openJournal, type SqliteRunJournal } from '../../data/journal/index.ts';
import { resolveDbPath } from '../options/db.ts';

/** `--journal FILE`. */
export const journalOption = {
  journal: {
    type: 'string',
    requiresArg: true,
    describe: 'Run journal file (default: runs.sqlite beside the candle cache)',
  },
} as const;

/** A lazily opened journal and its closer. */
export interface JournalHandle {
  open: () => RunReader;
  close(): void;
}

/** The journal `--journal` (or the cache path `--db`) names, opened on first use. */
export function journalReader(file: string | undefined, db: string | undefined): JournalHandle {
  let journal: SqliteRunJournal | undefined;
  return {
    open: () =>
      (journal ??= openJournal(file ?? journalPathFor(resolveDbPath(db)), { mustExist: true })),
    close: () => journal?.close(),
  };
}
