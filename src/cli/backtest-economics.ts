/**
 * @module The economics a CLI backtest takes from the cache: the dividends and coupons of its
 * instruments in its range (loadEconomics), and the dividend tax from `--dividend-tax`. Futures,
 * bond and currency specs (and a futures contract's latest GO read) come with the cached
 * instruments themselves.
 */
import type { Instrument } from '../core/instrument.ts';
import type { TimeRange } from '../core/time.ts';
import { loadEconomics } from '../data/load-economics.ts';
import type { CandleStore } from '../data/store.ts';
import type { EconomicsInput } from '../engine/index.ts';

/** The economics input of a backtest over the cache. */
export function cachedEconomics(
  store: CandleStore,
  instruments: readonly Instrument[],
  range: TimeRange,
  dividendTax: number | undefined,
): EconomicsInput {
  const cached = loadEconomics(
    store,
    instruments.map((i) => i.uid),
    range.from,
    range.to,
  );
  return {
    ...(cached.dividends.length === 0 ? {} : { dividends: cached.dividends }),
    ...(cached.coupons.length === 0 ? {} : { coupons: cached.coupons }),
    ...(dividendTax === undefined ? {} : { dividendTax }),
  };
}
