/**
 * @module The run's live events in the journal: a sink that writes every LiveEvent a run's
 * adapters report (stream deaths and reconnects, rate-limit waits, guard trips, order updates, the
 * kill switch...) into `live_events`, numbered per run, and the queries that read them back, so a
 * dashboard can follow a run from another process by polling after the last seq it has seen.
 */
import type Database from 'better-sqlite3';
import type { LiveEvent } from '../../live/observability/live-event.ts';

/** One stored live event. */
export interface StoredLiveEvent {
  /** Order within the run, from 0, continued across resumes. */
  seq: number;
  /** The event's `time` (epoch ms UTC, the run's clock). */
  time: number;
  kind: string;
  /** The event as reported (JSON round trip: Errors as `{ name, message }`, bigints as strings). */
  event: LiveEvent;
}

/** Anything holding an open journal connection (a SqliteRunJournal, or `{ db }` of a read-only one). */
export interface JournalDb {
  readonly db: Database.Database;
}

/** Options of {@link readLiveEvents}. */
export interface LiveEventQuery {
  /** Only these kinds. */
  kinds?: readonly string[];
  /** At most this many (the oldest after `afterSeq`). */
  limit?: number;
}

/**
 * The live events of `runId` with seq greater than `afterSeq` (default: all), oldest first. Poll
 * with the last seq seen to follow a running run.
 */
export function readLiveEvents(
  journal: JournalDb,
  runId: string,
  afterSeq = -1,
  query: LiveEventQuery = {},
): StoredLiveEvent[] {
  const kinds = query.kinds ?? [];
  const kindSql = kinds.length === 0 ? '' : ` AND kind IN (${kinds.map(() => '?').join(', ')})`;
  const limit = query.limit === undefined ? '' : ` LIMIT ${Math.max(0, Math.floor(query.limit))}`;
  const rows = journal.db
    .prepare(
      `SELECT seq, time, kind, event FROM live_events WHERE run_id = ? AND seq > ?${kindSql}
       ORDER BY seq${limit}`,
    )
    .all(runId, afterSeq, ...kinds) as { seq: number; time: number; kind: string; event: string }[];
  return rows.map((r) => ({
    seq: r.seq,
    time: r.time,
    kind: r.kind,
    event: JSON.parse(r.event) as LiveEvent,
  }));
}

/** How many live events of each kind `runId` has. */
export function countLiveEvents(journal: JournalDb, runId: string): Record<string, number> {
  const rows = journal.db
    .prepare('SELECT kind, count(*) AS n FROM live_events WHERE run_id = ? GROUP BY kind')
    .all(runId) as { kind: string; n: number }[];
  return Object.fromEntries(rows.map((r) => [r.kind, r.n]));
}

/** The seq the next event of `runId` gets. */
function nextSeq(db: Database.Database, runId: string): number {
  const row = db
    .prepare('SELECT coalesce(max(seq) + 1, 0) AS n FROM live_events WHERE run_id = ?')
    .get(runId) as { n: number };
  return row.n;
}

/**
 * JSON of an event with every string passed through `redact` (value by value, so the JSON stays
 * whole); Errors keep their name and message, bigints become strings.
 */
function eventJson(e: LiveEvent, redact: (text: string) => string): string {
  return JSON.stringify(e, (_key, value: unknown) => {
    if (typeof value === 'string') return redact(value);
    if (typeof value === 'bigint') return value.toString();
    if (value instanceof Error) return { name: value.name, message: value.message };
    return value;
  });
}

/** Options of {@link LiveEventRecorder}. */
export interface LiveEventRecorderOptions {
  /** Applied to each string of an event before it is written (keeps the tokens in use out). */
  redact?: (text: string) => string;
  /** Told when a write fails (the event is then dropped: an observer never stops trading). */
  onError?: (error: unknown) => void;
}

/**
 * Writes a run's live events into the journal. Events that arrive before the run has an id (while
 * the session starts) are held and written, in order, by `attach`.
 */
export class LiveEventRecorder {
  private runId: string | undefined;
  private seq = 0;
  private held: LiveEvent[] = [];
  private readonly insert: Database.Statement;

  constructor(
    private readonly journal: JournalDb,
    private readonly options: LiveEventRecorderOptions = {},
  ) {
    this.insert = journal.db.prepare(
      'INSERT INTO live_events (run_id, seq, time, kind, event) VALUES (?, ?, ?, ?, ?)',
    );
  }

  /** The sink to give the adapters (it never throws). */
  readonly sink = (e: LiveEvent): void => {
    if (this.runId === undefined) this.held.push(e);
    else this.write(this.runId, e);
  };

  /** From now on events go to `runId` (numbered after those it has); held ones are written first. */
  attach(runId: string): void {
    this.runId = runId;
    this.seq = nextSeq(this.journal.db, runId);
    const held = this.held;
    this.held = [];
    for (const e of held) this.write(runId, e);
  }

  private write(runId: string, e: LiveEvent): void {
    try {
      const text = eventJson(e, this.options.redact ?? ((t) => t));
      const time = Number.isFinite(e.time) ? e.time : 0;
      this.insert.run(runId, this.seq, time, String(e.kind), text);
      this.seq++;
    } catch (error) {
      this.options.onError?.(error);
    }
  }
}
