import { describe, expect, it } from 'vitest';
import { batchFromCandles } from '../core/candle.ts';
import { formatCandleCsv, formatCandleJson, plainDecimal } from './export-format.ts';

describe('plainDecimal', () => {
  it.each([
    [268.87, '268.87'],
    [0.000005, '0.000005'],
    [5e-7, '0.0000005'],
    [1.25e-8, '0.0000000125'],
    [-3e-7, '-0.0000003'],
    [1e21, '1000000000000000000000'],
    [1.5e21, '1500000000000000000000'],
    [17746, '17746'],
    [0, '0'],
  ])('%s → %s', (x, text) => {
    expect(plainDecimal(x)).toBe(text);
    expect(Number(plainDecimal(x))).toBe(x);
  });
});

describe('candle rows', () => {
  const b = batchFromCandles([{ time: Date.UTC(2024, 0, 3, 7), open: 271.75, high: 271.75, low: 271.28, close: 271.43, volume: 14742 }]);
  it('writes CSV in header order with ISO UTC time', () => {
    expect(formatCandleCsv(b, 0)).toBe('2024-01-03T07:00:00Z,271.75,271.75,271.28,271.43,14742\n');
  });
  it('writes JSON that parses back', () => {
    expect(JSON.parse(formatCandleJson(b, 0))).toEqual({ time: '2024-01-03T07:00:00Z', open: 271.75, high: 271.75, low: 271.28, close: 271.43, volume: 14742 });
  });
});
