/**
 * @module The coverage table: per instrument and interval, the time ranges that were fetched and
 * verified, including ranges verified empty (nights, weekends, holidays). Rows are kept merged
 * (disjoint and not touching), so "what is missing" is one indexed query and a subtraction. The
 * same logic keeps economics_coverage (per instrument and economics part) with another table.
 */
import type Database from 'better-sqlite3';
import type { Interval } from '../core/interval.ts';
import type { TimeRange } from '../core/time.ts';
import { mergeRanges, subtractRanges } from './time-ranges.ts';

interface Row {
  from_time: number;
  to_time: number;
}

/** A coverage table: its name and the column that keys a series besides the uid. */
export interface CoverageTable {
  name: string;
  key: string;
}

/** Reads and writes the coverage table of one database connection (or another coverage table). */
export class CoverageRepo<K extends string = Interval> {
  private readonly overlapping: Database.Statement;
  private readonly all: Database.Statement;
  private readonly remove: Database.Statement;
  private readonly insert: Database.Statement;

  constructor(db: Database.Database, table: CoverageTable = { name: 'coverage', key: 'interval' }) {
    const { name, key } = table;
    this.overlapping = db.prepare(
      `SELECT from_time, to_time FROM ${name}
       WHERE uid = ? AND ${key} = ? AND to_time >= ? AND from_time <= ? ORDER BY from_time`,
    );
    this.all = db.prepare(
      `SELECT from_time, to_time FROM ${name} WHERE uid = ? AND ${key} = ? ORDER BY from_time`,
    );
    this.remove = db.prepare(`DELETE FROM ${name} WHERE uid = ? AND ${key} = ? AND from_time = ?`);
    this.insert = db.prepare(`INSERT INTO ${name} (uid, ${key}, from_time, to_time) VALUES (?, ?, ?, ?)`);
  }

  /**
   * Adds `range` to the series' coverage, merging it with the rows it overlaps or touches. Call it
   * inside the transaction that writes the range's candles.
   */
  add(uid: string, interval: K, range: TimeRange): void {
    if (!(range.to > range.from)) return;
    const rows = this.overlapping.all(uid, interval, range.from, range.to) as Row[];
    const merged = mergeRanges([range, ...rows.map((r) => ({ from: r.from_time, to: r.to_time }))]);
    for (const r of rows) this.remove.run(uid, interval, r.from_time);
    for (const m of merged) this.insert.run(uid, interval, m.from, m.to);
  }

  /** The series' covered ranges, sorted and merged. */
  ranges(uid: string, interval: K): TimeRange[] {
    return (this.all.all(uid, interval) as Row[]).map((r) => ({ from: r.from_time, to: r.to_time }));
  }

  /** Sub-ranges of `range` that are not covered, oldest first (empty when all is covered). */
  missing(uid: string, interval: K, range: TimeRange): TimeRange[] {
    if (!(range.to > range.from)) return [];
    const rows = this.overlapping.all(uid, interval, range.from, range.to) as Row[];
    return subtractRanges(
      range,
      rows.map((r) => ({ from: r.from_time, to: r.to_time })),
    );
  }
}
