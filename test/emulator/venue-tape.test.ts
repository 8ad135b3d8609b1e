/**
 * The venue's trade tape and book: consistent with the minute candles (first trade at the open,
 * last at the close, all inside the range and on the tick grid, lots summing to the volume, so the
 * trades aggregate back to the candle exactly), deterministic from the seed, and a book whose best
 * prices sit around the last trade. Checked on the synthetic market and on a cache-like source.
 */
import { describe, expect, it } from 'vitest';
import type { Candle } from '../../src/core/candle.ts';
import type { Instrument } from '../../src/core/instrument.ts';
import { isOnStep } from '../../src/core/instrument.ts';
import { aggregate } from '../../src/core/aggregate.ts';
import { SyntheticMarket, type MarketSource } from '../../src/emulator/index.ts';
import { CandleTape } from '../../src/emulator/venue/candle-tape.ts';
import type { TapeTrade } from '../../src/emulator/venue/venue-ports.ts';

const MINUTE = 60_000;
const DAY = 86_400_000;
const WED = Date.UTC(2024, 9, 2);
const SBER = 'e6123145-9665-43e0-8413-cd61b8aa9b13';

/** Folds trades into a 1-minute candle the way an exchange does. */
function candleOf(trades: readonly TapeTrade[], time: number): Candle {
  return aggregate(
    trades.map((t) => ({
      time,
      open: t.price,
      high: t.price,
      low: t.price,
      close: t.price,
      volume: t.lots,
    })),
    '1m',
  )[0];
}

function checkMinute(c: Candle, trades: TapeTrade[], step: number): void {
  expect(trades.length).toBeGreaterThan(0);
  expect(trades[0].price).toBe(c.open);
  expect(trades[trades.length - 1].price).toBe(c.close);
  expect(candleOf(trades, c.time)).toEqual(c);
  for (let i = 0; i < trades.length; i++) {
    const t = trades[i];
    expect(t.time).toBeGreaterThanOrEqual(c.time);
    expect(t.time).toBeLessThan(c.time + MINUTE);
    if (i > 0) expect(t.time).toBeGreaterThan(trades[i - 1].time);
    expect(Number.isInteger(t.lots) && t.lots > 0).toBe(true);
    if (step > 0) expect(isOnStep(t.price, step)).toBe(true);
  }
}

