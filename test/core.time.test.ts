import { describe, expect, it } from 'vitest';
import { alignTime, closeTime } from '../src/core/interval.ts';
import { parseUtc, isoUtc } from '../src/core/time.ts';
import { parseRange } from '../src/cli/options/range.ts';
import { snapToStep, stepDecimals } from '../src/core/instrument.ts';
import { UsageError } from '../src/core/errors.ts';

describe('time parsing', () => {
  it('reads date-only values as 00:00 UTC and date-times without offset as UTC', () => {
    expect(parseUtc('2024-03-01')).toBe(Date.UTC(2024, 2, 1));
    expect(parseUtc('2024-03-01T10:30')).toBe(Date.UTC(2024, 2, 1, 10, 30));
    expect(parseUtc('2024-03-01T10:30:00+03:00')).toBe(Date.UTC(2024, 2, 1, 7, 30));
  });
  it('rejects garbage, reversed ranges and future starts with usage errors', () => {
    const now = Date.UTC(2025, 0, 1);
    expect(() => parseUtc('yesterday')).toThrow(UsageError);
    expect(() => parseRange('2024-02-01', '2024-01-01', now)).toThrow(/not before/);
    expect(() => parseRange('2026-01-01', undefined, now)).toThrow(/future/);
    expect(parseRange('2024-01-01', undefined, now)).toEqual({
      from: Date.UTC(2024, 0, 1),
      to: now,
    });
  });
  it('prints ISO UTC without zero milliseconds', () => {
    expect(isoUtc(Date.UTC(2024, 0, 2, 7, 0))).toBe('2024-01-02T07:00:00Z');
  });
});

describe('interval alignment', () => {
  it('aligns weeks to Monday and months to the 1st', () => {
    const wed = Date.UTC(2024, 0, 10, 12);
    expect(alignTime('1w', wed)).toBe(Date.UTC(2024, 0, 8));
    expect(alignTime('1M', wed)).toBe(Date.UTC(2024, 0, 1));
    expect(closeTime('1M', Date.UTC(2024, 0, 1))).toBe(Date.UTC(2024, 1, 1));
    expect(alignTime('4h', Date.UTC(2024, 0, 10, 7, 59))).toBe(Date.UTC(2024, 0, 10, 4));
  });
});

describe('price steps', () => {
  it('snaps to the step exactly in decimal terms', () => {
    expect(stepDecimals(0.01)).toBe(2);
    expect(stepDecimals(0.0005)).toBe(4);
    expect(stepDecimals(1e-7)).toBe(7);
    expect(snapToStep(268.0149, 0.01)).toBe(268.01);
    expect(snapToStep(0.02345, 0.0005)).toBe(0.0235);
    expect(snapToStep(268.0149, 0)).toBe(268.0149);
  });
});
