/**
 * @module The futures_margins table: initial margin (GO) per contract as GetFuturesMargin reported
 * it, one row per read. Margins change from day to day and the API only tells today's, so the cache
 * keeps every read with its time rather than overwriting, and a backtest can say which it used.
 */
import type Database from 'better-sqlite3';
import type { FuturesMargin } from '../core/instrument-economics.ts';

interface Row {
  read_at: number;
  initial_margin_on_buy: number;
  initial_margin_on_sell: number;
}

/** Reads and writes futures_margins of one connection. */
export class MarginRepo {
  private readonly insert: Database.Statement;
  private readonly all: Database.Statement;
  private readonly last: Database.Statement;

  constructor(db: Database.Database) {
    this.insert = db.prepare(
      `INSERT OR REPLACE INTO futures_margins (uid, read_at, initial_margin_on_buy, initial_margin_on_sell)
       VALUES (?, ?, ?, ?)`,
    );
    this.all = db.prepare('SELECT * FROM futures_margins WHERE uid = ? ORDER BY read_at');
    this.last = db.prepare('SELECT * FROM futures_margins WHERE uid = ? ORDER BY read_at DESC LIMIT 1');
  }

  /** Records one read (a second read at the same instant replaces the first). */
  put(uid: string, m: FuturesMargin): void {
    this.insert.run(uid, m.readAt, m.initialMarginOnBuy, m.initialMarginOnSell);
  }

  /** Every read of `uid`, oldest first. */
  history(uid: string): FuturesMargin[] {
    return (this.all.all(uid) as Row[]).map(margin);
  }

  /** The most recent read of `uid`, if any. */
  latest(uid: string): FuturesMargin | undefined {
    const row = this.last.get(uid) as Row | undefined;
    return row && margin(row);
  }
}

function margin(r: Row): FuturesMargin {
  return {
    initialMarginOnBuy: r.initial_margin_on_buy,
    initialMarginOnSell: r.initial_margin_on_sell,
    readAt: r.read_at,
  };
}
