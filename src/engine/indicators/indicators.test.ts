import { BollingerBands, EMA, RSI, SMA } from 'technicalindicators';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../core/errors.ts';
import { SeededRandom } from '../../core/random.ts';
import { indicators } from './index.ts';

/** A seeded price path with ties and flat stretches, where rounding differences would show. */
function prices(n: number, seed = 7): number[] {
  const r = new SeededRandom(seed);
  const out: number[] = [];
  let p = 250;
  for (let i = 0; i < n; i++) {
    if (r.next() > 0.1) p = Math.max(1, p + Math.round(r.normal() * 50) / 100);
    out.push(p);
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

  it('SMA bit for bit', () => {
    for (const period of [1, 2, 10, 30]) {
      const [a, b] = both(xs, indicators.sma(period), new SMA({ period, values: [] }));
      expect(a).toEqual(b);
    }
  });

  it('EMA bit for bit', () => {
    for (const period of [3, 12, 26]) {
      const [a, b] = both(xs, indicators.ema(period), new EMA({ period, values: [] }));
      expect(a).toEqual(b);
    }
  });

  it('RSI bit for bit (rounded to 2 decimals as the library does)', () => {
    for (const period of [2, 14]) {
      const [a, b] = both(xs, indicators.rsi(period), new RSI({ period, values: [] }));
      expect(a).toEqual(b);
      expect(a.filter((v) => v !== undefined).length).toBe(xs.length - period);
    }
  });

  it('Bollinger bands to 1e-9', () => {
    const ours = indicators.bollinger(20, 2);
    const theirs = new BollingerBands({ period: 20, stdDev: 2, values: [] });
    for (const x of xs) {
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
