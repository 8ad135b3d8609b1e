// Gap classes from the cache's own facts: never fetched (with the command), never fetched but
// only a weekend, and weekdays a covered range fetched empty; weekend days inside a covered range
// are not gaps at all.
import { describe, expect, it } from 'vitest';
import { classifyGaps } from '../../src/ui/cache/gap-kinds.ts';

const DAY = 86_400_000;
/** Friday 2024-03-01. */
const FRI = Date.UTC(2024, 2, 1);

describe('gap classes', () => {
  it('tells a weekend-only gap from one with trading days, and finds empty weekdays', () => {
    const covered = [
      { from: FRI - 7 * DAY, to: FRI + DAY },
      { from: FRI + 3 * DAY, to: FRI + 8 * DAY },
    ];
    const missing = [{ from: FRI + DAY, to: FRI + 3 * DAY }];
    // Candles on every covered weekday but Tuesday 03-05 and Wednesday 03-06.
    const days = new Set([
      '2024-02-23',
      '2024-02-26',
      '2024-02-27',
      '2024-02-28',
      '2024-02-29',
      '2024-03-01',
      '2024-03-04',
      '2024-03-07',
      '2024-03-08',
    ]);
    const gaps = classifyGaps(missing, covered, days, (r) => `fill ${r.from}`);
    expect(gaps.map((g) => [g.fromIso, g.toIso, g.kind, g.weekdays, g.command])).toEqual([
      [
        '2024-03-02T00:00:00Z',
        '2024-03-04T00:00:00Z',
        'never fetched, weekend only',
        0,
        `fill ${FRI + DAY}`,
      ],
      [
        '2024-03-05T00:00:00Z',
        '2024-03-07T00:00:00Z',
        'fetched, no candles on weekdays',
        2,
        undefined,
      ],
    ]);
  });

  it('counts the weekdays a never-fetched gap touches, partial days included', () => {
    const gaps = classifyGaps(
      [{ from: FRI + 12 * 3_600_000, to: FRI + 4 * DAY }],
      [],
      undefined,
      () => 'x',
    );
    // Friday afternoon, the weekend, Monday.
    expect(gaps.map((g) => [g.kind, g.weekdays])).toEqual([['never fetched', 2]]);
  });
});
