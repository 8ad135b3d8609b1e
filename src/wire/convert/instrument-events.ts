/**
 * @module GetDividends / GetBondCoupons / GetFuturesMargin / GetAccruedInterests answers <->
 * core Dividend, Coupon, FuturesMargin and AccruedInterest. A dividend the API marks `Cancelled`
 * is never paid, so it does not become a core Dividend.
 */
import type {
  AccruedInterest,
  Coupon,
  Dividend,
  FuturesMargin,
} from '../../core/instrument-economics.ts';
import {
  AccruedInterest as AccruedInterestMsg,
  Coupon as CouponMsg,
  CouponType,
  Dividend as DividendMsg,
  GetFuturesMarginResponse,
} from '../generated/tinkoff/public/invest/api/contract/v1/instruments.ts';
import { moneyFromCore, moneyToCore, numberToQuotation, quotationToNumber } from './quotation.ts';
import { msToTimestamp, timestampToMs } from './timestamp.ts';

const DAY = 86_400_000;
const ts = (ms: number | undefined) => (ms === undefined ? undefined : msToTimestamp(ms));

/** A Dividend message of `instrumentUid` as a core Dividend; undefined for a cancelled or undated one. */
export function dividendToCore(d: DividendMsg, instrumentUid: string): Dividend | undefined {
  const record = timestampToMs(d.recordDate);
  if (record === undefined || /cancel/i.test(d.dividendType)) return undefined;
  const amount = moneyToCore(d.dividendNet);
  const out: Dividend = {
    instrumentUid,
    recordDate: record,
    perShare: amount.value,
    currency: amount.currency,
  };
  const lastBuy = timestampToMs(d.lastBuyDate);
  const payment = timestampToMs(d.paymentDate);
  if (lastBuy !== undefined) out.lastBuyDate = lastBuy;
  if (payment !== undefined) out.paymentDate = payment;
  return out;
}

/** A core Dividend as a Dividend message (regular cash). */
export function dividendFromCore(d: Dividend, extra: Partial<DividendMsg> = {}): DividendMsg {
  return DividendMsg.fromPartial({
    dividendNet: moneyFromCore(d.perShare, d.currency),
    recordDate: msToTimestamp(d.recordDate),
    lastBuyDate: ts(d.lastBuyDate),
    paymentDate: ts(d.paymentDate),
    dividendType: 'Regular Cash',
    ...extra,
  });
}

/** A Coupon message of `instrumentUid` as a core Coupon; undefined when it has no date. */
export function couponToCore(c: CouponMsg, instrumentUid: string): Coupon | undefined {
  const date = timestampToMs(c.couponDate);
  if (date === undefined) return undefined;
  const out: Coupon = {
    instrumentUid,
    couponDate: date,
    number: c.couponNumber,
    perBond: moneyToCore(c.payOneBond).value,
  };
  const fix = timestampToMs(c.fixDate);
  const start = timestampToMs(c.couponStartDate);
  const end = timestampToMs(c.couponEndDate);
  if (fix !== undefined) out.fixDate = fix;
  if (start !== undefined) out.periodStart = start;
  if (end !== undefined) out.periodEnd = end;
  return out;
}

/** A core Coupon as a Coupon message of the bond with `figi`, paid in `currency`. */
export function couponFromCore(c: Coupon, figi: string, currency: string): CouponMsg {
  const period =
    c.periodStart !== undefined && c.periodEnd !== undefined
      ? Math.round((c.periodEnd - c.periodStart) / DAY)
      : 0;
  return CouponMsg.fromPartial({
    figi,
    couponDate: msToTimestamp(c.couponDate),
    couponNumber: c.number,
    fixDate: ts(c.fixDate),
    payOneBond: moneyFromCore(c.perBond, currency),
    couponType: CouponType.COUPON_TYPE_CONSTANT,
    couponStartDate: ts(c.periodStart),
    couponEndDate: ts(c.periodEnd),
    couponPeriod: period,
  });
}

/** A GetFuturesMargin answer as a core FuturesMargin read at `readAt`. */
export function futuresMarginToCore(r: GetFuturesMarginResponse, readAt: number): FuturesMargin {
  return {
    initialMarginOnBuy: moneyToCore(r.initialMarginOnBuy).value,
    initialMarginOnSell: moneyToCore(r.initialMarginOnSell).value,
    readAt,
  };
}

/** A core FuturesMargin with the contract's step and step value as a GetFuturesMargin answer. */
export function futuresMarginFromCore(
  m: FuturesMargin,
  currency: string,
  step: { minPriceIncrement: number; minPriceIncrementAmount: number },
): GetFuturesMarginResponse {
  return GetFuturesMarginResponse.fromPartial({
    initialMarginOnBuy: moneyFromCore(m.initialMarginOnBuy, currency),
    initialMarginOnSell: moneyFromCore(m.initialMarginOnSell, currency),
    minPriceIncrement: numberToQuotation(step.minPriceIncrement),
    minPriceIncrementAmount: numberToQuotation(step.minPriceIncrementAmount),
  });
}

/** An AccruedInterest message as a core AccruedInterest (undated entries read as day 0). */
export function accruedInterestToCore(a: AccruedInterestMsg): AccruedInterest {
  return {
    date: timestampToMs(a.date) ?? 0,
    value: quotationToNumber(a.value),
    valuePercent: quotationToNumber(a.valuePercent),
    nominal: quotationToNumber(a.nominal),
  };
}

/** A core AccruedInterest as an AccruedInterest message. */
export function accruedInterestFromCore(a: AccruedInterest): AccruedInterestMsg {
  return AccruedInterestMsg.fromPartial({
    date: msToTimestamp(a.date),
    value: numberToQuotation(a.value),
    valuePercent: numberToQuotation(a.valuePercent),
    nominal: numberToQuotation(a.nominal),
  });
}
