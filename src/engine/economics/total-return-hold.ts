/**
 * @module The total-return benchmark: buy-and-hold (see kernel/buy-and-hold.ts) valued in money
 * (a futures contract fully funded at its money value, a bond at percent of nominal) and in the base
 * currency (other currencies converted at the run's rate when the share is bought and when it is
 * marked), that also receives its instruments' dividends, net of the run's dividend tax, and coupons
 * as cash. A bond is bought and marked with its accrued interest, as the account is. A share in
 * another currency is bought at its first open once that currency has a price.
 */
import type { Dividend } from '../../core/instrument-economics.ts';
import { BuyAndHold } from '../kernel/buy-and-hold.ts';
import type { EconomicsBook } from './economics-book.ts';
import { valueOf } from './slot-economics.ts';

/** Buy-and-hold with income. */
export class TotalReturnHold extends BuyAndHold {
  private readonly fixed = new Map<number, number>();

  constructor(
    private readonly e: EconomicsBook,
    startingCash: number,
  ) {
    super(e.slots.length, startingCash);
  }

  override enter(slot: number, open: number): void {
    if (this.bought[slot] !== 0) return;
    const x = this.e.slots[slot];
    const perUnit = (valueOf(x, 1, open) + this.accrued(slot)) * this.e.rate(x.ccy);
    if (!(perUnit > 0)) return;
    this.bought[slot] = 1;
    this.boughtCount++;
    this.units[slot] = this.share / perUnit;
    this.cash -= this.share;
    if (this.boughtCount === this.units.length) this.cash = 0;
  }

  override equity(last: Float64Array): number {
    let eq = this.cash;
    for (let s = 0; s < this.units.length; s++) {
      if (this.units[s] === 0) continue;
      const x = this.e.slots[s];
      eq +=
        (valueOf(x, this.units[s], last[s]) + this.units[s] * this.accrued(s)) * this.e.rate(x.ccy);
    }
    return eq;
  }

  /** Accrued interest per unit now (0 for anything but a bond). */
  private accrued(slot: number): number {
    const ai = this.e.accrued[slot];
    return ai === null ? 0 : ai.at(this.e.clock.now());
  }

  /** Credits a dividend to the held units, net of tax. */
  dividend(slot: number, d: Dividend): void {
    const units = this.units[slot];
    if (units === 0) return;
    const c = this.e.currencies.indexOf(d.currency);
    const rate = this.e.rate(c < 0 ? this.e.slots[slot].ccy : c);
    this.cash += units * d.perShare * (1 - this.e.dividendTax) * rate;
  }

  /** Fixes the held units entitled to a coupon. */
  fixCoupon(slot: number, id: number): void {
    if (this.units[slot] !== 0) this.fixed.set(id, this.units[slot]);
  }

  /** Pays a fixed coupon. */
  payCoupon(slot: number, id: number, perBond: number): void {
    const units = this.fixed.get(id);
    if (units === undefined) return;
    this.fixed.delete(id);
    this.cash += units * perBond * this.e.rate(this.e.slots[slot].ccy);
  }
}
