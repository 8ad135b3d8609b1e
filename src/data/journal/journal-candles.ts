/**
 * @module The candles a run received, per series, as the journal recorded them (a paper, sandbox
 * or live run's own price history: its report draws them).
 */
import type Database from 'better-sqlite3';
import type { Candle } from '../../core/candle.ts';

/** The run's candles of one series in time order (the last recording of a time wins). */
export function runCandles(db: Database.Database, runId: string, uid: string, interval: string): Candle[] {
  const rows = db
    .prepare(
      `SELECT time, open, high, low, close, volume FROM run_candles
       WHERE run_id = ? AND uid = ? AND interval = ? ORDER BY time, seq`,
    )
    .all(runId, uid, interval) as Candle[];
  const out: Candle[] = [];
  for (const c of rows) {
    if (out.at(-1)?.time === c.time) out[out.length - 1] = c;
    else out.push(c);
  }
  return out;
}
