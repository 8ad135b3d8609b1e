import { describe, expect, it } from 'vitest';
import { requestWindows, WINDOW_MS } from './windows.ts';

const D = 86_400_000;
const t0 = Date.UTC(2024, 0, 1);

describe('requestWindows', () => {
  it('cuts 1m ranges at UTC midnights and keeps partial first/last days', () => {
    const w = requestWindows('1m', [{ from: t0 + 10 * 3_600_000, to: t0 + 2 * D + 3_600_000 }]);
    expect(w).toEqual([
      { from: t0 + 10 * 3_600_000, to: t0 + D },
      { from: t0 + D, to: t0 + 2 * D },
      { from: t0 + 2 * D, to: t0 + 2 * D + 3_600_000 },
    ]);
  });
  it('never exceeds the window for the interval and covers the range exactly', () => {
    for (const interval of ['5m', '1h', '1d'] as const) {
      const range = { from: t0 + 12_345_000, to: t0 + 4000 * D };
      const w = requestWindows(interval, [range]);
      expect(w.every((x) => x.to - x.from <= WINDOW_MS[interval] && x.to > x.from)).toBe(true);
      for (let i = 1; i < w.length; i++) expect(w[i].from).toBe(w[i - 1].to);
      expect(w[w.length - 1].to).toBe(range.to);
    }
  });
  it('widens the start to the candle containing it', () => {
    const [first] = requestWindows('1h', [{ from: t0 + 90 * 60_000, to: t0 + 5 * 3_600_000 }]);
    expect(first.from).toBe(t0 + 3_600_000);
  });
});
