/**
 * @module What the market looked like to a run's guards, kept with the run: the last trading status
 * per instrument they used (written when it changes), and the last prices, which are the closes of
 * the last candles the run received (read from `run_candles`, not written twice). A resumed run's
 * guards start from these.
 */
import { closeTime, intervalRank, type Interval } from '../../core/interval.ts';
import type { JournalDb } from './live-events.ts';

/** A trading status as the guards last used it. */
export interface RecordedStatus {
  status: string;
  /** Run-clock time it was used at (epoch ms). */
  time: number;
}

/** Stores `status` as the last trading status of `uid` in `runId`. */
export function recordRunStatus(
  journal: JournalDb,
  runId: string,
  uid: string,
  s: RecordedStatus,
): void {
  journal.db
    .prepare(
      `INSERT INTO run_status (run_id, uid, status, time) VALUES (?, ?, ?, ?)
       ON CONFLICT (run_id, uid) DO UPDATE SET status = excluded.status, time = excluded.time`,
    )
    .run(runId, uid, s.status, s.time);
}

/** The last trading status per instrument uid that `runId` recorded. */
export function readRunStatuses(journal: JournalDb, runId: string): Record<string, RecordedStatus> {
  const rows = journal.db
    .prepare('SELECT uid, status, time FROM run_status WHERE run_id = ? ORDER BY uid')
    .all(runId) as { uid: string; status: string; time: number }[];
  return Object.fromEntries(rows.map((r) => [r.uid, { status: r.status, time: r.time }]));
}

/** A last price: the close of the last candle of an instrument the run received. */
export interface RecordedPrice {
  price: number;
  /** Close time of that candle (epoch ms). */
  time: number;
  interval: string;
}

/**
 * The last price per instrument uid of `runId`: the close of its latest candle, of whichever
 * interval closed last (the finest on a tie).
 */
export function readLastPrices(journal: JournalDb, runId: string): Record<string, RecordedPrice> {
  const rows = journal.db
    .prepare(
      `SELECT c.uid, c.interval, c.time, c.close FROM run_candles c
       JOIN (SELECT uid, interval, max(time) AS t FROM run_candles WHERE run_id = ?
             GROUP BY uid, interval) last
         ON c.uid = last.uid AND c.interval = last.interval AND c.time = last.t
       WHERE c.run_id = ?`,
    )
    .all(runId, runId) as { uid: string; interval: string; time: number; close: number }[];
  return lastPerUid(rows);
}

function lastPerUid(
  rows: readonly { uid: string; interval: string; time: number; close: number }[],
): Record<string, RecordedPrice> {
  const out: Record<string, RecordedPrice> = {};
  const rank = (i: string) => intervalRank(i as Interval);
  for (const r of rows) {
    const close = closeTime(r.interval as Interval, r.time);
    const was = out[r.uid];
    const later = was === undefined || close > was.time;
    const finerTie = was !== undefined && close === was.time && rank(r.interval) < rank(was.interval);
    if (later || finerTie) out[r.uid] = { price: r.close, time: close, interval: r.interval };
  }
  return out;
}
