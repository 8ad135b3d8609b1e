/**
 * @module The economics of one run: cash per currency, variation margin already settled per futures
 * position, the initial margin (GO) it blocks, and the income each slot earned (dividends, coupons,
 * accrued interest, variation margin, tax). The portfolio delegates its special slots' fills and its
 * equity mark here; the kernel runs the dated events (clearings, dividends, coupons, expiries,
 * redemptions) through `process`. Money is exact (Ledgers); equity in the base currency converts
 * other currencies at the last price of the run's currency instrument for each.
 */
import type { Instrument } from '../../core/instrument.ts';
import type { Clock } from '../ports/clock.ts';
import { Ledger } from '../portfolio/ledger.ts';
import type { Portfolio } from '../portfolio/portfolio.ts';
import type { PortfolioEconomics } from '../portfolio/portfolio-economics.ts';
import type { FillRecord } from '../result.ts';
import type { BondAccrual } from './accrued-interest.ts';
import type { EconomicEvent } from './economic-events.ts';
import { applyEconomicFill } from './economic-fill.ts';
import { processEvents } from './process-events.ts';
import { ticksOf, valueOf, type SlotEconomics } from './slot-economics.ts';
import { TotalReturnHold } from './total-return-hold.ts';

/** What an economics book is built from (see build-economics.ts). */
export interface EconomicsBookOptions {
  instruments: readonly Instrument[];
  slots: readonly SlotEconomics[];
  /** The run's currencies, the base first. */
  currencies: readonly string[];
  /** Per currency, the slot of the currency instrument that prices it (-1 for the base). */
  converters: readonly number[];
  schedule: readonly EconomicEvent[];
  dividendTax: number;
  /** Per slot, the accrued interest of a bond (null for others). */
  accrued: readonly (BondAccrual | null)[];
  clock: Clock;
  startingCash: number;
}

/** Income of one slot, each an exact sum in the slot's currency. */
export interface SlotIncome {
  dividends: Ledger;
  dividendTax: Ledger;
  coupons: Ledger;
  /** Accrued interest received on sales minus paid on buys. */
  accrued: Ledger;
  variationMargin: Ledger;
}

/** The economics of one run. */
export class EconomicsBook implements PortfolioEconomics {
  readonly special: Uint8Array;
  readonly slots: readonly SlotEconomics[];
  readonly currencies: readonly string[];
  readonly converters: readonly number[];
  readonly schedule: readonly EconomicEvent[];
  readonly dividendTax: number;
  readonly accrued: readonly (BondAccrual | null)[];
  readonly clock: Clock;
  /** Cash per currency; index 0 (the base) is the portfolio's own cash ledger. */
  readonly cash: Ledger[];
  /** Per futures slot: variation margin credited so far to the open position. */
  readonly settled: Ledger[];
  readonly income: SlotIncome[];
  readonly hold: TotalReturnHold;
  /** Coupon id → units entitled at its fix date, until paid. */
  readonly entitled = new Map<number, number>();
  /** Time of the next event (Infinity when none is left). */
  next: number;
  /** Index of the next event in the schedule. */
  k = 0;
  /** True while an expiry or redemption books its closing fill (no accrued interest on it). */
  synthetic = false;
  pf!: Portfolio;
  /** Scratch per currency for the equity mark (no allocation per mark). */
  private readonly byCcy: Float64Array;

  constructor(o: EconomicsBookOptions) {
    this.slots = o.slots;
    this.currencies = o.currencies;
    this.converters = o.converters;
    this.schedule = o.schedule;
    this.dividendTax = o.dividendTax;
    this.accrued = o.accrued;
    this.clock = o.clock;
    this.special = Uint8Array.from(o.slots, (s) =>
      s.kind === 'futures' || s.kind === 'bond' || s.ccy !== 0 ? 1 : 0,
    );
    this.cash = o.currencies.map(() => new Ledger());
    this.byCcy = new Float64Array(o.currencies.length);
    this.settled = o.slots.map(() => new Ledger());
    this.income = o.slots.map(() => ({
      dividends: new Ledger(),
      dividendTax: new Ledger(),
      coupons: new Ledger(),
      accrued: new Ledger(),
      variationMargin: new Ledger(),
    }));
    this.next = o.schedule.length === 0 ? Infinity : o.schedule[0].at;
    this.hold = new TotalReturnHold(this, o.startingCash);
  }

  /** Binds the portfolio this book serves (the kernel builds it with this book). */
  attach(pf: Portfolio): void {
    this.pf = pf;
    this.cash[0] = pf.book.cash;
    pf.trips.valueTicks(
      Float64Array.from(this.slots, (s) => s.tickValue),
      Float64Array.from(this.slots, (s) => s.step),
    );
  }

  /** The cash ledger of currency `c`. */
  cashOf(c: number): Ledger {
    return this.cash[c];
  }

  /** Refreshes the portfolio's base cash figure after the base ledger moved. */
  syncCash(): void {
    this.pf.cash = this.pf.book.cash.value;
  }

  /** Base currency per unit of currency `c` (NaN before its instrument's first price). */
  rate(c: number): number {
    if (c === 0) return 1;
    const slot = this.converters[c];
    return this.pf.last[slot] / this.slots[slot].nominal;
  }

  /** Initial margin blocked by the futures positions priced in currency `c`. */
  blocked(c: number): number {
    let m = 0;
    const lots = this.pf.lots;
    for (let s = 0; s < this.slots.length; s++) {
      const x = this.slots[s];
      if (x.kind !== 'futures' || x.ccy !== c || lots[s] === 0) continue;
      m += Math.abs(lots[s]) * (lots[s] > 0 ? x.marginBuy : x.marginSell);
    }
    return m;
  }

  applyFill(slot: number, fill: FillRecord): void {
    applyEconomicFill(this, slot, fill);
  }

  /** Runs the events due before `t` (`strict`) or at or before it. */
  process(t: number, strict: boolean): void {
    processEvents(this, t, strict);
  }

  /** Money value of a special slot's open position (futures: its unsettled variation margin). */
  positionValue(slot: number): number {
    const pf = this.pf;
    const x = this.slots[slot];
    const units = pf.units[slot];
    const last = pf.last[slot];
    if (x.kind === 'futures') {
      return (
        units * ticksOf(last, x.step) * x.tickValue -
        pf.book.basis[slot].value -
        this.settled[slot].value
      );
    }
    const v = valueOf(x, units, last);
    const ai = this.accrued[slot];
    return ai === null ? v : v + units * ai.at(this.clock.now());
  }

  unrealized(slot: number): number {
    const x = this.slots[slot];
    if (x.kind === 'futures') return this.positionValue(slot) + this.settled[slot].value;
    return valueOf(x, this.pf.units[slot], this.pf.last[slot]) - this.pf.book.basis[slot].value;
  }

  equity(): number {
    const pf = this.pf;
    const byCcy = this.byCcy;
    for (let c = 0; c < byCcy.length; c++) byCcy[c] = this.cash[c].value;
    for (let s = 0; s < this.slots.length; s++) {
      if (pf.units[s] === 0) continue;
      const x = this.slots[s];
      byCcy[x.ccy] += x.kind === 'plain' ? pf.units[s] * pf.last[s] : this.positionValue(s);
    }
    let e = byCcy[0];
    for (let c = 1; c < byCcy.length; c++) if (byCcy[c] !== 0) e += byCcy[c] * this.rate(c);
    return e;
  }
}
