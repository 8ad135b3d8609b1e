/**
 * @module How each continuous series in the cache was built (`continuous_series`: base, interval,
 * roll rule, adjustment) and where it rolled (`continuous_rolls`), so a backtest on it can tell
 * which contract was front at each moment and where it must pay a roll. The candles themselves are
 * an ordinary series of the cache under the continuous instrument's uid.
 */
import type Database from 'better-sqlite3';
import type { Interval } from '../../core/interval.ts';
import type { RollPoint } from './roll-plan.ts';

/** How one continuous series was built. */
export interface ContinuousInfo {
  uid: string;
  base: string;
  interval: Interval;
  roll: string;
  adjust: string;
  builtAt?: number;
}

interface RollRow {
  time: number;
  from_uid: string;
  to_uid: string;
  from_price: number;
  to_price: number;
}

/** Reads and writes continuous-series metadata on one connection. */
export class ContinuousRepo {
  constructor(private readonly db: Database.Database) {}

  /** Replaces the series' record and its rolls (run it in the write's transaction). */
  save(info: ContinuousInfo, rolls: readonly RollPoint[]): void {
    this.db
      .prepare('INSERT OR REPLACE INTO continuous_series (uid, base, interval, roll, adjust, built_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(info.uid, info.base, info.interval, info.roll, info.adjust, info.builtAt ?? null);
    this.db.prepare('DELETE FROM continuous_rolls WHERE uid = ?').run(info.uid);
    const put = this.db.prepare(
      'INSERT INTO continuous_rolls (uid, seq, time, from_uid, to_uid, from_price, to_price) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    rolls.forEach((r, k) => put.run(info.uid, k, r.time, r.fromUid, r.toUid, r.fromPrice, r.toPrice));
  }

  /** The series' record, when `uid` is a continuous series. */
  info(uid: string): ContinuousInfo | undefined {
    const row = this.db.prepare('SELECT * FROM continuous_series WHERE uid = ?').get(uid) as
      | { uid: string; base: string; interval: Interval; roll: string; adjust: string; built_at: number | null }
      | undefined;
    if (!row) return undefined;
    const info: ContinuousInfo = { uid: row.uid, base: row.base, interval: row.interval, roll: row.roll, adjust: row.adjust };
    if (row.built_at !== null) info.builtAt = row.built_at;
    return info;
  }

  /** The series' rolls in time order. */
  rolls(uid: string): RollPoint[] {
    const rows = this.db.prepare('SELECT * FROM continuous_rolls WHERE uid = ? ORDER BY seq').all(uid) as RollRow[];
    return rows.map((r) => ({ time: r.time, fromUid: r.from_uid, toUid: r.to_uid, fromPrice: r.from_price, toPrice: r.to_price }));
  }

  /**
   * The contract that was front at instant `t`: the first contract before the first roll, then the
   * one each roll moved to. Undefined for a series without rolls recorded.
   */
  frontAt(uid: string, t: number): string | undefined {
    const rolls = this.rolls(uid);
    if (rolls.length === 0) return undefined;
    let front = rolls[0].fromUid;
    for (const r of rolls) if (r.time <= t) front = r.toUid;
    return front;
  }
}
