/**
 * @module Exact amounts as bigint nanos (value × 1e9) <-> Quotation and MoneyValue. The venue keeps
 * every price, commission and balance in nanos so that sums are exact; these are its only doors to
 * the wire types.
 */
import type {
  MoneyValue,
  Quotation,
} from '../generated/tinkoff/public/invest/api/contract/v1/common.ts';
import { decimalToNanos, joinNanos, numberToDecimal, splitNanos } from './decimal.ts';

/** A Quotation or MoneyValue as nanos; an absent one reads as 0. */
export function quotationToNanos(q: Quotation | MoneyValue | undefined): bigint {
  return q ? joinNanos(q.units, q.nano) : 0n;
}

/** Nanos as a Quotation. */
export function nanosToQuotation(nanos: bigint): Quotation {
  return splitNanos(nanos);
}

/** Nanos in `currency` as a MoneyValue (currency lower-case, as the API sends it). */
export function nanosToMoneyValue(nanos: bigint, currency: string): MoneyValue {
  return { currency: currency.toLowerCase(), ...splitNanos(nanos) };
}

/** A number (a tick-grid price from the tape) as exact nanos of its shortest decimal form. */
export function numberToNanos(value: number): bigint {
  return decimalToNanos(numberToDecimal(value));
}
