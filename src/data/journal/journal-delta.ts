/**
 * @module What a run journaled since a cursor: its new candles, order events, decisions, cancels
 * and errors (each table numbers its rows per run with `seq`), read in one short snapshot and
 * capped per table, so a watcher catching up on a week-long run reads it in bounded steps and
 * never holds a snapshot long enough to matter to the writer.
 */
import type Database from 'better-sqlite3';
import type { RunOutcome } from '../../app/run-record.ts';
import type { Candle } from '../../core/candle.ts';
import type { JournalCancel, JournalDecision, JournalEvent } from '../../engine/ports/order-journal.ts';
import {
  cancelOf,
  decisionOf,
  eventOf,
  type CancelRow,
  type DecisionRow,
  type EventRow,
} from './journal-rows.ts';

/** The last `seq` read per table (-1: nothing read yet). */
export interface JournalCursor {
  candles: number;
  events: number;
  decisions: number;
  cancels: number;
  errors: number;
}

/** A cursor before the first row of every table. */
export function startCursor(): JournalCursor {
  return { candles: -1, events: -1, decisions: -1, cancels: -1, errors: -1 };
}

/** One journaled candle with its series. */
export interface DeltaCandle extends Candle {
  seq: number;
  uid: string;
  interval: string;
}

/** Rows after a cursor, and the cursor after them. */
export interface JournalDelta {
  outcome: RunOutcome;
  endedAt?: number;
  candles: DeltaCandle[];
  events: JournalEvent[];
  decisions: JournalDecision[];
  cancels: JournalCancel[];
  errors: { seq: number; time: number; message: string }[];
  cursor: JournalCursor;
  /** True when a table had more rows than the cap: read again at once. */
  more: boolean;
}

/** Rows per table and call. */
export const DELTA_LIMIT = 2000;

function after<T>(db: Database.Database, sql: string, runId: string, seq: number): T[] {
  return db.prepare(`${sql} WHERE run_id = ? AND seq > ? ORDER BY seq LIMIT ${DELTA_LIMIT}`).all(runId, seq) as T[];
}

/** What `runId` journaled after `cursor` (call inside a snapshot for a consistent view). */
export function readDelta(db: Database.Database, runId: string, cursor: JournalCursor): JournalDelta {
  const run = db.prepare('SELECT outcome, ended_at FROM runs WHERE run_id = ?').get(runId) as
    | { outcome: RunOutcome; ended_at: number | null }
    | undefined;
  const candles = after<DeltaCandle>(
    db,
    'SELECT seq, uid, interval, time, open, high, low, close, volume FROM run_candles',
    runId,
    cursor.candles,
  );
  const events = after<EventRow>(db, 'SELECT * FROM order_events', runId, cursor.events).map(eventOf);
  const decisions = after<DecisionRow>(db, 'SELECT * FROM decisions', runId, cursor.decisions).map(
    decisionOf,
  );
  const cancels = after<CancelRow>(db, 'SELECT * FROM cancels', runId, cursor.cancels).map(cancelOf);
  const errors = after<{ seq: number; time: number; message: string }>(
    db,
    'SELECT seq, time, message FROM run_errors',
    runId,
    cursor.errors,
  );
  const last = (rows: { seq: number }[], was: number) => rows.at(-1)?.seq ?? was;
  const lists = [candles, events, decisions, cancels, errors];
  return {
    outcome: run?.outcome ?? 'running',
    ...(run?.ended_at == null ? {} : { endedAt: run.ended_at }),
    candles,
    events,
    decisions,
    cancels,
    errors,
    cursor: {
      candles: last(candles, cursor.candles),
      events: last(events, cursor.events),
      decisions: last(decisions, cursor.decisions),
      cancels: last(cancels, cursor.cancels),
      errors: last(errors, cursor.errors),
    },
    more: lists.some((l) => l.length === DELTA_LIMIT),
  };
}
