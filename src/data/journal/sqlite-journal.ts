/**
 * @module The run journal in SQLite: an OrderJournal whose every write is its own transaction in a
 * WAL file (`synchronous=NORMAL` by default, so a write that returned survives a killed process;
 * FULL on request also survives a power cut, see open-journal.ts). A backtest that saves its run
 * wraps the whole run in `batch()` instead: one transaction, and a run killed mid-way leaves nothing.
 */
import type Database from 'better-sqlite3';
import type { Candle } from '../../core/candle.ts';
import type { TimeRange } from '../../core/time.ts';
import type { RunRecord } from '../../app/run-record.ts';
import type { SeriesKey } from '../../engine/ports/market-data-feed.ts';
import type {
  JournalCancel,
  JournalDecision,
  JournalEvent,
  OrderJournal,
  RunEnd,
  RunSoFar,
  RunStartMeta,
} from '../../engine/ports/order-journal.ts';
import { RunNotRunningError, UnknownRunError } from './journal-errors.ts';
import {
  listRunSummaries,
  readCounters,
  readRunRecord,
  readSoFar,
  runRow,
  type RunFilter,
  type RunSummary,
} from './journal-read.ts';
import { newRunId } from './run-id.ts';
import { thisProcess, type RunProcess } from './run-process.ts';

type Statements = Record<
  | 'run'
  | 'candle'
  | 'coverage'
  | 'decision'
  | 'cancel'
  | 'event'
  | 'error'
  | 'end'
  | 'resume'
  | 'process',
  Database.Statement
>;

