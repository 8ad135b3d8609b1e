/**
 * @module The dividends table: per share or ETF, one row per record date, as GetDividends reported
 * it. A download of a range replaces the range (a dividend the API no longer lists, say cancelled,
 * disappears), in one transaction with the caller's other writes.
 */
import type Database from 'better-sqlite3';
import type { Dividend } from '../core/instrument-economics.ts';
import type { TimeRange } from '../core/time.ts';

interface Row {
  uid: string;
  record_date: number;
  last_buy_date: number | null;
  payment_date: number | null;
  per_share: number;
  currency: string;
}

/** Reads and writes the dividends table of one connection. */
export class DividendRepo {
  private readonly insert: Database.Statement;
  private readonly remove: Database.Statement;
  private readonly inRange: Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.insert = db.prepare(
      `INSERT OR REPLACE INTO dividends (uid, record_date, last_buy_date, payment_date, per_share, currency)
       VALUES (@uid, @record_date, @last_buy_date, @payment_date, @per_share, @currency)`,
    );
    this.remove = db.prepare('DELETE FROM dividends WHERE uid = ? AND record_date >= ? AND record_date < ?');
    this.inRange = db.prepare(
      'SELECT * FROM dividends WHERE uid = ? AND record_date >= ? AND record_date < ? ORDER BY record_date',
    );
  }

  /**
   * Stores `list` as the dividends of `uid` with record dates in `range` (stored ones in the range
   * that `list` lacks are removed); a dividend outside the range is stored too.
   */
  replace(uid: string, range: TimeRange, list: readonly Dividend[]): void {
    this.db.transaction(() => {
      this.remove.run(uid, range.from, range.to);
      for (const d of list) this.insert.run(row(uid, d));
    })();
  }

  /** Dividends of `uid` with record date in [from, to), oldest first. */
  list(uid: string, from: number, to: number): Dividend[] {
    return (this.inRange.all(uid, from, to) as Row[]).map(dividend);
  }
}

function row(uid: string, d: Dividend): Row {
  return {
    uid,
    record_date: d.recordDate,
    last_buy_date: d.lastBuyDate ?? null,
    payment_date: d.paymentDate ?? null,
    per_share: d.perShare,
    currency: d.currency,
  };
}

function dividend(r: Row): Dividend {
  const out: Dividend = { instrumentUid: r.uid, recordDate: r.record_date, perShare: r.per_share, currency: r.currency };
  if (r.last_buy_date !== null) out.lastBuyDate = r.last_buy_date;
  if (r.payment_date !== null) out.paymentDate = r.payment_date;
  return out;
}
