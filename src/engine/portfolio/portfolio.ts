/**
 * @module Account state of a run in the account currency: cash, signed positions in lots (and units =
 * lots × lot) with their average price, realised and unrealised P&L, commissions, traded value and the
 * last price of every instrument. The engine applies every fill here (in backtest and live alike) and
 * marks equity from it at every candle close. Per-instrument state lives in typed arrays indexed by
 * the instrument's slot (its position in the run's instrument list).
 *
 * Money is exact: cash, commissions, traded value, realised P&L and each open position's cost basis
 * are Ledgers (exact decimal sums; the number fields are their correctly rounded values), so no
 * number of fills makes them drift. Realised P&L follows the average-cost method; a partial close
 * takes its pro-rata share of the cost basis rounded half away from zero to the basis' decimal places
 * (kopecks for prices on a 0.01 grid) and leaves the rest in the basis, so a position closed in full
 * realises exactly its proceeds minus its cost. Equity is marked fresh at every close as
 * cash + units × last (one product, one sum: rounding, never drift).
 */
import type { Instrument } from '../../core/instrument.ts';
import type { FillRecord } from '../result.ts';
import type { PortfolioEconomics } from './portfolio-economics.ts';
import { Ledger } from './ledger.ts';
import { RoundTripTracker } from './round-trips.ts';

/** A position as strategies see it (a fresh object per call). */
export interface PositionView {
  instrumentUid: string;
  /** Signed lots: > 0 long, < 0 short, 0 flat. */
  lots: number;
  /** Signed units = lots × lot. */
  units: number;
  /** Average entry price per unit of the open position (0 when flat). */
  averagePrice: number;
  /** Last known price (the latest close seen). */
  lastPrice: number;
  /** P&L already realised in this instrument, before commissions. */
  realizedPnl: number;
  /** Mark-to-market P&L of the open position at the last price. */
  unrealizedPnl: number;
  /** Commissions paid in this instrument. */
  commission: number;
}

/** Cash, positions and their history for one run. */
export class Portfolio {
  cash: number;
  /** Commissions paid in total. */
  commission = 0;
  /** Sum of |price × units| over all fills. */
  tradedValue = 0;
  /** Number of instruments with a non-zero position (the exposure test is `openCount !== 0`). */
  openCount = 0;
  readonly lots: Float64Array;
  readonly units: Float64Array;
  readonly averagePrice: Float64Array;
  readonly realized: Float64Array;
  readonly paid: Float64Array;
  /** Last close per slot; NaN until the instrument's first candle. */
  readonly last: Float64Array;
  readonly fills: FillRecord[] = [];
  readonly trips: RoundTripTracker;
  readonly lotSize: Float64Array;
  /**
   * The exact books behind the number fields. Internal to the engine: the economics
   * (src/engine/economics) post their fills and cash events here.
   */
  readonly book: PortfolioBook;

  /**
   * `economics` takes over the slots it marks special (futures, bonds, other currencies) and the
   * equity mark; without it every slot is a plain share in the one account currency.
   */
  constructor(
    readonly instruments: readonly Instrument[],
    readonly startingCash: number,
    readonly economics?: PortfolioEconomics,
  ) {
    const n = instruments.length;
    this.cash = startingCash;
    this.lots = new Float64Array(n);
    this.units = new Float64Array(n);
    this.averagePrice = new Float64Array(n);
    this.realized = new Float64Array(n);
    this.paid = new Float64Array(n);
    this.last = new Float64Array(n).fill(NaN);
    this.lotSize = Float64Array.from(instruments, (i) => i.lot);
    const perSlot = () => instruments.map(() => new Ledger());
    this.book = {
      cash: new Ledger(startingCash),
      commission: new Ledger(),
      traded: new Ledger(),
      realized: perSlot(),
      paid: perSlot(),
      basis: perSlot(),
    };
    this.cash = this.book.cash.value;
    this.trips = new RoundTripTracker(
      instruments.map((i) => i.ticker),
      instruments.map((i) => i.uid),
      instruments.map((i) => i.lot),
    );
  }

