/**
 * @module Future / Etf / Bond / Currency messages <-> core Instrument with its kind's spec
 * (FuturesSpec, BondSpec, CurrencySpec). A future's price is in points and its step's money value
 * is min_price_increment_amount; a bond's price is in percent of its nominal.
 */
import type { Instrument } from '../../core/instrument.ts';
import type { BondSpec, FuturesMargin, FuturesSpec } from '../../core/instrument-economics.ts';
import {
  Bond,
  Currency,
  Etf,
  Future,
} from '../generated/tinkoff/public/invest/api/contract/v1/instruments.ts';
import { commonFields, commonToCore } from './instrument.ts';
import { moneyFromCore, moneyToCore, numberToQuotation, quotationToNumber } from './quotation.ts';
import { msToTimestamp, timestampToMs } from './timestamp.ts';

const PHYSICAL = 'physical_delivery';
const CASH = 'cash_settlement';

const ts = (ms: number | undefined) => (ms === undefined ? undefined : msToTimestamp(ms));

/**
 * A Future as a core Instrument with its FuturesSpec. The contract's own initial-margin fields
 * become the spec's margin only when `readAt` says when they were read (the caller's clock).
 */
export function futureToCore(f: Future, readAt?: number): Instrument {
  const spec: FuturesSpec = {
    basicAsset: f.basicAsset,
    basicAssetSize: quotationToNumber(f.basicAssetSize),
    minPriceIncrementAmount: quotationToNumber(f.minPriceIncrementAmount),
    lastTradeDate: timestampToMs(f.lastTradeDate) ?? 0,
    expirationDate: timestampToMs(f.expirationDate) ?? 0,
    settlement: f.futuresType === PHYSICAL ? 'physical' : 'cash',
  };
  const first = timestampToMs(f.firstTradeDate);
  if (first !== undefined) spec.firstTradeDate = first;
  if (readAt !== undefined && (f.initialMarginOnBuy || f.initialMarginOnSell))
    spec.margin = {
      initialMarginOnBuy: moneyToCore(f.initialMarginOnBuy).value,
      initialMarginOnSell: moneyToCore(f.initialMarginOnSell).value,
      readAt,
    };
  return { ...commonToCore(f, 'futures'), futures: spec };
}

/** A core futures Instrument as a Future message; `margin` fills its initial-margin fields. */
export function futureFromCore(
  i: Instrument,
  margin?: FuturesMargin,
  extra: Partial<Future> = {},
): Future {
  const f = i.futures;
  const { isin: _noIsin, ...common } = commonFields(i);
  return Future.fromPartial({
    ...common,
    ...(f && {
      basicAsset: f.basicAsset,
      basicAssetSize: numberToQuotation(f.basicAssetSize),
      minPriceIncrementAmount: numberToQuotation(f.minPriceIncrementAmount),
      firstTradeDate: ts(f.firstTradeDate),
      lastTradeDate: ts(f.lastTradeDate),
      expirationDate: ts(f.expirationDate),
      futuresType: f.settlement === 'physical' ? PHYSICAL : CASH,
    }),
    ...(margin && {
      initialMarginOnBuy: moneyFromCore(margin.initialMarginOnBuy, i.currency),
      initialMarginOnSell: moneyFromCore(margin.initialMarginOnSell, i.currency),
    }),
    ...extra,
  });
}

/** An Etf as a core Instrument. */
export function etfToCore(e: Etf): Instrument {
  return commonToCore(e, 'etf');
}

/** A core ETF Instrument as an Etf message. */
export function etfFromCore(i: Instrument, extra: Partial<Etf> = {}): Etf {
  return Etf.fromPartial({ ...commonFields(i), ...extra });
}

/** A Bond as a core Instrument with its BondSpec (nominal as it is now, after any amortization). */
export function bondToCore(b: Bond): Instrument {
  const nominal = moneyToCore(b.nominal);
  const spec: BondSpec = {
    nominal: nominal.value,
    nominalCurrency: nominal.currency || b.currency.toLowerCase(),
    couponsPerYear: b.couponQuantityPerYear,
    floatingCoupon: b.floatingCouponFlag,
    amortization: b.amortizationFlag,
    perpetual: b.perpetualFlag,
  };
  const maturity = timestampToMs(b.maturityDate);
  const placement = timestampToMs(b.placementDate);
  if (maturity !== undefined) spec.maturityDate = maturity;
  if (placement !== undefined) spec.placementDate = placement;
  return { ...commonToCore(b, 'bond'), bond: spec };
}

/** A core bond Instrument as a Bond message. */
export function bondFromCore(i: Instrument, extra: Partial<Bond> = {}): Bond {
  const b = i.bond;
  return Bond.fromPartial({
    ...commonFields(i),
    ...(b && {
      nominal: moneyFromCore(b.nominal, b.nominalCurrency),
      initialNominal: moneyFromCore(b.nominal, b.nominalCurrency),
      couponQuantityPerYear: b.couponsPerYear,
      maturityDate: ts(b.maturityDate),
      placementDate: ts(b.placementDate),
      floatingCouponFlag: b.floatingCoupon,
      amortizationFlag: b.amortization,
      perpetualFlag: b.perpetual,
    }),
    ...extra,
  });
}

/** A Currency as a core Instrument with its CurrencySpec. */
export function currencyToCore(c: Currency): Instrument {
  const nominal = moneyToCore(c.nominal);
  return {
    ...commonToCore(c, 'currency'),
    currencyPair: { isoCurrencyName: c.isoCurrencyName.toLowerCase(), nominal: nominal.value || 1 },
  };
}

/** A core currency Instrument as a Currency message. */
export function currencyFromCore(i: Instrument, extra: Partial<Currency> = {}): Currency {
  const c = i.currencyPair;
  return Currency.fromPartial({
    ...commonFields(i),
    ...(c && {
      isoCurrencyName: c.isoCurrencyName,
      nominal: moneyFromCore(c.nominal, c.isoCurrencyName),
    }),
    ...extra,
  });
}
