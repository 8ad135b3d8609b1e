/**
 * @module Reading a journal back: one run as the shared read model (RunRecord), the run so far as a
 * restart needs it (RunSoFar), and the list `tlab runs` prints. Pure queries on an open connection.
 */
import type Database from 'better-sqlite3';
import type { RunMode, RunOutcome, RunRecord } from '../../app/run-record.ts';
import type { RunSoFar } from '../../engine/ports/order-journal.ts';
import type { FillRecord } from '../../engine/result.ts';
import { UnknownRunError } from './journal-errors.ts';
import {
  cancelOf,
  decisionOf,
  eventOf,
  metaOf,
  metricsOf,
  outcomeOf,
  type CancelRow,
  type DecisionRow,
  type EventRow,
  type RunRow,
} from './journal-rows.ts';

/** Which runs to list. */
export interface RunFilter {
  mode?: RunMode;
  strategy?: string;
  outcome?: RunOutcome;
  /** At most this many, newest first. */
  limit?: number;
}

/** One line of `tlab runs`. */
export interface RunSummary {
  runId: string;
  mode: RunMode;
  strategy: string;
  params: Record<string, unknown>;
  from: number;
  to: number;
  outcome: RunOutcome;
  startedAt: number;
  endedAt?: number;
  decisions: number;
  /** Round trips, when the run finished with metrics. */
  trades?: number;
  finalEquity?: number;
  /** The process that last wrote the run (started or resumed it), when recorded. */
  pid?: number;
  host?: string;
}

/** The row of `runId`, or UnknownRunError. */
export function runRow(db: Database.Database, runId: string, file: string): RunRow {
  const row = db.prepare('SELECT * FROM runs WHERE run_id = ?').get(runId) as RunRow | undefined;
  if (row === undefined) throw new UnknownRunError(runId, file);
  return row;
}

function all<T>(db: Database.Database, table: string, runId: string): T[] {
  return db.prepare(`SELECT * FROM ${table} WHERE run_id = ? ORDER BY seq`).all(runId) as T[];
}

/** The run as journaled so far, for a restart or a replay. */
export function readSoFar(db: Database.Database, runId: string, file: string): RunSoFar {
  const row = runRow(db, runId, file);
  const last = db
    .prepare(
      'SELECT uid, interval, max(time) AS t FROM run_candles WHERE run_id = ? GROUP BY uid, interval',
    )
    .all(runId) as { uid: string; interval: string; t: number }[];
  const count = db.prepare('SELECT count(*) AS n FROM run_candles WHERE run_id = ?').get(runId) as {
    n: number;
  };
  return {
    runId,
    meta: metaOf(row),
    outcome: outcomeOf(row),
    decisions: all<DecisionRow>(db, 'decisions', runId).map(decisionOf),
    cancels: all<CancelRow>(db, 'cancels', runId).map(cancelOf),
    events: all<EventRow>(db, 'order_events', runId).map(eventOf),
    candleCount: count.n,
    lastCandle: Object.fromEntries(last.map((r) => [`${r.uid}|${r.interval}`, r.t])),
    errors: all<{ time: number; message: string }>(db, 'run_errors', runId).map((e) => ({
      time: e.time,
      message: e.message,
    })),
  };
}

/** The executions among a run's events, in delivery order. */
export function fillsOf(events: RunSoFar['events']): FillRecord[] {
  const out: FillRecord[] = [];
  for (const { update: u } of events) {
    if (u.status !== 'filled' && u.status !== 'partially-filled') continue;
    out.push({
      orderId: u.orderId,
      instrumentUid: u.request.instrumentUid,
      side: u.request.side,
      lots: u.lots,
      price: u.price,
      time: u.time,
      commission: u.commission,
    });
  }
  return out;
}

/** One run as the shared read model. */
export function readRunRecord(db: Database.Database, runId: string, file: string): RunRecord {
  const row = runRow(db, runId, file);
  const so = readSoFar(db, runId, file);
  const m = so.meta;
  const metrics = metricsOf(row);
  return {
    runId,
    mode: m.mode,
    strategy: m.strategy,
    strategySourceHash: m.strategySourceHash,
    params: m.params,
    models: m.models,
    instruments: m.instruments.map((i) => ({ uid: i.uid, ticker: i.ticker })),
    intervals: [...m.intervals],
    from: m.from,
    to: m.to,
    startingCash: m.startingCash,
    ...(m.accountId === undefined ? {} : { accountId: m.accountId }),
    outcome: so.outcome,
    startedAt: m.startedAt,
    ...(row.ended_at === null ? {} : { endedAt: row.ended_at }),
    decisions: so.decisions.map((d) => ({
      seq: d.seq,
      time: d.time,
      orderId: d.orderId,
      request: d.request,
      ack: d.ack,
    })),
    events: so.events.map((e) => ({ seq: e.seq, update: e.update })),
    fills: fillsOf(so.events),
    errors: so.errors,
    ...(metrics === undefined ? {} : { metrics }),
  };
}

/** The counters a run stored at its end, if any. */
export function readCounters(
  db: Database.Database,
  runId: string,
  file: string,
): Record<string, number> | undefined {
  const row = runRow(db, runId, file);
  return row.counters === null ? undefined : (JSON.parse(row.counters) as Record<string, number>);
}

/** Runs matching `filter`, newest first. */
export function listRunSummaries(db: Database.Database, filter: RunFilter = {}): RunSummary[] {
  const where: string[] = [];
  const args: (string | number)[] = [];
  const eq = [
    ['mode', filter.mode],
    ['strategy', filter.strategy],
    ['outcome', filter.outcome],
  ] as const;
  for (const [column, value] of eq) {
    if (value === undefined) continue;
    where.push(`${column} = ?`);
    args.push(value);
  }
  const sql =
    'SELECT r.*, (SELECT count(*) FROM decisions d WHERE d.run_id = r.run_id) AS n_decisions ' +
    `FROM runs r ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY run_id DESC` +
    (filter.limit === undefined ? '' : ` LIMIT ${Math.max(0, Math.floor(filter.limit))}`);
  const rows = db.prepare(sql).all(...args) as (RunRow & { n_decisions: number })[];
  return rows.map((r) => {
    const metrics = metricsOf(r);
    return {
      runId: r.run_id,
      mode: r.mode as RunMode,
      strategy: r.strategy,
      params: JSON.parse(r.params) as Record<string, unknown>,
      from: r.from_time,
      to: r.to_time,
      outcome: r.outcome as RunOutcome,
      startedAt: r.started_at,
      ...(r.ended_at === null ? {} : { endedAt: r.ended_at }),
      decisions: r.n_decisions,
      ...(metrics === undefined ? {} : { trades: metrics.trades, finalEquity: metrics.finalEquity }),
      ...(r.pid === null || r.host === null ? {} : { pid: r.pid, host: r.host }),
    };
  });
}
