/**
 * @module Quotation and MoneyValue <-> numbers and exact decimal strings. Number conversions give
 * the double nearest to the exact decimal (the same double `Number("268.05")` gives), so prices
 * from GetCandles and from the CSV archive compare equal.
 */
import type {
  MoneyValue,
  Quotation,
} from '../generated/tinkoff/public/invest/api/contract/v1/common.ts';
import {
  FAST_LIMIT,
  decimalToNanos,
  joinNanos,
  nanosToDecimal,
  numberToDecimal,
  splitNanos,
} from './decimal.ts';

/**
 * Quotation as a number. An absent Quotation (proto3 unset message) reads as 0.
 * Exact for values below 1e6: one integer division by 1e9 is correctly rounded.
 */
export function quotationToNumber(q: Quotation | undefined): number {
  if (!q) return 0;
  const { units, nano } = q;
  if (nano === 0) return units;
  if (Math.abs(units) < FAST_LIMIT) return (units * 1e9 + nano) / 1e9;
  return Number(nanosToDecimal(joinNanos(units, nano)));
}

/** A number as a Quotation, exact for every number whose shortest form has up to 9 decimals. */
export function numberToQuotation(value: number): Quotation {
  if (Number.isFinite(value) && Math.abs(value) < FAST_LIMIT) {
    // |value| < 1e6: the product's error stays far below 0.5 nano, so rounding is exact.
    const total = Math.round(value * 1e9);
    const units = Math.trunc(total / 1e9) || 0;
    return { units, nano: total - units * 1e9 || 0 };
  }
  return splitNanos(decimalToNanos(numberToDecimal(value)));
}

/** Quotation as its exact shortest decimal string (`-0.5`, `268.05`). */
export function quotationToString(q: Quotation | undefined): string {
  return q ? nanosToDecimal(joinNanos(q.units, q.nano)) : '0';
}

/** A decimal string as an exact Quotation (more than 9 decimals round half away from zero). */
export function stringToQuotation(text: string): Quotation {
  return splitNanos(decimalToNanos(text));
}

/** An amount of money in core terms: a number and a lower-case ISO currency code. */
export interface Money {
  value: number;
  currency: string;
}

/** MoneyValue as a number and currency; an absent MoneyValue reads as 0 with currency ''. */
export function moneyToCore(m: MoneyValue | undefined): Money {
  if (!m) return { value: 0, currency: '' };
  return { value: quotationToNumber(m), currency: m.currency.toLowerCase() };
}

/** A number and currency as a MoneyValue (currency sent lower-case, as the API does). */
export function moneyFromCore(value: number, currency: string): MoneyValue {
  return { currency: currency.toLowerCase(), ...numberToQuotation(value) };
}

/** MoneyValue as its exact decimal string, without the currency. */
export function moneyToString(m: MoneyValue | undefined): string {
  return m ? nanosToDecimal(joinNanos(m.units, m.nano)) : '0';
}
