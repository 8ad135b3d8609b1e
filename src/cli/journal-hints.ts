/**
 * @module The command-line hints for the run journal's typed errors (src/data/journal): where the
 * data layer says what is wrong, this names the flag or command that fixes it.
 */
import { DataIntegrityError, NotFoundError } from '../core/errors.ts';
import {
  JournalFileError,
  MissingJournalError,
  UnknownRunError,
} from '../data/journal/journal-errors.ts';

const FILE_HINTS = {
  'not-sqlite': 'point --journal at a run journal or at a new file',
  foreign: 'point --journal at a new file or an existing run journal',
  newer: 'update tinvest-lab or point --journal at another file',
} as const;

/** `err` with the CLI's hint when it is one of the journal's typed errors; otherwise `err`. */
export function withJournalHint(err: unknown): unknown {
  if (err instanceof MissingJournalError)
    return new NotFoundError(
      err.message,
      'record a run first (tlab backtest --save, tlab paper ...) or point --journal / TLAB_JOURNAL at the journal',
      { cause: err },
    );
  if (err instanceof UnknownRunError)
    return new NotFoundError(
      err.message,
      err.ambiguous
        ? 'give more of the run id (tlab runs lists them)'
        : 'tlab runs lists the recorded runs',
      { cause: err },
    );
  if (err instanceof JournalFileError)
    return new DataIntegrityError(err.message, FILE_HINTS[err.problem], { cause: err });
  return err;
}
