/**
 * @module How one instrument of a run turns prices into money. A plain share's price is its money
 * value per unit. A futures price is in points: one price step is worth min_price_increment_amount,
 * so n units at price p are worth n × (p / step) × amount. A bond's price is in percent of its
 * nominal: one step is worth step × nominal / 100. Both are kept as whole ticks times an exact
 * decimal tick value, so every sum of them is exact in a Ledger.
 */
import { UsageError } from '../../core/errors.ts';
import type { Instrument } from '../../core/instrument.ts';
import type { Ledger } from '../portfolio/ledger.ts';
import { printedDecimal } from '../exact/printed-decimal.ts';
import { eveningClearingOf, utcDay } from './clearing-times.ts';

/** The accounting a slot follows. */
export type SlotKind = 'plain' | 'futures' | 'bond' | 'currency';

/** Economics of one slot. */
export interface SlotEconomics {
  kind: SlotKind;
  ticker: string;
  step: number;
  /** Money per price step per unit; NaN for plain and currency slots (price = money per unit). */
  tickValue: number;
  /** Index of the price currency in the run's currency list (0 = base). */
  ccy: number;
  /** GO per contract long / short (futures; 0 otherwise, and 0 when the spec has no GO read). */
  marginBuy: number;
  marginSell: number;
  /** False for a futures contract whose spec carries no GO: its orders are not margin-checked. */
  marginKnown: boolean;
  /** Last instant an order may fill (futures: last trading day's evening clearing; bonds: maturity). */
  tradableUntil: number;
  /** For a currency instrument: the index of the currency it buys, else -1. */
  converts: number;
  /** Currency units per instrument unit (currency) or the nominal (bond); 1 otherwise. */
  nominal: number;
}

/** `a × b / 10^shift` as the exact decimal it is (printed, so a Ledger reads it exactly). */
export function decimalProduct(a: number, b: number, shift: number): number {
  const x = printedDecimal(a);
  const y = printedDecimal(b);
  const places = x.places + y.places + shift;
  const u = x.units * y.units;
  const neg = u < 0n;
  const digits = (neg ? -u : u).toString().padStart(places + 1, '0');
  const text = `${neg ? '-' : ''}${digits.slice(0, digits.length - places)}.${digits.slice(digits.length - places) || '0'}`;
  return Number(text);
}

/** Whole ticks of a price on its grid. */
export function ticksOf(price: number, step: number): number {
  return Math.round(price / step);
}

/** Adds the money value of `units` (signed) at `price` to a ledger, exactly. */
export function addValue(l: Ledger, se: SlotEconomics, units: number, price: number): void {
  if (se.tickValue !== se.tickValue) l.addTimes(units, price);
  else l.addTimes(units * ticksOf(price, se.step), se.tickValue);
}

/** The money value of `units` at `price`, as a double. */
export function valueOf(se: SlotEconomics, units: number, price: number): number {
  if (se.tickValue !== se.tickValue) return units * price;
  return units * ticksOf(price, se.step) * se.tickValue;
}

/** Builds the economics of one instrument; `ccyIndex` maps a currency to its index. */
export function slotEconomics(inst: Instrument, ccyIndex: (c: string) => number): SlotEconomics {
  const base: SlotEconomics = {
    kind: 'plain',
    ticker: inst.ticker,
    step: inst.minPriceIncrement,
    tickValue: NaN,
    ccy: ccyIndex(inst.currency),
    marginBuy: 0,
    marginSell: 0,
    marginKnown: true,
    tradableUntil: Infinity,
    converts: -1,
    nominal: 1,
  };
  const f = inst.futures;
  if (inst.kind === 'futures' && f !== undefined) {
    if (!(inst.minPriceIncrement > 0)) throw noStep(inst);
    // Without a GO read the contract is still a future (points, variation margin, expiry); only
    // the margin check is off, and the result says so (economics.marginUnknown).
    return {
      ...base,
      kind: 'futures',
      tickValue: f.minPriceIncrementAmount,
      marginBuy: f.margin?.initialMarginOnBuy ?? 0,
      marginSell: f.margin?.initialMarginOnSell ?? 0,
      marginKnown: f.margin !== undefined,
      tradableUntil: eveningClearingOf(f.lastTradeDate),
    };
  }
  const b = inst.bond;
  if (inst.kind === 'bond' && b !== undefined) {
    if (!(inst.minPriceIncrement > 0)) throw noStep(inst);
    return {
      ...base,
      kind: 'bond',
      tickValue: decimalProduct(inst.minPriceIncrement, b.nominal, 2),
      nominal: b.nominal,
      tradableUntil: b.maturityDate === undefined ? Infinity : utcDay(b.maturityDate),
    };
  }
  const c = inst.currencyPair;
  if (inst.kind === 'currency' && c !== undefined) {
    return { ...base, kind: 'currency', converts: ccyIndex(c.isoCurrencyName), nominal: c.nominal };
  }
  return base;
}

function noStep(inst: Instrument): UsageError {
  return new UsageError(
    `${inst.ticker} has no price step (min_price_increment), so its money value is unknown`,
    'refresh the instrument with tlab download',
  );
}
