import { describe, expect, it } from 'vitest';
import { isOhlcValid } from '../../core/candle.ts';
import { isOnStep } from '../../core/instrument.ts';
import { SyntheticMarket } from './synthetic-market.ts';
import { isTradingMinute } from './schedule.ts';
import { HISTORY_START, SYNTHETIC_CATALOG } from './catalog.ts';
import { stringKey } from './anchor.ts';
import { dayCandles } from './day-path.ts';

const DAY = 86_400_000;
const SBER = 'e6123145-9665-43e0-8413-cd61b8aa9b13';
const MON = Date.UTC(2024, 8, 23); // Monday 2024-09-23

describe('SyntheticMarket', () => {
  const market = new SyntheticMarket(1);

  it('lists the real identifiers and specs of its shares', () => {
    const byTicker = new Map(market.instruments().map((i) => [i.ticker, i]));
    expect(byTicker.get('SBER')).toMatchObject({
      figi: 'BBG004730N88',
      uid: SBER,
      classCode: 'TQBR',
      lot: 10,
      minPriceIncrement: 0.01,
      currency: 'rub',
    });
    expect(byTicker.get('ROSN')).toMatchObject({
      figi: 'BBG004731354',
      lot: 1,
      minPriceIncrement: 0.05,
    });
    expect(byTicker.get('LKOH')).toMatchObject({ figi: 'BBG004731032', minPriceIncrement: 0.5 });
    expect(new Set(market.instruments().map((i) => i.uid)).size).toBe(market.instruments().length);
  });

  it('gives the same candles for the same seed and different ones for another seed', () => {
    const a = new SyntheticMarket(7).minuteCandles(SBER, MON, MON + DAY);
    const b = new SyntheticMarket(7).minuteCandles(SBER, MON, MON + DAY);
    const c = new SyntheticMarket(8).minuteCandles(SBER, MON, MON + DAY);
    expect(a.length).toBeGreaterThan(700);
    expect(b).toEqual(a);
    expect(c.map((x) => x.close)).not.toEqual(a.map((x) => x.close));
  });

  it('puts every candle in a session minute of a weekday, none on the weekend', () => {
    const week = market.minuteCandles(SBER, MON, MON + 7 * DAY);
    expect(week.length).toBeGreaterThan(5 * 700);
    expect(week.filter((c) => !isTradingMinute(c.time))).toEqual([]);
    const weekend = market.minuteCandles(SBER, MON + 5 * DAY, MON + 7 * DAY);
    expect(weekend).toEqual([]);
    expect(market.minuteCandles(SBER, HISTORY_START - 30 * DAY, HISTORY_START)).toEqual([]);
  });

  it('keeps prices on the tick grid with sane OHLC and positive whole volumes', () => {
    const listed = market.instruments().filter((i) => market.isListed(i.uid, MON + DAY));
    expect(new Set(listed.map((i) => i.kind))).toEqual(
      new Set(['share', 'futures', 'etf', 'bond', 'currency']),
    );
    for (const inst of listed) {
      const day = market.minuteCandles(inst.uid, MON + DAY, MON + 2 * DAY);
      expect(day.length).toBeGreaterThan(600);
      const bad = day.filter(
        (c) =>
          !isOhlcValid(c) ||
          ![c.open, c.high, c.low, c.close].every((p) => isOnStep(p, inst.minPriceIncrement)) ||
          !Number.isInteger(c.volume) ||
          c.volume <= 0,
      );
      expect(bad).toEqual([]);
    }
  });

  it('answers a sub-range with exactly the matching part of a larger range', () => {
    const all = market.minuteCandles(SBER, MON, MON + 3 * DAY);
    const from = MON + DAY + 9 * 3_600_000;
    const to = MON + 2 * DAY + 8 * 3_600_000 + 17 * 60_000;
    const part = new SyntheticMarket(1).minuteCandles(SBER, from, to);
    expect(part).toEqual(all.filter((c) => c.time >= from && c.time < to));
    expect(part[0].time).toBeGreaterThanOrEqual(from);
  });

  it('builds a far-future day without walking the years before it', () => {
    const far = Date.UTC(2090, 0, 2);
    const day = new SyntheticMarket(1).minuteCandles(SBER, far, far + DAY);
    expect(day.length).toBeGreaterThan(700);
    expect(day[0].open).toBeGreaterThan(50);
    expect(day[0].open).toBeLessThan(2000);
  });

  it('returns nothing for an unknown uid', () => {
    expect(market.minuteCandles('nope', MON, MON + DAY)).toEqual([]);
  });

  it('lowers SBER by its dividends from each record date on: 25.00 after 2023-05-11, 58.30 from 2024-07-11', () => {
    const sber = SYNTHETIC_CATALOG[0];
    const raw = (day: number) =>
      dayCandles(
        { seed: 1, key: stringKey(sber.instrument.figi), step: 0.01, params: sber.params },
        day / DAY,
      );
    const gap = (day: number) => {
      const shown = market.minuteCandles(SBER, day, day + DAY);
      const path = raw(day);
      expect(shown).toHaveLength(path.length);
      // Whole kopecks: compare in ticks, exactly.
      return [
        ...new Set(
          shown.map((c, i) => Math.round(path.close[i] * 100) - Math.round(c.close * 100)),
        ),
      ];
    };
    expect(gap(Date.UTC(2023, 4, 10))).toEqual([0]);
    expect(gap(Date.UTC(2023, 4, 11))).toEqual([2500]);
    expect(gap(Date.UTC(2024, 6, 10))).toEqual([2500]);
    expect(gap(Date.UTC(2024, 6, 11))).toEqual([5830]);
  });
});
