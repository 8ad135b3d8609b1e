/** @module Tests for exact Quotation / MoneyValue conversion. */
import { describe, expect, it } from 'vitest';
import { decimalToNanos, nanosToDecimal, numberToDecimal } from './decimal.ts';
import {
  moneyFromCore,
  moneyToCore,
  moneyToString,
  numberToQuotation,
  quotationToNumber,
  quotationToString,
  stringToQuotation,
} from './quotation.ts';

describe('decimal strings', () => {
  it('parses and formats exactly, trimming zeros', () => {
    expect(decimalToNanos('268.05')).toBe(268_050_000_000n);
    expect(decimalToNanos('-0.000000001')).toBe(-1n);
    expect(decimalToNanos('.5')).toBe(500_000_000n);
    expect(nanosToDecimal(-500_000_000n)).toBe('-0.5');
    expect(nanosToDecimal(3_000_000_000n)).toBe('3');
    expect(nanosToDecimal(0n)).toBe('0');
  });
  it('rounds beyond 9 decimals half away from zero', () => {
    expect(decimalToNanos('0.0000000015')).toBe(2n);
    expect(decimalToNanos('-0.0000000015')).toBe(-2n);
    expect(decimalToNanos('0.0000000014999')).toBe(1n);
  });
  it('rejects text that is not a plain decimal', () => {
    for (const bad of ['', 'abc', '1e5', '1.2.3', '--1', '0x10']) {
      expect(() => decimalToNanos(bad), bad).toThrow(/not a plain decimal/);
    }
  });
  it('writes numbers without exponents', () => {
    expect(numberToDecimal(1e-7)).toBe('0.0000001');
    expect(numberToDecimal(-1.5e-9)).toBe('-0.0000000015');
    expect(numberToDecimal(1e21)).toBe('1000000000000000000000');
    expect(numberToDecimal(1.25e22)).toBe('12500000000000000000000');
    expect(numberToDecimal(0.1)).toBe('0.1');
    expect(() => numberToDecimal(NaN)).toThrow(/finite/);
  });
});

describe('Quotation', () => {
  it('keeps both parts same-signed for negatives, including units=0, nano<0', () => {
    expect(numberToQuotation(-0.5)).toEqual({ units: 0, nano: -500_000_000 });
    expect(numberToQuotation(-12.25)).toEqual({ units: -12, nano: -250_000_000 });
    expect(quotationToNumber({ units: 0, nano: -1 })).toBe(-1e-9);
    expect(quotationToString({ units: 0, nano: -1 })).toBe('-0.000000001');
    expect(quotationToString({ units: -3, nano: -10 })).toBe('-3.00000001');
    expect(numberToQuotation(0)).toEqual({ units: 0, nano: 0 });
    expect(Object.is(numberToQuotation(-0).units, -0)).toBe(false);
  });
  it('handles large units exactly through strings', () => {
    const q = stringToQuotation('9007199254.123456789');
    expect(q).toEqual({ units: 9_007_199_254, nano: 123_456_789 });
    expect(quotationToString(q)).toBe('9007199254.123456789');
    expect(stringToQuotation('-9007199254740991.999999999')).toEqual({
      units: -9_007_199_254_740_991,
      nano: -999_999_999,
    });
    expect(() => stringToQuotation('9007199254740992')).toThrow(/out of range/);
    // The number path gives the double nearest the exact decimal.
    expect(quotationToNumber({ units: 9_007_199_254, nano: 123_456_789 })).toBe(
      Number('9007199254.123456789'),
    );
    expect(numberToQuotation(123456789.5)).toEqual({ units: 123_456_789, nano: 500_000_000 });
  });
  it('round-trips every price with up to 9 decimals exactly (string and number paths)', () => {
    let seed = 12345;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
    for (let i = 0; i < 20_000; i++) {
      const decimals = next() % 10;
      const intPart = next() % (i % 3 === 0 ? 100_000_000 : 10_000);
      const frac = decimals ? `.${String(next()).padStart(10, '0').slice(0, decimals)}` : '';
      const text = `${i % 2 ? '-' : ''}${intPart}${frac}`;
      const q = stringToQuotation(text);
      expect(Number(quotationToString(q))).toBe(Number(text));
      const n = Number(text);
      expect(quotationToNumber(q)).toBe(n);
      if (intPart < 10_000_000) expect(numberToQuotation(n)).toEqual(q);
    }
  });
  it('agrees with Number() on typical MOEX prices', () => {
    for (const p of ['268.05', '0.0005', '3156.5', '0.1', '0.3', '99.99', '1234567.891']) {
      const q = stringToQuotation(p);
      expect(quotationToNumber(q)).toBe(Number(p));
      expect(numberToQuotation(Number(p))).toEqual(q);
      expect(quotationToString(numberToQuotation(Number(p)))).toBe(p);
    }
  });
  it('reads an absent Quotation as zero', () => {
    expect(quotationToNumber(undefined)).toBe(0);
    expect(quotationToString(undefined)).toBe('0');
  });
});

describe('MoneyValue', () => {
  it('converts with its own field layout and lower-case currency', () => {
    const m = moneyFromCore(-1500.75, 'RUB');
    expect(m).toEqual({ currency: 'rub', units: -1500, nano: -750_000_000 });
    expect(moneyToCore(m)).toEqual({ value: -1500.75, currency: 'rub' });
    expect(moneyToString(m)).toBe('-1500.75');
    expect(moneyToCore(undefined)).toEqual({ value: 0, currency: '' });
  });
});
