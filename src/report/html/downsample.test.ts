import { describe, expect, it } from 'vitest';
import { batchFromCandles } from '../../core/candle.ts';
import type { Candle } from '../../core/candle.ts';
import { candleIndexAt, downsampleCandles, downsampleLine, drawdownPercent } from './downsample.ts';

const T0 = Date.UTC(2024, 0, 8, 7);
const minutes = (n: number): Candle[] =>
  Array.from({ length: n }, (_, i) => ({
    time: T0 + i * 60_000,
    open: 100 + i,
    high: 101 + i + (i === 70 ? 50 : 0),
    low: 99 + i - (i === 75 ? 40 : 0),
    close: 100.5 + i,
    volume: 1,
  }));

describe('price downsampling', () => {
  it('keeps a short series as given (times in seconds)', () => {
    const d = downsampleCandles(minutes(3), 10);
    expect(d.bucketMs).toBeNull();
    expect(d.candles[1]).toEqual([T0 / 1000 + 60, 101, 102, 100, 101.5, 1]);
  });
  it('aggregates to the smallest interval that fits, with exact OHLC per bucket', () => {
    const d = downsampleCandles(minutes(240), 30);
    expect(d.bucketMs).toBe(15 * 60_000);
    expect(d.candles).toHaveLength(16);
    // Bucket 4 covers minutes 60..74: opens at 160, its high has the spike at minute 70, and its
    // volume is the sum of its 15 minutes.
    expect(d.candles[4]).toEqual([T0 / 1000 + 3600, 160, 221, 159, 174.5, 15]);
    expect(d.candles[5][3]).toBe(134);
  });
  it('reads columnar batches the same as candle arrays', () => {
    const c = minutes(500);
    expect(downsampleCandles(batchFromCandles(c), 50)).toEqual(downsampleCandles(c, 50));
  });
  it('finds the chart candle containing an instant', () => {
    const { candles } = downsampleCandles(minutes(240), 30);
    expect(candleIndexAt(candles, T0 / 1000 + 3600 + 14 * 60)).toBe(4);
    expect(candleIndexAt(candles, T0 / 1000 - 5)).toBe(0);
  });
});

describe('line downsampling', () => {
  const n = 100_000;
  const time = Float64Array.from({ length: n }, (_, i) => T0 + i * 60_000);
  const value = Float64Array.from({ length: n }, (_, i) => 1000 + Math.sin(i / 500) * 10);
  value[31_337] = 5000;
  value[77_777] = -3000;

  it('fits the budget, keeps ends and extremes, and keeps times strictly increasing', () => {
    const pts = downsampleLine(time, value, { maxPoints: 1000 });
    expect(pts.length).toBeLessThanOrEqual(1000);
    expect(pts[0]).toEqual([T0 / 1000, 1000]);
    expect(pts[pts.length - 1][0]).toBe((T0 + (n - 1) * 60_000) / 1000);
    expect(pts.some((p) => p[1] === 5000)).toBe(true);
    expect(pts.some((p) => p[1] === -3000)).toBe(true);
    for (let i = 1; i < pts.length; i++) expect(pts[i][0]).toBeGreaterThan(pts[i - 1][0]);
  });
  it('keeps the last value of repeated instants and skips non-finite values', () => {
    const pts = downsampleLine([0, 1000, 1000, 2000], [1, 2, 3, Number.NaN]);
    expect(pts).toEqual([
      [0, 1],
      [1, 3],
    ]);
  });
});

describe('drawdown', () => {
  it('measures from the running peak, which starts at the starting cash', () => {
    const dd = drawdownPercent([90, 110, 99, 121], 100);
    expect(Array.from(dd, (x) => Number(x.toFixed(6)))).toEqual([-10, 0, -10, 0]);
  });
});
