import { describe, expect, it } from 'vitest';
import { batchFromCandles } from '../../core/candle.ts';
import { TlabError } from '../../core/errors.ts';
import { SeriesHistory } from './series-history.ts';

const batch = batchFromCandles(
  [1, 2, 3, 4, 5].map((k) => ({
    time: k * 60_000,
    open: k,
    high: k + 0.5,
    low: k - 0.5,
    close: k + 0.25,
    volume: k * 10,
  })),
);

describe('SeriesHistory', () => {
  it('keeps the last `capacity` candles, index 0 the most recent', () => {
    const h = new SeriesHistory(3);
    for (let i = 0; i < 2; i++) h.pushFrom(batch, i);
    expect(h.size).toBe(2);
    expect(h.close(0)).toBe(2.25);
    expect(h.close(1)).toBe(1.25);
    for (let i = 2; i < 5; i++) h.pushFrom(batch, i);
    expect(h.size).toBe(3);
    expect([h.time(0), h.time(1), h.time(2)]).toEqual([300_000, 240_000, 180_000]);
    expect(h.candle(1)).toEqual({
      time: 240_000,
      open: 4,
      high: 4.5,
      low: 3.5,
      close: 4.25,
      volume: 40,
    });
    expect(Array.from(h.values('close'))).toEqual([3.25, 4.25, 5.25]);
    expect(Array.from(h.values('volume', 2))).toEqual([40, 50]);
  });

  it('refuses indices outside what it holds, naming the fix', () => {
    const h = new SeriesHistory(3);
    h.pushFrom(batch, 0);
    expect(() => h.close(1)).toThrow(TlabError);
    expect(() => h.close(1)).toThrow(/outside the 1 candles held/);
    expect(() => h.close(-1)).toThrow(TlabError);
  });
});
