import { describe, expect, it } from 'vitest';
import { candleProblem } from './candle-validate.ts';

const c = (time: number) => ({ time, open: 10, high: 11, low: 9, close: 10.5, volume: 3 });

describe('candleProblem grid rule', () => {
  it('requires intraday candles on the grid', () => {
    expect(candleProblem('1h', c(Date.UTC(2024, 0, 2, 7, 30)))).toMatch(/not on the 1h grid/);
    expect(candleProblem('1h', c(Date.UTC(2024, 0, 2, 7)))).toBeUndefined();
  });
  it('accepts day, week and month candles stamped at the session start, as the API sends them', () => {
    expect(candleProblem('1d', c(Date.UTC(2024, 0, 2, 7)))).toBeUndefined();
    expect(candleProblem('1w', c(Date.UTC(2024, 0, 8, 7)))).toBeUndefined();
    expect(candleProblem('1M', c(Date.UTC(2024, 1, 1, 7)))).toBeUndefined();
  });
});
