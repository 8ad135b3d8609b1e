/** @module Tests for the run list's period text. */
import { describe, expect, it } from 'vitest';
import { periodText } from './runs-format.ts';

describe('periodText', () => {
  it('writes both ends, and a run started without --until/--for as until stopped', () => {
    const from = Date.UTC(2024, 0, 1);
    expect(periodText(from, Date.UTC(2024, 1, 1))).toBe(
      '2024-01-01T00:00:00Z → 2024-02-01T00:00:00Z',
    );
    // Before: isoUtc(Infinity) threw "Invalid time value" and `tlab runs` failed on such a run.
    expect(periodText(from, Infinity)).toBe('2024-01-01T00:00:00Z → until stopped');
  });
});
