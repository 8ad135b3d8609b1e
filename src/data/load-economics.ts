/**
 * @module The one read the engine's economics needs from the cache: for a backtest's instruments
 * and range, the instruments with their kind's spec, the dividends and coupons that fall in the
 * range (coupons accruing during it included), and every futures margin read. Everything comes
 * back in a fixed order (uids as given, then by date), so the same cache gives the same input.
 */
import type { Instrument } from '../core/instrument.ts';
import type { Coupon, Dividend, FuturesMargin } from '../core/instrument-economics.ts';
import { EconomicsCache } from './economics-cache.ts';
import type { CandleStore } from './store.ts';

/** A margin read of one contract. */
export type InstrumentMargin = FuturesMargin & { instrumentUid: string };

/** What loadEconomics returns. */
export interface CachedEconomics {
  /** The cached instruments among the uids asked for, in that order, each with its spec. */
  instruments: Instrument[];
  /** Dividends with record date in [from, to), by instrument then date. */
  dividends: Dividend[];
  /** Coupons paid in [from, to) or accruing during it, by instrument then date. */
  coupons: Coupon[];
  /** Every margin read of the futures among them, by instrument then read time. */
  margins: InstrumentMargin[];
  /** Uids asked for that the cache has no instrument row for. */
  missing: string[];
}

/**
 * Reads the economics of `uids` over [from, to) (epoch ms) from the cache. A uid the cache does
 * not know is listed in `missing` rather than thrown, so the caller words the hint.
 */
export function loadEconomics(
  store: CandleStore,
  uids: readonly string[],
  from: number,
  to: number,
): CachedEconomics {
  const cache = new EconomicsCache(store);
  const out: CachedEconomics = { instruments: [], dividends: [], coupons: [], margins: [], missing: [] };
  for (const uid of new Set(uids)) {
    const instrument = store.getInstrument(uid);
    if (!instrument) {
      out.missing.push(uid);
      continue;
    }
    out.instruments.push(instrument);
    out.dividends.push(...cache.dividends(uid, from, to));
    out.coupons.push(...cache.coupons(uid, from, to));
    out.margins.push(...cache.margins(uid).map((m) => ({ instrumentUid: uid, ...m })));
  }
  return out;
}
