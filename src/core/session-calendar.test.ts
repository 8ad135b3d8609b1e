import { describe, expect, it } from 'vitest';
import type { TradingDay } from './instrument-economics.ts';
import { SessionCalendar } from './session-calendar.ts';
import { selectionKinds, standardTradingDay } from './trading-sessions.ts';

const at = (d: number, h: number, m = 0) => Date.UTC(2024, 0, d, h, m);
const MAIN = selectionKinds('main');
const MAIN_EVENING = selectionKinds('main+evening');

describe('SessionCalendar', () => {
  it('falls back to the standard MOEX day: 06:50-15:50 and 16:00-20:50 UTC on weekdays', () => {
    const cal = new SessionCalendar('MOEX');
    // 2024-01-05 is a Friday, 2024-01-06 a Saturday.
    expect(cal.sessionAt(at(5, 6, 49))).toBeUndefined();
    expect(cal.sessionAt(at(5, 6, 50))).toBe('opening');
    expect(cal.sessionAt(at(5, 15, 49))).toBe('main');
    expect(cal.sessionAt(at(5, 15, 50))).toBeUndefined();
    expect(cal.sessionAt(at(5, 16, 0), MAIN)).toBeUndefined();
    expect(cal.sessionAt(at(5, 16, 0), MAIN_EVENING)).toBe('evening');
    expect(cal.sessionAt(at(6, 10, 0))).toBeUndefined();
    expect(cal.fallbackDays).toBe(2);
    // A day candle overlaps the day's sessions; a Saturday's does not.
    expect(cal.overlaps(at(5, 0), at(6, 0), MAIN)).toBe(true);
    expect(cal.overlaps(at(6, 0), at(7, 0), MAIN_EVENING)).toBe(false);
    // After Friday's close the next main session is Monday 06:50.
    expect(cal.nextOpen(at(5, 15, 50), MAIN)).toBe(at(8, 6, 50));
    expect(cal.nextOpen(at(5, 15, 50), MAIN_EVENING)).toBe(at(5, 16, 0));
    expect(cal.nextOpen(at(5, 12, 0), MAIN)).toBe(at(5, 12, 0));
  });

  it('prefers cached days: a weekend session and a holiday', () => {
    const cached = new Map<number, TradingDay>([
      [
        at(6, 0),
        {
          exchange: 'X',
          date: at(6, 0),
          isTradingDay: true,
          sessions: [{ kind: 'weekend', start: at(6, 7), end: at(6, 16) }],
        },
      ],
      [at(8, 0), { exchange: 'X', date: at(8, 0), isTradingDay: false, sessions: [] }],
    ]);
    const cal = new SessionCalendar('X', (_e, date) => cached.get(date));
    expect(cal.sessionAt(at(6, 8))).toBe('weekend');
    expect(cal.sessionAt(at(6, 8), MAIN_EVENING)).toBeUndefined();
    expect(cal.sessionAt(at(8, 8))).toBeUndefined();
    expect(cal.nextOpen(at(5, 21), MAIN)).toBe(at(9, 6, 50));
    expect(cal.fallbackDays).toBe(3); // the 5th, 7th and 9th came from the standard day
  });

  it('knows the derivatives and currency markets apart', () => {
    expect(
      standardTradingDay('FORTS_EVENING', at(5, 12)).sessions.map(
        (s) => s.kind + '@' + new Date(s.start).toISOString().slice(11, 16),
      ),
    ).toEqual(['opening@06:00', 'main@07:00', 'evening@16:05']);
    expect(standardTradingDay('FX', at(5, 12)).sessions.at(-1)?.end).toBe(at(5, 16));
  });
});
