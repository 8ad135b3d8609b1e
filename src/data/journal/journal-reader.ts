/**
 * @module A read-only view of a run journal for watchers (the dashboard): it never creates,
 * migrates or writes the file, so it can stay open beside a run that is writing (SQLite WAL lets a
 * reader and one writer work at once; a reader only ever holds a snapshot for one short query).
 * `dataVersion()` is the cheap "did anyone commit?" probe a poller calls between real reads.
 */
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { RunRecord } from '../../app/run-record.ts';
import { JournalFileError, MissingJournalError, UnknownRunError } from './journal-errors.ts';
import {
  listRunSummaries,
  readCounters,
  readRunRecord,
  type RunFilter,
  type RunSummary,
} from './journal-read.ts';
import { JOURNAL_SCHEMA_VERSION } from './journal-schema.ts';
import { SqliteRunJournal } from './sqlite-journal.ts';

/** Read-only access to a journal file another process may be writing. */
export class JournalReader {
  private readonly version: Database.Statement;

  constructor(
    readonly db: Database.Database,
    readonly file: string,
  ) {
    this.version = db.prepare('PRAGMA data_version').pluck();
  }

  /**
   * A number that changes whenever another connection commits to the file (SQLite's
   * `data_version`): reading it touches no table, so polling it often costs the writer nothing.
   */
  dataVersion(): number {
    return this.version.get() as number;
  }

  /** Runs in one consistent snapshot (a deferred read transaction, released on return). */
  snapshot<T>(read: () => T): T {
    return this.db.transaction(read).deferred();
  }

  listRuns(filter: RunFilter = {}): RunSummary[] {
    return this.snapshot(() => listRunSummaries(this.db, filter));
  }

  readRun(runId: string): RunRecord {
    return this.snapshot(() => readRunRecord(this.db, runId, this.file));
  }

  readCounters(runId: string): Record<string, number> | undefined {
    return this.snapshot(() => readCounters(this.db, runId, this.file));
  }

  /** The run's outcome (`running` while it goes), or undefined for an unknown id. */
  outcome(runId: string): string | undefined {
    return this.db.prepare('SELECT outcome FROM runs WHERE run_id = ?').pluck().get(runId) as
      | string
      | undefined;
  }

  /** True when the journal has a run with exactly this id. */
  hasRun(runId: string): boolean {
    return this.db.prepare('SELECT 1 FROM runs WHERE run_id = ?').get(runId) !== undefined;
  }

  /** The run id, or UnknownRunError (ids are matched exactly here: a URL names a whole id). */
  requireRun(runId: string): string {
    if (!this.hasRun(runId)) throw new UnknownRunError(runId, this.file);
    return runId;
  }

  /** True when the journal has this table (newer journals add some; older files lack them). */
  hasTable(name: string): boolean {
    return (
      this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !==
      undefined
    );
  }

  /**
   * The journal as the replay code takes it. Its write statements are prepared but the
   * connection is query-only, so any write would fail instead of touching the file.
   */
  asJournal(): SqliteRunJournal {
    return new SqliteRunJournal(this.db, this.file);
  }

  close(): void {
    this.db.close();
  }
}

/**
 * Opens `file` for reading only.
 * @throws MissingJournalError when it is absent; JournalFileError when it is not a journal or is
 * from a newer tlab.
 */
export function openJournalReader(file: string): JournalReader {
  if (!existsSync(file)) throw new MissingJournalError(file);
  // Not `readonly: true`: a read-only connection cannot create the WAL index (-shm) when no
  // writer has it open. query_only makes this connection unable to write all the same.
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma('query_only = ON');
    db.pragma('busy_timeout = 2000');
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > JOURNAL_SCHEMA_VERSION) throw new JournalFileError(file, 'newer', version);
    const format = db
      .prepare("SELECT value FROM meta WHERE key = 'format'")
      .pluck()
      .get();
    if (format !== 'tinvest-lab run journal') throw new JournalFileError(file, 'foreign');
  } catch (err) {
    db.close();
    if (err instanceof JournalFileError) throw err;
    if (err instanceof Error && /not a database|file is encrypted|no such table/i.test(err.message))
      throw new JournalFileError(file, /no such table/.test(err.message) ? 'foreign' : 'not-sqlite', undefined, {
        cause: err,
      });
    throw err;
  }
  return new JournalReader(db, file);
}
