/**
 * @module The cache's economics beyond specs: dividends, coupons and futures margin reads, over
 * one store's connection. The downloader writes through it; loadEconomics (load-economics.ts)
 * reads a backtest's slice of it.
 */
import type { Coupon, Dividend, FuturesMargin } from '../core/instrument-economics.ts';
import type { TimeRange } from '../core/time.ts';
import { CouponRepo } from './coupon-repo.ts';
import { CoverageRepo } from './coverage-repo.ts';
import { DividendRepo } from './dividend-repo.ts';
import { MarginRepo } from './margin-repo.ts';
import type { CandleStore } from './store.ts';

/** The economics kept with fetched ranges (a margin is a point read, not a range). */
export type CoveredPart = 'dividends' | 'coupons';

/** Dividends, coupons and margins of one cache. */
export class EconomicsCache {
  private readonly coverage: CoverageRepo<CoveredPart>;
  private readonly dividendRepo: DividendRepo;
  private readonly couponRepo: CouponRepo;
  private readonly marginRepo: MarginRepo;

  constructor(store: CandleStore) {
    this.dividendRepo = new DividendRepo(store.db);
    this.couponRepo = new CouponRepo(store.db);
    this.marginRepo = new MarginRepo(store.db);
    this.coverage = new CoverageRepo<CoveredPart>(store.db, { name: 'economics_coverage', key: 'part' });
  }

  /** Sub-ranges of `range` whose `part` of `uid` was never fetched, oldest first. */
  missing(uid: string, part: CoveredPart, range: TimeRange): TimeRange[] {
    return this.coverage.missing(uid, part, range);
  }

  /** Marks `range` of `part` of `uid` as fetched (with the write that stored it). */
  markFetched(uid: string, part: CoveredPart, range: TimeRange): void {
    this.coverage.add(uid, part, range);
  }

  /** Stores the dividends of `uid` with record dates in `range`, replacing those stored there. */
  putDividends(uid: string, range: TimeRange, list: readonly Dividend[]): void {
    this.dividendRepo.replace(uid, range, list);
  }

  /** Dividends of `uid` with record date in [from, to), oldest first. */
  dividends(uid: string, from: number, to: number): Dividend[] {
    return this.dividendRepo.list(uid, from, to);
  }

  /** Stores the coupons of `uid` dated in `range`, replacing those stored there. */
  putCoupons(uid: string, range: TimeRange, list: readonly Coupon[]): void {
    this.couponRepo.replace(uid, range, list);
  }

  /** Coupons of `uid` paid in [from, to) or accruing during it, by date. */
  coupons(uid: string, from: number, to: number): Coupon[] {
    return this.couponRepo.list(uid, from, to);
  }

  /** Records one GetFuturesMargin read of `uid`. */
  putMargin(uid: string, margin: FuturesMargin): void {
    this.marginRepo.put(uid, margin);
  }

  /** The newest margin read of `uid`, if any. */
  latestMargin(uid: string): FuturesMargin | undefined {
    return this.marginRepo.latest(uid);
  }

  /** Every margin read of `uid`, oldest first. */
  margins(uid: string): FuturesMargin[] {
    return this.marginRepo.history(uid);
  }
}
