/**
 * @module Instrument specification as the rest of the project sees it, independent of the wire format.
 */
import type { BondSpec, CurrencySpec, FuturesSpec } from './instrument-economics.ts';

/** Kind of instrument, as the API's InstrumentType names it (lower-case, without prefix). */
export type InstrumentKind = 'share' | 'bond' | 'etf' | 'currency' | 'futures' | 'index' | 'other';

/** What trading and data code needs to know about one instrument. */
export interface Instrument {
  /** Instrument uid (a UUID); the stable key used in the cache. */
  uid: string;
  figi: string;
  ticker: string;
  classCode: string;
  isin: string;
  name: string;
  kind: InstrumentKind;
  /** Units of the instrument per lot; order quantities are in lots. */
  lot: number;
  /** Price step; every valid price is a whole multiple of it. */
  minPriceIncrement: number;
  /** ISO currency code, lower-case as the API sends it (e.g. `rub`). */
  currency: string;
  shortEnabled: boolean;
  exchange: string;
  /** Epoch ms of the first 1-minute candle the API has, when known. */
  first1minCandleDate?: number;
  /** Epoch ms of the first daily candle the API has, when known. */
  first1dayCandleDate?: number;
  /** The contract's specification, for kind `futures`. */
  futures?: FuturesSpec;
  /** The bond's specification, for kind `bond`. */
  bond?: BondSpec;
  /** The traded currency, for kind `currency`. */
  currencyPair?: CurrencySpec;
}

/**
 * A search hit (FindInstrument): identifiers and the lot, but no trading specification (no price
 * step, no short flag); resolve it to an Instrument before trading or backtesting.
 */
export type InstrumentSummary = Pick<
  Instrument,
  | 'uid'
  | 'figi'
  | 'ticker'
  | 'classCode'
  | 'isin'
  | 'name'
  | 'kind'
  | 'lot'
  | 'first1minCandleDate'
  | 'first1dayCandleDate'
> & {
  /** True when the API allows trading the instrument through it. */
  apiTradeAvailable: boolean;
};

/** Number of decimals in a price step such as 0.01 or 0.0005 (used for exact rounding). */
export function stepDecimals(step: number): number {
  const s = step.toString();
  const e = s.indexOf('e-');
  if (e >= 0) return Number(s.slice(e + 2)) + (s.slice(0, e).split('.')[1]?.length ?? 0);
  return s.split('.')[1]?.length ?? 0;
}

/**
 * Rounds `price` to the nearest whole multiple of `step`, exact in decimal terms. An unknown step
 * (0, as for an instrument known only from an imported archive) leaves the price as it is.
 */
export function snapToStep(price: number, step: number): number {
  if (!(step > 0)) return price;
  const ticks = Math.round(price / step);
  return Number((ticks * step).toFixed(stepDecimals(step)));
}

/** True when `price` is a whole multiple of `step` (within floating-point noise). */
export function isOnStep(price: number, step: number): boolean {
  return Math.abs(snapToStep(price, step) - price) < step * 1e-6;
}
