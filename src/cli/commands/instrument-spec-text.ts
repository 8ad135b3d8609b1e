/**
 * @module The kind-specific lines `tlab instruments show` prints under the common spec: a
 * future's underlying, step value, value of a point, trading dates and GO; a bond's nominal,
 * maturity, coupons and next coupon; a currency pair's traded currency.
 */
import type { Instrument } from '../../core/instrument.ts';
import type { Coupon } from '../../core/instrument-economics.ts';
import { isoUtc } from '../../core/time.ts';

const date = (t?: number) => (t === undefined ? '—' : isoUtc(t));
/** A quotient printed without binary noise (18.2456 / 10 is 1.82456, not 1.8245600000000002). */
const ratio = (a: number, b: number) => (b > 0 ? String(Number((a / b).toPrecision(12))) : '—');
const row = (label: string, value: string) => `  ${label.padEnd(19)}${value}`;

/** The lines of `i`'s kind spec (none for a kind without one); `nextCoupon` for a bond. */
export function specLines(i: Instrument, nextCoupon?: Coupon): string[] {
  const f = i.futures;
  if (f) {
    const lines = [
      row('underlying', `${f.basicAsset} × ${f.basicAssetSize} (${f.settlement} settlement)`),
      row(
        'step value',
        `${f.minPriceIncrementAmount} ${i.currency} per ${i.minPriceIncrement} points`,
      ),
      row('point value', `${ratio(f.minPriceIncrementAmount, i.minPriceIncrement)} ${i.currency}`),
      row('trading', `${date(f.firstTradeDate)} .. ${date(f.lastTradeDate)}`),
      row('expiration', date(f.expirationDate)),
    ];
    if (f.margin)
      lines.push(
        row(
          'GO buy / sell',
          `${f.margin.initialMarginOnBuy} / ${f.margin.initialMarginOnSell} ${i.currency} (read ${date(f.margin.readAt)})`,
        ),
      );
    return lines;
  }
  const b = i.bond;
  if (b) {
    const flags = [
      b.floatingCoupon && 'floating coupon',
      b.amortization && 'amortization',
      b.perpetual && 'perpetual',
    ]
      .filter(Boolean)
      .join(', ');
    const lines = [
      row('nominal', `${b.nominal} ${b.nominalCurrency} (prices in % of it)`),
      row('placed / matures', `${date(b.placementDate)} / ${date(b.maturityDate)}`),
      row('coupons per year', `${b.couponsPerYear}${flags ? ` (${flags})` : ''}`),
    ];
    if (nextCoupon)
      lines.push(
        row(
          'next coupon',
          `#${nextCoupon.number} ${nextCoupon.perBond} ${b.nominalCurrency} on ${date(nextCoupon.couponDate)}`,
        ),
      );
    return lines;
  }
  const c = i.currencyPair;
  if (c)
    return [row('currency bought', `${c.nominal} ${c.isoCurrencyName} per unit, ${i.lot} a lot`)];
  return [];
}
