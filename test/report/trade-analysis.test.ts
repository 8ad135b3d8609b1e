// Per-trade and calendar figures of the report, checked against values worked out by hand or
// straight from the result: merged trade markers, position after fills, MAE/MFE, trade return,
// monthly and yearly returns and the P&L histogram.
import { describe, expect, it } from 'vitest';
import type { Candle } from '../../src/core/candle.ts';
import type { RoundTrip } from '../../src/engine/result.ts';
import { columns, downsampleCandles } from '../../src/report/html/downsample.ts';
import { pnlBins } from '../../src/report/html/pnl-histogram.ts';
import { exposureSeries, positionSeries } from '../../src/report/html/position-series.ts';
import { tradeMarkers } from '../../src/report/html/trade-markers.ts';
import { periodReturns } from '../../src/report/period-returns.ts';
import { excursions, tradeReturnPct } from '../../src/report/trade-excursions.ts';
import { fillsOf, makeCandles, makeResult } from './fixture.ts';

const H = 3_600_000;
const T0 = Date.UTC(2024, 0, 8, 7);

function trip(o: Partial<RoundTrip>): RoundTrip {
  return {
    instrument: 'SBER',
    instrumentUid: 'uid-SBER',
    side: 'long',
    lots: 1,
    entryTime: T0,
    entryPrice: 100,
    exitTime: T0 + 3 * H,
    exitPrice: 101,
    pnl: 0,
    commission: 0,
    ...o,
  };
}

describe('trade markers', () => {
  const candles = downsampleCandles(makeCandles(1000), 5000).candles;
  it('keeps one marker per fill while they fit, and merges neighbours beyond the budget', () => {
    const few = [trip({ entryTime: T0 + 2 * H, exitTime: T0 + 5 * H, side: 'short' })];
    expect(tradeMarkers(few, 'SBER', candles)).toEqual([
      [(T0 + 2 * H) / 1000, 2, 1],
      [(T0 + 5 * H) / 1000, 3, 1],
    ]);
    expect(tradeMarkers(few, 'GAZP', candles)).toEqual([]);
    const many = Array.from({ length: 300 }, (_, k) =>
      trip({ entryTime: T0 + 3 * k * H, exitTime: T0 + (3 * k + 1) * H }),
    );
    const m = tradeMarkers(many, 'SBER', candles, 40);
    expect(m.length).toBeLessThanOrEqual(40);
    expect(m.reduce((n, x) => n + x[2], 0)).toBe(600);
    // 1000 candles in stretches of 50: the first holds 17 entries (hours 0..48) and 17 exits.
    expect(m[0]).toEqual([T0 / 1000, 4, 17]);
    expect(m[1]).toEqual([(T0 + H) / 1000, 5, 17]);
    for (let i = 1; i < m.length; i++) expect(m[i][0]).toBeGreaterThanOrEqual(m[i - 1][0]);
  });
});

describe('position over time', () => {
  it('steps with every fill, nets reversals, and ends at the final position', () => {
    const candles = downsampleCandles(makeCandles(20), 100).candles;
    const trades = [
      trip({ lots: 2, entryTime: T0 + H, exitTime: T0 + 4 * H }),
      trip({ side: 'short', lots: 3, entryTime: T0 + 4 * H, exitTime: T0 + 6 * H }),
    ];
    const fills = [
      ...fillsOf(trades),
      {
        orderId: 'x',
        instrumentUid: 'uid-SBER',
        side: 'buy' as const,
        lots: 5,
        price: 1,
        time: T0 + 9 * H,
        commission: 0,
      },
      {
        orderId: 'y',
        instrumentUid: 'uid-GAZP',
        side: 'buy' as const,
        lots: 7,
        price: 1,
        time: T0 + 2 * H,
        commission: 0,
      },
    ];
    const s = (h: number): number => (T0 + h * H) / 1000;
    // The exit of the long and the entry of the short share a candle: one step from 2 to -3.
    expect(positionSeries(fills, 'uid-SBER', candles)).toEqual([
      [s(0), 0],
      [s(1), 2],
      [s(4), -3],
      [s(6), 0],
      [s(9), 5],
      [s(19), 5],
    ]);
  });
});

