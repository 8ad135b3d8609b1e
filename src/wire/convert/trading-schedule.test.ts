import { describe, expect, it } from 'vitest';
import type { TradingDay } from '../../core/instrument-economics.ts';
import { msToTimestamp } from './timestamp.ts';
import { tradingDayFromCore, tradingDayToCore } from './trading-schedule.ts';

const t = (d: number, h: number, m = 0) => msToTimestamp(Date.UTC(2025, 2, d, h, m));
const ms = (d: number, h: number, m = 0) => Date.UTC(2025, 2, d, h, m);

describe('TradingSchedules day conversion', () => {
  it('reads a MOEX_PLUS weekday: auction, main with its closing auction, evening', () => {
    const day = tradingDayToCore('MOEX_PLUS', {
      date: t(7, 0),
      isTradingDay: true,
      startTime: t(7, 6, 50),
      endTime: t(7, 15, 40),
      openingAuctionStartTime: t(7, 6, 50),
      openingAuctionEndTime: t(7, 7, 0),
      closingAuctionStartTime: t(7, 15, 40),
      closingAuctionEndTime: t(7, 15, 50),
      eveningOpeningAuctionStartTime: t(7, 16, 0),
      eveningStartTime: t(7, 16, 5),
      eveningEndTime: t(7, 20, 50),
      premarketStartTime: t(7, 4, 0),
      premarketEndTime: t(7, 6, 50),
      intervals: [],
    });
    expect(day).toEqual({
      exchange: 'MOEX_PLUS',
      date: ms(7, 0),
      isTradingDay: true,
      sessions: [
        { kind: 'other', start: ms(7, 4), end: ms(7, 6, 50) },
        { kind: 'opening', start: ms(7, 6, 50), end: ms(7, 7) },
        { kind: 'main', start: ms(7, 7), end: ms(7, 15, 50) },
        { kind: 'evening', start: ms(7, 16), end: ms(7, 20, 50) },
      ],
    });
  });

  it('calls a Saturday of a WEEKEND venue a weekend session, a closed day has none', () => {
    const sat = tradingDayToCore('MOEX_EVENING_WEEKEND', {
      date: t(8, 0),
      isTradingDay: true,
      startTime: t(8, 7),
      endTime: t(8, 16),
      intervals: [],
    });
    expect(sat.sessions).toEqual([{ kind: 'weekend', start: ms(8, 7), end: ms(8, 16) }]);
    expect(
      tradingDayToCore('MOEX', {
        date: t(8, 0),
        isTradingDay: false,
        startTime: t(8, 7),
        intervals: [],
      }).sessions,
    ).toEqual([]);
  });

  it('writes a core day that reads back unchanged', () => {
    const day: TradingDay = {
      exchange: 'MOEX',
      date: ms(10, 0),
      isTradingDay: true,
      sessions: [
        { kind: 'opening', start: ms(10, 6, 50), end: ms(10, 7) },
        { kind: 'main', start: ms(10, 7), end: ms(10, 15, 50) },
        { kind: 'evening', start: ms(10, 16), end: ms(10, 20, 50) },
      ],
    };
    expect(tradingDayToCore('MOEX', tradingDayFromCore(day))).toEqual(day);
  });
});
