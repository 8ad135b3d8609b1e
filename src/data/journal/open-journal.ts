/**
 * @module Opening a run journal file: creating it (and its folder) when new, the connection
 * settings and the schema migration, with typed errors for a missing, foreign or newer file.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { JournalFileError, MissingJournalError } from './journal-errors.ts';
import { migrateJournal } from './journal-schema.ts';
import { SqliteRunJournal } from './sqlite-journal.ts';

export { JOURNAL_FILE_NAME, journalPathFor } from './journal-path.ts';

/** Options of {@link openJournal}. */
export interface OpenJournalOptions {
  /** Fail with MissingJournalError instead of creating a journal when the file is absent. */
  mustExist?: boolean;
  /** Wall clock for run ids and resume stamps (tests pin it). */
  wallClock?: () => number;
}

/**
 * Opens (creating and migrating when needed) the journal at `file`.
 * @throws MissingJournalError when `mustExist` and the file is absent; JournalFileError when it is
 * not an SQLite database, not a journal, or from a newer tlab.
 */
export function openJournal(file: string, options: OpenJournalOptions = {}): SqliteRunJournal {
  if (!existsSync(file)) {
    if (options.mustExist) throw new MissingJournalError(file);
    mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  }
  const db = new Database(file);
  try {
    // FULL in WAL: a commit is on disk when it returns; a killed process or a power cut loses
    // no acknowledged entry. The journal writes little (a live run: a few rows a minute).
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
    migrateJournal(db, file);
  } catch (err) {
    db.close();
    if (err instanceof Error && /not a database|file is encrypted/i.test(err.message))
      throw new JournalFileError(file, 'not-sqlite', undefined, { cause: err });
    throw err;
  }
  return new SqliteRunJournal(db, file, options.wallClock);
}
