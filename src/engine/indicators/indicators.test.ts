import { BollingerBands, EMA, RSI, SMA } from 'technicalindicators';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../core/errors.ts';
import { SeededRandom } from '../../core/random.ts';
import { indicators } from './index.ts';

/**
 * A seeded price path with ties and flat stretches, where rounding differences would show. The
 * default path accumulates float steps, so it drifts off the decimal grid (the float fallback);
 * with `per` (ticks per unit) it stays on the grid: prices are whole ticks / per.
 */
function prices(n: number, seed = 7, per?: number): number[] {
  const r = new SeededRandom(seed);
  const out: number[] = [];
  let p = 250;
  let ticks = 250 * (per ?? 1);
  for (let i = 0; i < n; i++) {
    if (r.next() > 0.1) {
      p = Math.max(1, p + Math.round(r.normal() * 50) / 100);
      ticks = Math.max(1, ticks + Math.round(r.normal() * 5));
    }
    out.push(per === undefined ? p : ticks / per);
  }
  return out;
}

/** Feeds both implementations the same inputs and returns the two output sequences. */
function both<T>(
  xs: number[],
  ours: { nextValue(x: number): T | undefined },
  theirs: { nextValue(x: number): T | undefined },
) {
  return [xs.map((x) => ours.nextValue(x)), xs.map((x) => theirs.nextValue(x))];
}

describe('streaming indicators agree with technicalindicators', () => {
  const xs = prices(3000);

  it('SMA bit for bit where both are exact (whole and quarter prices: float sums are exact too)', () => {
    for (const per of [1, 4]) {
      const grid = prices(3000, 11, per);
      for (const period of [1, 2, 10, 30]) {
        const ours = indicators.sma(period);
        const [a, b] = both(grid, ours, new SMA({ period, values: [] }));
        expect(a).toEqual(b);
        expect(ours.exact).toBe(true);
      }
    }
  });

  it('SMA off the decimal grid falls back to float sums, to 1e-9', () => {
    for (const period of [1, 2, 10, 30]) {
      const ours = indicators.sma(period);
      const [a, b] = both(xs, ours, new SMA({ period, values: [] }));
      a.forEach((v, i) => {
        if (v === undefined) expect(b[i]).toBeUndefined();
        else expect(v).toBeCloseTo(b[i] as number, 9);
      });
      expect(ours.exact).toBe(false);
    }
  });

  it('SMA on a 0.01 grid differs from the float running sum only by its rounding error', () => {
    const grid = prices(3000, 5, 100);
    for (const period of [2, 10, 30]) {
      const ours = indicators.sma(period);
      const [a, b] = both(grid, ours, new SMA({ period, values: [] }));
      a.forEach((v, i) => {
        if (v === undefined) expect(b[i]).toBeUndefined();
        else expect(Math.abs(v - (b[i] as number))).toBeLessThan(1e-9);
      });
      expect(a.some((v, i) => v !== b[i])).toBe(true); // the float sum does drift here
      expect(ours.exact).toBe(true);
    }
  });

  it('EMA bit for bit where the seeding SMA is exact in both', () => {
    for (const series of [prices(3000, 3, 1), prices(3000, 11, 4)]) {
      for (const period of [3, 12, 26]) {
        const [a, b] = both(series, indicators.ema(period), new EMA({ period, values: [] }));
        expect(a).toEqual(b);
      }
    }
  });

  it('RSI bit for bit (rounded to 2 decimals as the library does)', () => {
    for (const period of [2, 14]) {
      const [a, b] = both(xs, indicators.rsi(period), new RSI({ period, values: [] }));
      expect(a).toEqual(b);
      expect(a.filter((v) => v !== undefined).length).toBe(xs.length - period);
    }
  });

  it('Bollinger bands to 1e-9, off the grid and on it', () => {
    const ours = indicators.bollinger(20, 2);
    const theirs = new BollingerBands({ period: 20, stdDev: 2, values: [] });
    for (const x of [...xs, ...prices(3000, 5, 100)]) {
      const a = ours.nextValue(x);
      const b = theirs.nextValue(x);
      if (b === undefined) {
        expect(a).toBeUndefined();
        continue;
      }
      expect(a?.middle).toBeCloseTo(b.middle, 9);
      expect(a?.upper).toBeCloseTo(b.upper, 9);
      expect(a?.lower).toBeCloseTo(b.lower, 9);
    }
  });
});

describe('rolling extremes', () => {
  it('match a naive window maximum and minimum', () => {
    const xs = prices(2000, 3);
    for (const period of [1, 5, 20]) {
      const hi = indicators.highest(period);
      const lo = indicators.lowest(period);
      xs.forEach((x, i) => {
        const h = hi.nextValue(x);
        const l = lo.nextValue(x);
        if (i < period - 1) {
          expect(h).toBeUndefined();
          return;
        }
        const win = xs.slice(i - period + 1, i + 1);
        expect(h).toBe(Math.max(...win));
        expect(l).toBe(Math.min(...win));
      });
    }
  });

  it('refuses a bad period', () => {
    expect(() => indicators.sma(0)).toThrow(UsageError);
    expect(() => indicators.highest(2.5)).toThrow(UsageError);
  });
});
