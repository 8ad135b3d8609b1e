/**
 * @module The run journal's SQLite schema as an ordered list of migrations, versioned like the
 * cache's (src/data/schema.ts): `PRAGMA user_version` holds how many have been applied, and opening
 * a journal applies the rest, each in its own IMMEDIATE transaction. Structured values (requests,
 * order updates, params, metrics) are JSON text: JSON keeps every float64 exactly.
 */
import type Database from 'better-sqlite3';
import { JournalFileError } from './journal-errors.ts';

/** Migration 1: runs, the candles they received, their decisions, cancels, events and errors. */
const V1 = `
CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE runs (
  run_id TEXT PRIMARY KEY,
  mode TEXT NOT NULL,
  strategy TEXT NOT NULL,
  source_hash TEXT NOT NULL,
  params TEXT NOT NULL,
  models TEXT NOT NULL,
  instruments TEXT NOT NULL,
  intervals TEXT NOT NULL,
  from_time INTEGER NOT NULL,
  to_time INTEGER NOT NULL,
  starting_cash REAL NOT NULL,
  account_id TEXT,
  outcome TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  ended_at INTEGER,
  metrics TEXT,
  counters TEXT,
  resumed INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX runs_by_mode ON runs (mode, run_id);
CREATE TABLE run_candles (
  run_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  uid TEXT NOT NULL,
  interval TEXT NOT NULL,
  time INTEGER NOT NULL,
  open REAL NOT NULL,
  high REAL NOT NULL,
  low REAL NOT NULL,
  close REAL NOT NULL,
  volume REAL NOT NULL,
  PRIMARY KEY (run_id, seq)
) WITHOUT ROWID;
CREATE INDEX run_candles_by_series ON run_candles (run_id, uid, interval, time);
CREATE TABLE run_coverage (
  run_id TEXT NOT NULL,
  uid TEXT NOT NULL,
  interval TEXT NOT NULL,
  from_time INTEGER NOT NULL,
  to_time INTEGER NOT NULL,
  PRIMARY KEY (run_id, uid, interval)
) WITHOUT ROWID;
CREATE TABLE decisions (
  run_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  time INTEGER NOT NULL,
  order_id TEXT NOT NULL,
  request TEXT NOT NULL,
  ack TEXT NOT NULL,
  at INTEGER NOT NULL,
  cause INTEGER,
  PRIMARY KEY (run_id, seq)
) WITHOUT ROWID;
CREATE TABLE cancels (
  run_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  time INTEGER NOT NULL,
  order_id TEXT NOT NULL,
  ok INTEGER NOT NULL,
  at INTEGER NOT NULL,
  PRIMARY KEY (run_id, seq)
) WITHOUT ROWID;
CREATE TABLE order_events (
  run_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  time INTEGER NOT NULL,
  order_id TEXT NOT NULL,
  status TEXT NOT NULL,
  update_json TEXT NOT NULL,
  phase TEXT NOT NULL,
  at INTEGER NOT NULL,
  ref INTEGER,
  PRIMARY KEY (run_id, seq)
) WITHOUT ROWID;
CREATE TABLE run_errors (
  run_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  time INTEGER NOT NULL,
  message TEXT NOT NULL,
  PRIMARY KEY (run_id, seq)
) WITHOUT ROWID;
INSERT INTO meta (key, value) VALUES ('format', 'tinvest-lab run journal');
`;

/**
 * Migration 2: which process wrote a run (pid and host, so a reader can tell a live run from one
 * killed without a word), the guard limits it ran under (a resumed run keeps them), and every live
 * event (stream, rate limit, guard, order, kill) as the run's adapters reported it.
 */
const V2 = `
ALTER TABLE runs ADD COLUMN pid INTEGER;
ALTER TABLE runs ADD COLUMN host TEXT;
ALTER TABLE runs ADD COLUMN guards TEXT;
CREATE TABLE live_events (
  run_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  time INTEGER NOT NULL,
  kind TEXT NOT NULL,
  event TEXT NOT NULL,
  PRIMARY KEY (run_id, seq)
) WITHOUT ROWID;
CREATE INDEX live_events_by_kind ON live_events (run_id, kind, seq);
`;

/**
 * Migration 3: the last trading status the run's guards used per instrument, so a resumed run's
 * guards start from it instead of refusing every order until the stream tells the status again.
 */
const V3 = `
CREATE TABLE run_status (
  run_id TEXT NOT NULL,
  uid TEXT NOT NULL,
  status TEXT NOT NULL,
  time INTEGER NOT NULL,
  PRIMARY KEY (run_id, uid)
) WITHOUT ROWID;
`;

/** Every migration in order; index i brings the schema from version i to version i + 1. */
export const JOURNAL_MIGRATIONS: readonly string[] = [V1, V2, V3];

/** The schema version this code writes. */
export const JOURNAL_SCHEMA_VERSION = JOURNAL_MIGRATIONS.length;

/**
 * Brings `db` up to {@link JOURNAL_SCHEMA_VERSION}, one IMMEDIATE transaction per step.
 * @throws JournalFileError for a foreign database or one written by a newer tlab.
 */
export function migrateJournal(db: Database.Database, file: string): void {
  for (;;) {
    const step = db.transaction((): boolean => {
      const version = db.pragma('user_version', { simple: true }) as number;
      if (version > JOURNAL_SCHEMA_VERSION) throw new JournalFileError(file, 'newer', version);
      if (version === JOURNAL_SCHEMA_VERSION) return false;
      if (version === 0) {
        const row = db
          .prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'")
          .get() as { n: number };
        if (row.n > 0) throw new JournalFileError(file, 'foreign');
      }
      db.exec(JOURNAL_MIGRATIONS[version]);
      db.pragma(`user_version = ${version + 1}`);
      return true;
    });
    if (!step.immediate()) return;
  }
}
