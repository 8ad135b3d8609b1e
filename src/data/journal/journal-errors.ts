/**
 * @module The run journal's typed errors: a missing or foreign journal file, an unknown run id, a
 * write to a run that has ended. Messages name the file or the run; the CLI adds its own wording.
 */
import { DataIntegrityError, NotFoundError, TlabError } from '../../core/errors.ts';

/** Why a file cannot be opened as a run journal. */
export type JournalFileProblem = 'not-sqlite' | 'foreign' | 'newer';

/** The file exists but is not a journal this tlab can open. */
export class JournalFileError extends DataIntegrityError {
  constructor(
    readonly file: string,
    readonly problem: JournalFileProblem,
    readonly version?: number,
    options: { cause?: unknown } = {},
  ) {
    super(journalFileMessage(file, problem, version), undefined, options);
  }
}

function journalFileMessage(file: string, problem: JournalFileProblem, version?: number): string {
  if (problem === 'not-sqlite') return `${file} is not an SQLite database`;
  if (problem === 'foreign') return `${file} is an SQLite database but not a tlab run journal`;
  return `${file} has journal schema version ${version}, newer than this tlab knows`;
}

/** A journal was asked for with `mustExist` and the file is not there. */
export class MissingJournalError extends NotFoundError {
  constructor(readonly file: string) {
    super(
      `no run journal at ${file}`,
      'record a run first (e.g. tlab backtest --save) or pass the right file with --journal',
    );
  }
}

/** No run with this id in the journal. */
export class UnknownRunError extends NotFoundError {
  constructor(
    readonly runId: string,
    readonly file: string,
    /** True when the text is the start of several run ids. */
    readonly ambiguous = false,
  ) {
    super(
      ambiguous ? `'${runId}' is the start of several runs in ${file}` : `no run '${runId}' in ${file}`,
      ambiguous ? 'give more of the run id (`tlab runs` lists them)' : '`tlab runs` lists the recorded runs',
    );
  }
}

/** A write to a run that is not running (ended, or never started). */
export class RunNotRunningError extends TlabError {
  constructor(
    readonly runId: string,
    readonly outcome: string,
  ) {
    super(`run ${runId} is ${outcome}, not running`, 'resume it first, or start a new run');
  }
}
