import { describe, expect, it } from 'vitest';
import type { TradingDay } from '../core/instrument-economics.ts';
import { ScheduleRepo } from './schedule-repo.ts';
import { openStore } from './store.ts';

const at = (d: number, h: number, m = 0) => Date.UTC(2025, 2, d, h, m);

describe('ScheduleRepo', () => {
  it('stores days per exchange and date, replaces a rewritten day, and feeds a calendar', () => {
    const store = openStore(':memory:');
    const repo = new ScheduleRepo(store.db);
    const sat: TradingDay = {
      exchange: 'MOEX_WEEKEND',
      date: at(8, 0),
      isTradingDay: true,
      sessions: [{ kind: 'weekend', start: at(8, 7), end: at(8, 16) }],
    };
    const closed: TradingDay = { exchange: 'MOEX_WEEKEND', date: at(10, 0), isTradingDay: true, sessions: [] };
    expect(repo.write([sat, closed], 'test')).toBe(2);
    repo.write([{ ...closed, isTradingDay: false }], 'test');
    expect(repo.day('MOEX_WEEKEND', at(8, 12))).toEqual(sat);
    expect(repo.day('MOEX', at(8, 12))).toBeUndefined();
    expect(repo.days('MOEX_WEEKEND', { from: at(8, 5), to: at(11, 0) }).map((d) => d.isTradingDay)).toEqual([true, false]);
    const cal = repo.calendarFor({ exchange: 'MOEX_WEEKEND' });
    expect(cal.sessionAt(at(8, 10))).toBe('weekend');
    expect(cal.sessionAt(at(10, 10))).toBeUndefined(); // a cached holiday
    expect(cal.sessionAt(at(11, 10))).toBe('main'); // not cached: the standard day
    expect(cal.fallbackDays).toBe(1);
    store.close();
  });
});
