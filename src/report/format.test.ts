import { describe, expect, it } from 'vitest';
import {
  formatDuration,
  formatMoney,
  formatParams,
  formatPercent,
  formatRatio,
  NONE,
  plainDecimal,
  roundedDecimal,
} from './format.ts';

describe('plain decimals', () => {
  it('never uses exponent notation and round-trips', () => {
    expect(plainDecimal(1e-7)).toBe('0.0000001');
    expect(plainDecimal(-1.5e-9)).toBe('-0.0000000015');
    expect(plainDecimal(1.2345e21)).toBe('1234500000000000000000');
    expect(plainDecimal(123.45)).toBe('123.45');
    expect(plainDecimal(-0)).toBe('0');
    for (const x of [1e-7, 3.3e-12, 6.02e23, 0.1 + 0.2]) expect(Number(plainDecimal(x))).toBe(x);
  });
  it('rounds money to 1e-6 and drops float noise and trailing zeros', () => {
    expect(roundedDecimal(0.1 + 0.2)).toBe('0.3');
    expect(roundedDecimal(99859.37669999998)).toBe('99859.3767');
    expect(roundedDecimal(-0.0000001)).toBe('0');
    expect(roundedDecimal(1e22)).toBe('10000000000000000000000');
    expect(roundedDecimal(Number.NaN)).toBe('');
  });
});

describe('human formats', () => {
  it('shows percentages, ratios and grouped money, and "—" for null or non-finite', () => {
    expect(formatPercent(0.12345)).toBe('12.35%');
    expect(formatPercent(-0.00001)).toBe('0.00%');
    expect(formatRatio(1.005)).toBe('1.00');
    expect(formatMoney(1234567.891)).toBe('1,234,567.89');
    expect(formatMoney(-1000)).toBe('-1,000.00');
    expect(formatMoney(999.999)).toBe('1,000.00');
    for (const f of [formatPercent, formatRatio, formatMoney, formatDuration]) {
      expect(f(null)).toBe(NONE);
      expect(f(Number.POSITIVE_INFINITY)).toBe(NONE);
    }
  });
  it('shows durations as days and hours, hours and minutes, or minutes', () => {
    expect(formatDuration(3 * 86_400_000 + 4 * 3_600_000 + 59_000)).toBe('3d 4h');
    expect(formatDuration(15 * 3_600_000)).toBe('15h 0m');
    expect(formatDuration(90_000)).toBe('2m');
  });
  it('lists parameters sorted by key', () => {
    expect(formatParams({ slow: 30, fast: 10, mode: 'x', on: true })).toBe(
      'fast=10 mode=x on=true slow=30',
    );
  });
});