describe('CandleTape over the synthetic market', () => {
  const market = new SyntheticMarket(4);
  const tape = new CandleTape(market, 4);

  it('gives every minute of a day trades that aggregate back to its candle exactly', () => {
    const listed = market.instruments().filter((i) => market.isListed(i.uid, WED));
    expect(listed.map((i) => i.ticker)).toEqual(
      expect.arrayContaining(['SBER', 'SiZ4', 'SU26238RMFS4', 'CNYRUB_TOM']),
    );
    for (const inst of listed) {
      const day = market.minuteCandles(inst.uid, WED, WED + DAY);
      expect(day.length).toBeGreaterThan(600);
      const all = tape.trades(inst.uid, WED, WED + DAY);
      expect(all.reduce((s, t) => s + t.lots, 0)).toBe(day.reduce((s, c) => s + c.volume, 0));
      for (const c of day) {
        checkMinute(
          c,
          all.filter((t) => t.time >= c.time && t.time < c.time + MINUTE),
          inst.minPriceIncrement,
        );
      }
    }
  });

  it('answers a sub-range with exactly the matching trades, and is deterministic from the seed', () => {
    const from = WED + 9 * 3_600_000 + 17_123;
    const to = from + 5 * MINUTE + 999;
    const all = tape.trades(SBER, WED, WED + DAY);
    expect(tape.trades(SBER, from, to)).toEqual(all.filter((t) => t.time >= from && t.time < to));
    const again = new CandleTape(new SyntheticMarket(4), 4).trades(SBER, from, to);
    expect(again).toEqual(tape.trades(SBER, from, to));
    const other = new CandleTape(new SyntheticMarket(4), 5).trades(SBER, from, to);
    expect(other.map((t) => t.time)).not.toEqual(again.map((t) => t.time));
  });

  it('finds the last trade at or before an instant, across nights and weekends', () => {
    const at = WED + 10 * 3_600_000 + 30_000;
    const minute = tape.trades(SBER, at - 30_000, at + 30_000);
    const before = minute.filter((t) => t.time <= at);
    const last = tape.lastTrade(SBER, at)!;
    if (before.length > 0) expect(last).toEqual(before[before.length - 1]);
    else expect(last.time).toBeLessThan(at - 30_000);
    const sat = Date.UTC(2024, 9, 5, 12);
    const fri = tape.trades(SBER, Date.UTC(2024, 9, 4), Date.UTC(2024, 9, 5));
    expect(tape.lastTrade(SBER, sat)).toEqual(fri[fri.length - 1]);
    expect(tape.lastTrade('unknown', sat)).toBeUndefined();
  });

  it('builds a book around the last trade: bid <= last <= ask, sorted levels, on the grid', () => {
    for (let m = 0; m < 120; m += 7) {
      const at = WED + 8 * 3_600_000 + m * MINUTE + 12_345;
      const last = tape.lastTrade(SBER, at)!;
      const book = tape.book(SBER, at, 20)!;
      expect(book.time).toBe(last.time);
      expect(book.bids).toHaveLength(20);
      expect(book.asks).toHaveLength(20);
      expect(book.bids[0].price).toBeLessThanOrEqual(last.price);
      expect(book.asks[0].price).toBeGreaterThanOrEqual(last.price);
      expect(book.asks[0].price).toBeGreaterThan(book.bids[0].price);
      expect(book.asks[0].price - book.bids[0].price).toBeLessThanOrEqual(0.02 + 1e-9);
      for (let i = 1; i < 20; i++) {
        expect(book.bids[i].price).toBeLessThan(book.bids[i - 1].price);
        expect(book.asks[i].price).toBeGreaterThan(book.asks[i - 1].price);
      }
      for (const l of [...book.bids, ...book.asks]) {
        expect(isOnStep(l.price, 0.01)).toBe(true);
        expect(Number.isInteger(l.lots) && l.lots > 0).toBe(true);
      }
      expect(tape.book(SBER, at, 20)).toEqual(book);
    }
    expect(tape.book(SBER, WED + 9 * 3_600_000, 0)!.bids).toHaveLength(1);
    expect(tape.book(SBER, WED + 9 * 3_600_000, 80)!.asks).toHaveLength(50);
  });

  it('has no book while the exchange is closed', () => {
    expect(tape.book(SBER, WED + 3 * 3_600_000, 10)).toBeUndefined();
    expect(tape.book(SBER, Date.UTC(2024, 9, 5, 12), 10)).toBeUndefined();
  });
});

describe('CandleTape over a cache-like source', () => {
  const inst = (uid: string, step: number): Instrument =>
    ({
      uid,
      figi: uid,
      ticker: uid,
      classCode: 'TQBR',
      minPriceIncrement: step,
      lot: 1,
    }) as Instrument;
  const t0 = WED + 7 * 3_600_000;
  const candles: Candle[] = [
    { time: t0, open: 100.5, high: 101.25, low: 99.75, close: 100, volume: 5000 },
    { time: t0 + MINUTE, open: 100, high: 100, low: 100, close: 100, volume: 1 },
    { time: t0 + 2 * MINUTE, open: 100, high: 100.5, low: 99.5, close: 100.25, volume: 4 },
    { time: t0 + 3 * MINUTE, open: 100, high: 100.5, low: 99.5, close: 100.25, volume: 3 },
    { time: t0 + 4 * MINUTE, open: 100, high: 100.5, low: 100, close: 100.25, volume: 2 },
  ];
  const source = (step: number): MarketSource => ({
    instruments: () => [inst('X', step)],
    minuteCandles: (uid, from, to) =>
      uid === 'X'
        ? candles.filter((c) => c.time >= from && c.time < to).map((c) => ({ ...c }))
        : [],
  });

  it('derives consistent trades from cached minutes, with or without a price step', () => {
    for (const step of [0.25, 0]) {
      const tape = new CandleTape(source(step), 1);
      for (const c of candles.slice(0, 3))
        checkMinute(c, tape.trades('X', c.time, c.time + MINUTE), step);
    }
  });

  it('keeps open, close and volume when a candle has fewer lots than distinct prices', () => {
    const tape = new CandleTape(source(0.25), 1);
    const three = tape.trades('X', t0 + 3 * MINUTE, t0 + 4 * MINUTE);
    expect(three.map((t) => t.price)).toEqual([100, 100.5, 100.25]);
    const two = tape.trades('X', t0 + 4 * MINUTE, t0 + 5 * MINUTE);
    expect(two.map((t) => [t.price, t.lots])).toEqual([
      [100, 1],
      [100.25, 1],
    ]);
  });
});
