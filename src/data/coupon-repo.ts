/**
 * @module The coupons table: per bond, one row per coupon number, as GetBondCoupons reported it.
 * A download of a range replaces the coupons dated in it. A read for a backtest's range also
 * returns the coupon whose period is running when the range starts or ends, since accrued
 * interest on a trade inside the range needs it even when it is paid after the range.
 */
import type Database from 'better-sqlite3';
import type { Coupon } from '../core/instrument-economics.ts';
import type { TimeRange } from '../core/time.ts';

interface Row {
  uid: string;
  number: number;
  coupon_date: number;
  fix_date: number | null;
  per_bond: number;
  period_start: number | null;
  period_end: number | null;
}

/** Reads and writes the coupons table of one connection. */
export class CouponRepo {
  private readonly insert: Database.Statement;
  private readonly remove: Database.Statement;
  private readonly touching: Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.insert = db.prepare(
      `INSERT OR REPLACE INTO coupons (uid, number, coupon_date, fix_date, per_bond, period_start, period_end)
       VALUES (@uid, @number, @coupon_date, @fix_date, @per_bond, @period_start, @period_end)`,
    );
    this.remove = db.prepare('DELETE FROM coupons WHERE uid = ? AND coupon_date >= ? AND coupon_date < ?');
    // A coupon counts when it is paid in [from, to) or its period overlaps [from, to).
    this.touching = db.prepare(
      `SELECT * FROM coupons WHERE uid = @uid AND coupon_date >= @from
         AND (coupon_date < @to OR coalesce(period_start, coupon_date) < @to)
       ORDER BY coupon_date, number`,
    );
  }

  /** Stores `list` as the coupons of `uid` dated in `range` (stored ones it lacks are removed). */
  replace(uid: string, range: TimeRange, list: readonly Coupon[]): void {
    this.db.transaction(() => {
      this.remove.run(uid, range.from, range.to);
      for (const c of list) this.insert.run(row(uid, c));
    })();
  }

  /** Coupons of `uid` paid in [from, to) or accruing during it, by date. */
  list(uid: string, from: number, to: number): Coupon[] {
    return (this.touching.all({ uid, from, to }) as Row[]).map(coupon);
  }
}

function row(uid: string, c: Coupon): Row {
  return {
    uid,
    number: c.number,
    coupon_date: c.couponDate,
    fix_date: c.fixDate ?? null,
    per_bond: c.perBond,
    period_start: c.periodStart ?? null,
    period_end: c.periodEnd ?? null,
  };
}

function coupon(r: Row): Coupon {
  const out: Coupon = { instrumentUid: r.uid, couponDate: r.coupon_date, number: r.number, perBond: r.per_bond };
  if (r.fix_date !== null) out.fixDate = r.fix_date;
  if (r.period_start !== null) out.periodStart = r.period_start;
  if (r.period_end !== null) out.periodEnd = r.period_end;
  return out;
}
