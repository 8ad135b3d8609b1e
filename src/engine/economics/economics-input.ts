/**
 * @module What a backtest takes beyond candles to account for instrument economics: the dividends
 * and coupons of its instruments (in the core shapes of src/core/instrument-economics.ts, as the
 * cache or the API give them), the dividend tax rate and the run's base currency. The futures,
 * bond and currency specs ride on the instruments themselves.
 */
import type { Coupon, Dividend } from '../../core/instrument-economics.ts';

/** Dividend tax withheld from a long position's dividends by default: 13%, the RU resident rate. */
export const DEFAULT_DIVIDEND_TAX = 0.13;

/** The base currency when a run's instruments trade in several: the rouble. */
export const DEFAULT_BASE_CURRENCY = 'rub';

/** Economic inputs of one run; every field is optional. */
export interface EconomicsInput {
  /** Dividends of the run's shares and ETFs (others' are ignored). */
  dividends?: readonly Dividend[];
  /** Coupons of the run's bonds (others' are ignored). */
  coupons?: readonly Coupon[];
  /**
   * Fraction of a dividend withheld as tax from a long position (default 0.13); a short pays the
   * gross amount. 0 gives gross dividends.
   */
  dividendTax?: number;
  /** Currency equity and metrics are stated in (default: the instruments' one currency, else rub). */
  baseCurrency?: string;
}
