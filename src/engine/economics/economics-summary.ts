/**
 * @module The `economics` section of a BacktestResult: the base currency, cash per currency at the
 * end, the GO still blocked, and per instrument the income the run booked (dividends gross and the
 * tax withheld, coupons, accrued interest net of what was paid, variation margin), each an exact sum
 * in the instrument's currency. It is present only for runs that had economics, so a plain share
 * run's result is unchanged.
 */
import type { EconomicsSummary } from '../result.ts';
import type { EconomicsBook } from './economics-book.ts';

/** Summarises a finished run's economics. */
export function economicsSummary(e: EconomicsBook): EconomicsSummary {
  const cash: Record<string, number> = {};
  e.currencies.forEach((c, k) => {
    cash[c] = e.cash[k].value;
  });
  return {
    baseCurrency: e.currencies[0],
    benchmark: 'total-return',
    dividendTax: e.dividendTax,
    cash,
    marginBlocked: e.blocked(0),
    marginUnknown: e.slots.filter((x) => !x.marginKnown).map((x) => x.ticker),
    instruments: e.slots.map((x, s) => {
      const inc = e.income[s];
      return {
        instrument: x.ticker,
        instrumentUid: e.pf.instruments[s].uid,
        kind: x.kind,
        currency: e.currencies[x.ccy],
        dividends: inc.dividends.value,
        dividendTax: inc.dividendTax.value,
        coupons: inc.coupons.value,
        accruedInterest: inc.accrued.value,
        variationMargin: inc.variationMargin.value,
      };
    }),
  };
}
