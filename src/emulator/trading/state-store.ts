/**
 * @module Where the venue's trading records live: in memory only, or written through to an SQLite
 * state file (`tlab serve --state FILE`) so that a restarted venue remembers its accounts, orders,
 * positions and operations. Each record is one row (kind, id, JSON); every change of one venue
 * event is written in one transaction, so a killed process leaves the state before or after it.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { DataIntegrityError } from '../../core/errors.ts';
import { decode, encode } from './codec.ts';

/** The kinds of record the store keeps. */
export type RecordKind = 'account' | 'book' | 'order' | 'stop' | 'operation' | 'meta';

/** Persistence of trading records. */
export interface StateStore {
  /** Every stored record of `kind`, in insertion order. */
  all<T>(kind: RecordKind): T[];
  /** Queues `rec` under (kind, id); written when the current transaction ends. */
  put(kind: RecordKind, id: string, rec: unknown): void;
  /** Runs `fn` and writes everything it put in one transaction. */
  transaction<T>(fn: () => T): T;
  close(): void;
}

/** No persistence: the records live only in the venue's memory. */
export class MemoryStateStore implements StateStore {
  all<T>(): T[] {
    return [];
  }
  put(): void {}
  transaction<T>(fn: () => T): T {
    return fn();
  }
  close(): void {}
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS venue_records (
  kind TEXT NOT NULL,
  id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  json TEXT NOT NULL,
  PRIMARY KEY (kind, id)
);
CREATE TABLE IF NOT EXISTS venue_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
`;
const FORMAT = 'tlab-venue-state-1';

/** Records in an SQLite file (WAL), created on first use. */
export class SqliteStateStore implements StateStore {
  private readonly db: Database.Database;
  private readonly pending = new Map<string, { kind: RecordKind; id: string; rec: unknown }>();
  private depth = 0;
  private seq: number;

  constructor(file: string) {
    if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    try {
      this.db = new Database(file);
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = NORMAL');
      this.db.exec(SCHEMA);
    } catch (err) {
      throw new DataIntegrityError(
        `${file} is not a venue state file (${err instanceof Error ? err.message : String(err)})`,
        'pass a new file name or a file an earlier `tlab serve --state` wrote',
        { cause: err },
      );
    }
    const format = this.db.prepare('SELECT value FROM venue_meta WHERE key = ?').get('format') as
      { value: string } | undefined;
    if (format && format.value !== FORMAT) {
      throw new DataIntegrityError(
        `${file} is a venue state file of another format (${format.value})`,
        'pass a new file name',
      );
    }
    if (!format) this.db.prepare('INSERT INTO venue_meta VALUES (?, ?)').run('format', FORMAT);
    const max = this.db.prepare('SELECT MAX(seq) AS m FROM venue_records').get() as {
      m: number | null;
    };
    this.seq = max.m ?? 0;
  }

  all<T>(kind: RecordKind): T[] {
    const rows = this.db
      .prepare('SELECT json FROM venue_records WHERE kind = ? ORDER BY seq')
      .all(kind) as { json: string }[];
    return rows.map((r) => decode<T>(r.json));
  }

  put(kind: RecordKind, id: string, rec: unknown): void {
    this.pending.set(`${kind}\u0000${id}`, { kind, id, rec });
    if (this.depth === 0) this.flush();
  }

  transaction<T>(fn: () => T): T {
    this.depth++;
    try {
      return fn();
    } finally {
      if (--this.depth === 0) this.flush();
    }
  }

  private flush(): void {
    if (this.pending.size === 0) return;
    const items = [...this.pending.values()];
    this.pending.clear();
    const upsert = this.db.prepare(
      `INSERT INTO venue_records (kind, id, seq, json) VALUES (?, ?, ?, ?)
       ON CONFLICT (kind, id) DO UPDATE SET json = excluded.json`,
    );
    this.db.transaction(() => {
      for (const { kind, id, rec } of items) upsert.run(kind, id, ++this.seq, encode(rec));
    })();
  }

  close(): void {
    this.flush();
    this.db.close();
  }
}