function prepare(db: Database.Database): Statements {
  return {
    run: db.prepare(
      `INSERT INTO runs (run_id, mode, strategy, source_hash, params, models, instruments,
        intervals, from_time, to_time, starting_cash, account_id, outcome, started_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'running', ?)`,
    ),
    candle: db.prepare(
      `INSERT INTO run_candles (run_id, seq, uid, interval, time, open, high, low, close, volume)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    coverage: db.prepare(
      `INSERT INTO run_coverage (run_id, uid, interval, from_time, to_time) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (run_id, uid, interval) DO UPDATE SET
         from_time = min(from_time, excluded.from_time), to_time = max(to_time, excluded.to_time)`,
    ),
    decision: db.prepare(
      `INSERT INTO decisions (run_id, seq, time, order_id, request, ack, at, cause)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    cancel: db.prepare(
      'INSERT INTO cancels (run_id, seq, time, order_id, ok, at) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    event: db.prepare(
      `INSERT INTO order_events (run_id, seq, time, order_id, status, update_json, phase, at, ref)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    error: db.prepare('INSERT INTO run_errors (run_id, seq, time, message) VALUES (?, ?, ?, ?)'),
    end: db.prepare(
      `UPDATE runs SET outcome = ?, ended_at = ?, to_time = coalesce(?, to_time), metrics = ?,
        counters = ? WHERE run_id = ?`,
    ),
    resume: db.prepare(
      "UPDATE runs SET outcome = 'running', ended_at = NULL, resumed = resumed + 1 WHERE run_id = ?",
    ),
    process: db.prepare('UPDATE runs SET pid = ?, host = ? WHERE run_id = ?'),
  };
}

/** Per-run counters this connection keeps for the entries it numbers itself. */
interface OpenRun {
  candles: number;
  errors: number;
}

/** A run journal file. Open it with `openJournal`; close it when done. */
export class SqliteRunJournal implements OrderJournal {
  private readonly st: Statements;
  /** Runs started or resumed through this connection: the only ones it writes to. */
  private readonly open = new Map<string, OpenRun>();

  constructor(
    readonly db: Database.Database,
    /** The file, for messages. */
    readonly file: string,
    /** Wall clock for run ids and start times (the journal is an adapter: it may read it). */
    private readonly wallClock: () => number = Date.now,
    /** The process recorded as a run's writer (tests pin it). */
    private readonly writer: RunProcess = thisProcess(),
  ) {
    this.st = prepare(db);
  }

  startRun(meta: RunStartMeta): string {
    const runId = newRunId(this.wallClock());
    this.st.run.run(
      runId,
      meta.mode,
      meta.strategy,
      meta.strategySourceHash,
      JSON.stringify(meta.params),
      JSON.stringify(meta.models),
      JSON.stringify(meta.instruments),
      JSON.stringify(meta.intervals),
      meta.from,
      meta.to,
      meta.startingCash,
      meta.accountId ?? null,
      meta.startedAt,
    );
    this.st.process.run(this.writer.pid, this.writer.host, runId);
    this.open.set(runId, { candles: 0, errors: 0 });
    return runId;
  }

  private writable(runId: string): OpenRun {
    const run = this.open.get(runId);
    if (run === undefined) {
      const row = runRow(this.db, runId, this.file);
      throw new RunNotRunningError(runId, row.outcome === 'running' ? 'not opened here' : row.outcome);
    }
    return run;
  }

  recordCandle(runId: string, series: SeriesKey, c: Candle): void {
    const run = this.writable(runId);
    const { instrumentUid: uid, interval } = series;
    this.st.candle.run(runId, run.candles, uid, interval, c.time, c.open, c.high, c.low, c.close, c.volume);
    run.candles++;
  }

  recordCoverage(runId: string, series: SeriesKey, range: TimeRange): void {
    this.writable(runId);
    if (!(range.from < range.to)) return;
    const { instrumentUid: uid, interval } = series;
    this.st.coverage.run(runId, uid, interval, range.from, range.to);
  }

  recordDecision(runId: string, d: JournalDecision): void {
    this.writable(runId);
    const req = JSON.stringify(d.request);
    const ack = JSON.stringify(d.ack);
    this.st.decision.run(runId, d.seq, d.time, d.orderId, req, ack, d.at, d.cause ?? null);
  }

  recordCancel(runId: string, c: JournalCancel): void {
    this.writable(runId);
    this.st.cancel.run(runId, c.seq, c.time, c.orderId, c.ok ? 1 : 0, c.at);
  }

  recordEvent(runId: string, e: JournalEvent): void {
    this.writable(runId);
    const u = e.update;
    const json = JSON.stringify(u);
    this.st.event.run(runId, e.seq, u.time, u.orderId, u.status, json, e.phase, e.at, e.ref ?? null);
  }

  recordError(runId: string, time: number, message: string): void {
    const run = this.writable(runId);
    this.st.error.run(runId, run.errors, time, message);
    run.errors++;
  }

  endRun(runId: string, end: RunEnd): void {
    this.writable(runId);
    const metrics = end.metrics === undefined ? null : JSON.stringify(end.metrics);
    const counters = end.counters === undefined ? null : JSON.stringify(end.counters);
    this.st.end.run(end.outcome, end.endedAt, end.to ?? null, metrics, counters, runId);
    this.open.delete(runId);
  }

  /**
   * Marks a run running again (after a crash or a stop) and returns its record; this connection
   * then writes to it, numbering candles and errors after those already there.
   */
  resumeRun(runId: string): RunRecord {
    const so = this.readSoFar(runId);
    this.st.resume.run(runId);
    this.st.process.run(this.writer.pid, this.writer.host, runId);
    this.open.set(runId, { candles: so.candleCount, errors: so.errors.length });
    return this.readRun(runId);
  }

  /**
   * The id of the run `idOrPrefix` names: an exact id, or the start of exactly one.
   * @throws UnknownRunError when none or several match.
   */
  findRun(idOrPrefix: string): string {
    const rows = this.db
      .prepare('SELECT run_id FROM runs WHERE substr(run_id, 1, ?) = ? ORDER BY run_id LIMIT 2')
      .all(idOrPrefix.length, idOrPrefix) as { run_id: string }[];
    if (rows.length === 1 || rows[0]?.run_id === idOrPrefix) return rows[0].run_id;
    throw new UnknownRunError(idOrPrefix, this.file, rows.length > 1);
  }

  readSoFar(runId: string): RunSoFar {
    return readSoFar(this.db, runId, this.file);
  }

  readRun(runId: string): RunRecord {
    return readRunRecord(this.db, runId, this.file);
  }

  /** The counters the run stored at its end. */
  readCounters(runId: string): Record<string, number> | undefined {
    return readCounters(this.db, runId, this.file);
  }

  listRuns(filter: RunFilter = {}): RunSummary[] {
    return listRunSummaries(this.db, filter);
  }

  /**
   * Runs `work` (sync or async) inside one transaction: its writes land together or, when it
   * throws or the process dies first, not at all. Nothing else may write meanwhile.
   */
  async batch<T>(work: () => T | Promise<T>): Promise<T> {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const out = await work();
      this.db.exec('COMMIT');
      return out;
    } catch (err) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw err;
    }
  }

  close(): void {
    this.db.close();
  }
}