describe('exposure over time', () => {
  it('is the position value in % of the equity marked last in each candle', () => {
    const c = (h: number, close: number): [number, number, number, number, number, number] => [
      (T0 + h * H) / 1000,
      close,
      close,
      close,
      close,
      1,
    ];
    const candles = [c(0, 100), c(1, 110), c(2, 120), c(3, 90)];
    const position: [number, number][] = [
      [candles[0][0], 0],
      [candles[1][0], 5],
      [candles[3][0], -2],
    ];
    // Equity marked twice in candle 1 (the later mark counts) and not at all in candle 0.
    const curve = {
      time: [T0 + H, T0 + H + 1000, T0 + 2 * H, T0 + 3 * H],
      equity: [10_000, 11_000, 12_000, 9_000],
    };
    expect(exposureSeries(position, candles, curve, 10)).toEqual([
      [candles[1][0], 50],
      [candles[2][0], 50],
      [candles[3][0], -20],
    ]);
  });
});

describe('excursions and trade return', () => {
  const c = (h: number, high: number, low: number): Candle => ({
    time: T0 + h * H,
    open: 100,
    high,
    low,
    close: 100,
    volume: 1,
  });
  // Candle 3 is the exit candle (filled at its open): its 150 high and 50 low were not held.
  const cols = columns([c(0, 104, 98), c(1, 108, 99), c(2, 103, 95), c(3, 150, 50), c(4, 200, 1)]);
  it('reads the worst and best price while held, signed for the side, in % of the entry', () => {
    expect(excursions(trip({ exitPrice: 101 }), cols)).toEqual({ maePct: -5, mfePct: 8 });
    const short = excursions(trip({ side: 'short', exitPrice: 101 }), cols);
    expect(short.maePct).toBeCloseTo(-8, 12);
    expect(short.mfePct).toBeCloseTo(5, 12);
    // A gap exit beyond every candle of the holding counts: the exit price is part of it.
    expect(excursions(trip({ exitPrice: 90 }), cols)).toEqual({ maePct: -10, mfePct: 8 });
    expect(excursions(trip({}), undefined)).toEqual({ maePct: null, mfePct: null });
  });
  it('returns net P&L over entry value, or nothing without the lot', () => {
    expect(tradeReturnPct(trip({ lots: 2, entryPrice: 250, pnl: 50 }), 10)).toBeCloseTo(1, 12);
    expect(tradeReturnPct(trip({ pnl: 50 }), undefined)).toBeNull();
  });
});

describe('calendar returns', () => {
  it('chains month-end equity from the starting cash and compounds to the total return', () => {
    const at = (y: number, m: number, d: number): number => Date.UTC(y, m, d);
    const time = Float64Array.from([
      at(2023, 11, 5),
      at(2023, 11, 28),
      at(2024, 0, 10),
      at(2024, 2, 1),
    ]);
    const equity = Float64Array.from([101, 110, 99, 121]);
    const benchmark = Float64Array.from([100, 120, 90, 60]);
    const [y23, y24] = periodReturns({ time, equity, benchmark }, 100);
    expect(y23.year).toBe(2023);
    expect(y23.months[11]).toBeCloseTo(0.1, 12);
    expect(y23.total).toBeCloseTo(0.1, 12);
    expect(y23.benchmark).toBeCloseTo(0.2, 12);
    expect(y24.months.slice(0, 3).map((x) => (x === null ? null : Number(x.toFixed(12))))).toEqual([
      -0.1,
      null,
      Number((121 / 99 - 1).toFixed(12)),
    ]);
    expect(y24.total).toBeCloseTo(0.1, 12);
    expect(y24.benchmark).toBeCloseTo(-0.5, 12);
    expect((1 + y23.total) * (1 + y24.total) - 1).toBeCloseTo(121 / 100 - 1, 12);
  });
  it('agrees with the fixture result: the years compound to its total return', () => {
    const r = makeResult(makeCandles(2000));
    const years = periodReturns(r.equity, r.startingCash);
    expect(years.map((y) => y.year)).toEqual([2024]);
    expect(years[0].total).toBeCloseTo(r.metrics.totalReturn as number, 12);
  });
});

describe('P&L histogram', () => {
  it('counts every trade once, on round bins with zero on an edge', () => {
    const pnls = [-250, -120.5, -0.01, 0, 3, 99.99, 100, 480];
    const bins = pnlBins(pnls.map((pnl) => trip({ pnl })));
    expect(bins.reduce((n, b) => n + b.count, 0)).toBe(pnls.length);
    // 8 trades: 5 bins wanted over a 730 span, so a step of 200 (1, 2 or 5 times a power of 10).
    expect(bins.map((b) => [b.from, b.count])).toEqual([
      [-400, 1],
      [-200, 2],
      [0, 4],
      [200, 0],
      [400, 1],
    ]);
    expect(pnlBins([])).toEqual([]);
  });
});
