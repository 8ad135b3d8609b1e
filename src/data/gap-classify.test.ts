import { describe, expect, it } from 'vitest';
import { SessionCalendar } from '../core/session-calendar.ts';
import { classifyGaps } from './gap-classify.ts';

const at = (d: number, h: number, m = 0) => Date.UTC(2024, 0, d, h, m);

describe('classifyGaps', () => {
  it('tells a closed night, a quiet minute and a never-fetched hour apart (1h series)', () => {
    // Friday 5 Jan 2024 covered; Monday 8 Jan not. Hours with candles: Fri 07..15 except 10, 16..20.
    const times = [7, 8, 9, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20].map((h) => at(5, h));
    times.push(at(8, 7));
    const covered = [{ from: at(5, 0), to: at(6, 0) }];
    const g = classifyGaps(times, '1h', covered, new SessionCalendar('MOEX'))!;
    // Slots run from Fri 00:00 to Mon 08:00. Fri: 00..05 closed (06:00 overlaps the 06:50 auction,
    // so it is a session hour without trades), 10 no trades, 21..23 closed; Sat and Sun closed;
    // Mon 00..05 closed, 06 is in a session and not covered: missing.
    expect(g.noTrades).toEqual({ gaps: 2, slots: 2 });
    expect(g.missingData).toEqual({ gaps: 1, slots: 1 });
    // Fri 00-06 (6), then Fri 21 .. Mon 06 (3 + 48 + 6 = 57): two closed runs.
    expect(g.closed).toEqual({ gaps: 2, slots: 63 });
    expect(g.samples).toEqual([
      { kind: 'noTrades', from: at(5, 6), to: at(5, 7) },
      { kind: 'noTrades', from: at(5, 10), to: at(5, 11) },
      { kind: 'missingData', from: at(8, 6), to: at(8, 7) },
    ]);
    expect(g.standardDays).toBe(4);
  });

  it('does not classify weekly series', () => {
    expect(classifyGaps([at(1, 0)], '1w', [], new SessionCalendar('MOEX'))).toBeUndefined();
  });
});

describe('classifyGaps on day candles stamped at 07:00', () => {
  it('puts each candle in its UTC day: Mon-Fri held, the weekend closed', () => {
    const times = [8, 9, 10, 11, 12, 15].map((d) => Date.UTC(2024, 0, d, 7));
    const covered = [{ from: Date.UTC(2024, 0, 8), to: Date.UTC(2024, 0, 16) }];
    const g = classifyGaps(times, '1d', covered, new SessionCalendar('MOEX'))!;
    expect(g.closed).toEqual({ gaps: 1, slots: 2 });
    expect(g.noTrades).toEqual({ gaps: 0, slots: 0 });
  });
});
