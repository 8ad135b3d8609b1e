/** @module Tests for strict ISO date parsing: every field must survive a round trip. */
import { describe, expect, it } from 'vitest';
import { UsageError } from './errors.ts';
import { parseUtc } from './time.ts';

describe('parseUtc is strict', () => {
  it('accepts real dates, leap days included', () => {
    expect(parseUtc('2024-02-29')).toBe(Date.UTC(2024, 1, 29));
    expect(parseUtc('2025-12-31T23:59:59Z')).toBe(Date.UTC(2025, 11, 31, 23, 59, 59));
    expect(parseUtc('2025-01-01T00:30+03:00')).toBe(Date.UTC(2024, 11, 31, 21, 30));
  });
  it.each([
    ['2025-02-30', /day 30 .*February 2025/],
    ['2025-02-29', /day 29 .*February 2025/],
    ['2025-04-31', /day 31 .*April 2025/],
    ['2025-00-10', /month 00/],
    ['2025-13-01', /month 13/],
    ['2025-01-00', /day 00/],
    ['2025-01-01T25:00', /hour 25/],
    ['2025-01-01T24:00', /hour 24/],
    ['2025-01-01T10:60', /minute 60/],
    ['2025-01-01T10:00:61', /second 61/],
    ['2025-01-01T10:00+25:00', /offset/],
  ])('rejects %s naming the field', (text, field) => {
    expect(() => parseUtc(text, '--from')).toThrow(UsageError);
    expect(() => parseUtc(text, '--from')).toThrow(field);
    expect(() => parseUtc(text, '--from')).toThrow(
      new RegExp(`^--from '${text.replace(/[+]/g, '\\+')}'`),
    );
  });
});