  /** Cash plus every open position at its last price. */
  equity(): number {
    if (this.economics !== undefined) return this.economics.equity();
    let e = this.cash;
    if (this.openCount === 0) return e;
    for (let s = 0; s < this.units.length; s++) {
      if (this.units[s] !== 0) e += this.units[s] * this.last[s];
    }
    return e;
  }

  /** Applies one execution: cash, position, average price, realised P&L, trips and the fill log. */
  applyFill(slot: number, fill: FillRecord): void {
    if (this.economics !== undefined && this.economics.special[slot] === 1) {
      this.economics.applyFill(slot, fill);
      return;
    }
    const q = fill.side === 'buy' ? fill.lots : -fill.lots;
    const before = this.lots[slot];
    const unit = this.lotSize[slot];
    const { price, commission } = fill;
    const b = this.book;
    b.cash.addTimes(-q * unit, price);
    b.cash.add(-commission);
    this.cash = b.cash.value;
    b.commission.add(commission);
    this.commission = b.commission.value;
    b.paid[slot].add(commission);
    this.paid[slot] = b.paid[slot].value;
    b.traded.addTimes(fill.lots * unit, price);
    this.tradedValue = b.traded.value;
    const after = before + q;
    const basis = b.basis[slot];
    if (before !== 0 && Math.sign(q) !== Math.sign(before)) {
      // Closing: proceeds (signed by the side closed) minus the closed lots' share of the basis.
      const closing = Math.min(Math.abs(q), Math.abs(before));
      const realized = b.realized[slot];
      realized.addTimes(Math.sign(before) * closing * unit, price);
      basis.moveShare(closing, Math.abs(before), realized, -1);
      this.realized[slot] = realized.value;
      // A flip opens the rest at this price.
      if (Math.abs(q) > closing)
        basis.addTimes((q > 0 ? 1 : -1) * (Math.abs(q) - closing) * unit, price);
    } else basis.addTimes(q * unit, price);
    this.averagePrice[slot] = after === 0 ? 0 : Math.abs(basis.per(Math.abs(after) * unit));
    this.commitPosition(slot, fill, before, q);
  }

  /**
   * The position side of a fill whose money is already booked: lots, units, the open count, the
   * first mark, the fill log and the round trips.
   */
  commitPosition(slot: number, fill: FillRecord, before: number, q: number): void {
    const after = before + q;
    const price = fill.price;
    if (before === 0 && after !== 0) this.openCount++;
    else if (before !== 0 && after === 0) this.openCount--;
    this.lots[slot] = after;
    this.units[slot] = after * this.lotSize[slot];
    // A fill on an instrument's first candle comes before its first close: mark it at the fill.
    if (Number.isNaN(this.last[slot])) this.last[slot] = price;
    this.fills.push(fill);
    this.trips.record(
      { slot, signedLots: q, price, commission: fill.commission, time: fill.time },
      before,
    );
  }

  /** A snapshot of one slot's position. */
  position(slot: number): PositionView {
    const units = this.units[slot];
    const last = this.last[slot];
    return {
      instrumentUid: this.instruments[slot].uid,
      lots: this.lots[slot],
      units,
      averagePrice: this.averagePrice[slot],
      lastPrice: last,
      realizedPnl: this.realized[slot],
      // Market value minus the exact cost basis; `+ 0` turns -0 (a short at its entry price) into 0.
      unrealizedPnl:
        units === 0
          ? 0
          : this.economics?.special[slot] === 1
            ? this.economics.unrealized(slot)
            : units * last - this.book.basis[slot].value + 0,
      commission: this.paid[slot],
    };
  }
}

/** The exact ledgers of a portfolio. */
export interface PortfolioBook {
  cash: Ledger;
  commission: Ledger;
  traded: Ledger;
  /** Per slot: realised P&L, commissions, and the signed cost of the open position. */
  realized: Ledger[];
  paid: Ledger[];
  basis: Ledger[];
}
