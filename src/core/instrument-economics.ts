/**
 * @module What each kind of instrument costs and pays beyond its price, independent of the wire
 * format: a futures contract's point value, margin and expiry; a bond's nominal and coupons; a
 * share's dividends; a currency pair's traded currency; and the exchange's trading sessions. The
 * client and the emulator convert into these shapes, the cache stores them, and the engine's
 * economics read only them. Money amounts are decimals in the instrument's price currency unless a
 * field says otherwise; the engine turns them into exact values on its tick grid.
 */

/** A futures contract's specification (FutureBy/Futures). */
export interface FuturesSpec {
  /** The underlying asset's code as the API sends it (basic_asset), e.g. `USD` for Si. */
  basicAsset: string;
  /** Units of the underlying per contract (basic_asset_size). */
  basicAssetSize: number;
  /**
   * Money value of one price step (min_price_increment_amount), in the instrument's currency; the
   * value of one point is this divided by the price step.
   */
  minPriceIncrementAmount: number;
  /** Epoch ms of the first trading day, when known (first_trade_date). */
  firstTradeDate?: number;
  /** Epoch ms of the last trading day (last_trade_date); no order is filled after it. */
  lastTradeDate: number;
  /** Epoch ms of expiration (expiration_date); open positions settle at the settlement price. */
  expirationDate: number;
  /** How the contract settles (futures_type): `physical` delivery or `cash`. */
  settlement: 'physical' | 'cash';
  /** Initial margin (GO) as GetFuturesMargin last reported it, when read. */
  margin?: FuturesMargin;
}

/** Initial margin (GO) per contract, from GetFuturesMargin, with the time it was read. */
export interface FuturesMargin {
  /** Blocked per contract bought (initial_margin_on_buy). */
  initialMarginOnBuy: number;
  /** Blocked per contract sold short (initial_margin_on_sell). */
  initialMarginOnSell: number;
  /** Epoch ms when the venue was asked; margins change, so a backtest says which it used. */
  readAt: number;
}

/** A bond's specification (BondBy/Bonds); prices of a bond are in percent of `nominal`. */
export interface BondSpec {
  /** Current nominal (face value) of one bond, in `nominalCurrency` (nominal). */
  nominal: number;
  /** ISO code of the nominal's currency, lower-case (nominal.currency). */
  nominalCurrency: string;
  /** Epoch ms of redemption (maturity_date); absent for a perpetual bond. */
  maturityDate?: number;
  /** Epoch ms of placement (placement_date), when known. */
  placementDate?: number;
  /** Coupons per year (coupon_quantity_per_year). */
  couponsPerYear: number;
  floatingCoupon: boolean;
  /** True when the nominal is repaid in parts (amortization_flag). */
  amortization: boolean;
  perpetual: boolean;
}

/** A currency instrument's specification (CurrencyBy/Currencies). */
export interface CurrencySpec {
  /** ISO code of the currency bought and sold, lower-case (iso_currency_name), e.g. `usd`. */
  isoCurrencyName: string;
  /** Units of that currency per unit of the instrument's quote (nominal.units, usually 1). */
  nominal: number;
}

/** One dividend (GetDividends) of a share or an ETF, per share. */
export interface Dividend {
  instrumentUid: string;
  /** Epoch ms of the record date (record_date); holders at its close are paid. */
  recordDate: number;
  /** Epoch ms of the last day a buy still earns the dividend (last_buy_date), when known. */
  lastBuyDate?: number;
  /** Epoch ms of payment (payment_date), when known; cash arrives then. */
  paymentDate?: number;
  /** Amount per share, before tax (dividend_net). */
  perShare: number;
  /** ISO code of the amount's currency, lower-case. */
  currency: string;
}

/** One coupon (GetBondCoupons) of a bond, per bond. */
export interface Coupon {
  instrumentUid: string;
  /** Epoch ms of the coupon date (coupon_date); holders at the record (fix) date are paid then. */
  couponDate: number;
  /** Epoch ms of the record date (fix_date), when known. */
  fixDate?: number;
  /** Coupon number, from 1 (coupon_number). */
  number: number;
  /** Amount per bond (pay_one_bond), in the bond's nominal currency. */
  perBond: number;
  /** Epoch ms the coupon period starts (coupon_start_date), for accrued interest. */
  periodStart?: number;
  /** Epoch ms the coupon period ends (coupon_end_date). */
  periodEnd?: number;
}

/** Kind of a trading session within a day, as our schedules classify them. */
export type SessionKind = 'opening' | 'main' | 'evening' | 'weekend' | 'other';

/** One session of one trading day, [start, end) in epoch ms. */
export interface TradingSession {
  kind: SessionKind;
  start: number;
  end: number;
}

/** One exchange's schedule for one day (TradingSchedules). */
export interface TradingDay {
  exchange: string;
  /** Epoch ms of the day's 00:00 UTC. */
  date: number;
  isTradingDay: boolean;
  /** The day's sessions, in time order; empty on a closed day. */
  sessions: TradingSession[];
}

/** Accrued coupon interest of one bond on one day (GetAccruedInterests). */
export interface AccruedInterest {
  /** Epoch ms of the day. */
  date: number;
  /** Per bond, in the bond's nominal currency. */
  value: number;
  /** In percent of the nominal. */
  valuePercent: number;
  /** The nominal the percentage refers to. */
  nominal: number;
}
