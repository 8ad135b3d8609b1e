import { describe, expect, it } from 'vitest';
import { closeTime, INTERVALS } from '../../core/interval.ts';
import { aggregate } from '../../core/aggregate.ts';
import { CandleQuery } from './candle-query.ts';
import { SyntheticMarket } from './synthetic-market.ts';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const SBER = 'e6123145-9665-43e0-8413-cd61b8aa9b13';
const MON = Date.UTC(2024, 8, 23);
const LATER = Date.UTC(2025, 0, 1);

describe('aggregate', () => {
  it('folds candles into open-first, close-last, max, min, summed volume', () => {
    const out = aggregate(
      [
        { time: 0, open: 10, high: 12, low: 9, close: 11, volume: 3 },
        { time: 60_000, open: 11, high: 15, low: 10, close: 14, volume: 4 },
        { time: 120_000, open: 14, high: 14, low: 8, close: 9, volume: 5 },
      ],
      '1h',
    );
    expect(out).toEqual([{ time: 0, open: 10, high: 15, low: 8, close: 9, volume: 12 }]);
  });
});

describe('CandleQuery', () => {
  const market = new SyntheticMarket(3);
  const q = new CandleQuery(market);

  it('makes a 1h candle equal to the aggregation of its 1m candles', () => {
    const hours = q.candles(SBER, '1h', MON, MON + DAY, LATER);
    expect(hours.length).toBeGreaterThan(10);
    for (const h of hours) {
      const minutes = market.minuteCandles(SBER, h.time, h.time + HOUR);
      expect(minutes.length).toBeGreaterThan(0);
      expect(minutes.length).toBeLessThanOrEqual(60);
      expect(h).toEqual(aggregate(minutes, '1h')[0]);
    }
  });

  it('selects by open time in [from, to) for every interval', () => {
    const from = MON + 7 * HOUR + 7 * 60_000;
    const to = MON + 3 * DAY + 13 * HOUR + 30 * 60_000;
    for (const interval of INTERVALS) {
      const got = q.candles(SBER, interval, from, to, LATER);
      expect(got.filter((c) => c.time < from || c.time >= to)).toEqual([]);
      if (interval !== '1w' && interval !== '1M') expect(got.length).toBeGreaterThan(0);
    }
    const mins = q.candles(SBER, '1m', MON + 7 * HOUR, MON + 7 * HOUR + 60_000, LATER);
    expect(mins.map((c) => c.time)).toEqual([MON + 7 * HOUR]);
  });

  it('builds weeks and months out of the same days', () => {
    const days = q.candles(SBER, '1d', Date.UTC(2024, 0, 1), Date.UTC(2024, 3, 1), LATER);
    const months = q.candles(SBER, '1M', Date.UTC(2024, 0, 1), Date.UTC(2024, 3, 1), LATER);
    expect(months).toEqual(aggregate(days, '1M'));
    expect(months.map((m) => m.time)).toEqual([
      Date.UTC(2024, 0, 1),
      Date.UTC(2024, 1, 1),
      Date.UTC(2024, 2, 1),
    ]);
    const weeks = q.candles(SBER, '1w', MON, MON + 14 * DAY, LATER);
    expect(weeks.map((w) => w.time)).toEqual([MON, MON + 7 * DAY]);
    expect(weeks[0]).toEqual(aggregate(q.candles(SBER, '1d', MON, MON + 7 * DAY, LATER), '1w')[0]);
  });

  it('returns only complete candles: nothing closes after now', () => {
    const now = MON + 10 * HOUR + 30 * 60_000 + 5_000;
    for (const interval of INTERVALS) {
      const got = q.candles(SBER, interval, MON - 40 * DAY, MON + DAY, now);
      expect(got.filter((c) => closeTime(interval, c.time) > now)).toEqual([]);
    }
    const mins = q.candles(SBER, '1m', MON, MON + DAY, now);
    expect(mins[mins.length - 1].time).toBe(now - 5_000 - 60_000);
    const hours = q.candles(SBER, '1h', MON, MON + DAY, now);
    expect(hours[hours.length - 1].time).toBe(MON + 9 * HOUR);
  });
});
