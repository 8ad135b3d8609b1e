/**
 * @module The run journal as `tlab parity` and `tlab promote` reach it: `--journal FILE`, else the
 * journal beside the candle cache. Opened lazily (only when a RUN is not a backtest folder).
 */
import { UsageError } from '../../core/errors.ts';
import type { RunReader } from '../../app/parity/load-run.ts';

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
  open: (() => RunReader) | undefined;
  close(): void;
}

/**
 * The journal a command names. The run journal (src/data/journal) is not on this branch yet, so a
 * run id cannot be read: the opener says so in one line.
 */
export function journalReader(file: string | undefined, _db: string | undefined): JournalHandle {
  return {
    open: () => {
      throw new UsageError(
        `the run journal${file === undefined ? '' : ` ${file}`} cannot be read by this build`,
        'compare tlab backtest --out folders until the run journal lands',
      );
    },
    close: () => undefined,
  };
}
