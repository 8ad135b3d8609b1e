/**
 * @module Unit tests of the search building blocks: grid parsing and expansion, constraints, and the
 * PSR/DSR statistics against values computed by hand from their published formulas.
 */
import { describe, expect, it } from 'vitest';
import { parseConstraints } from './constraint.ts';
import { expandGrid, parseAxis } from './grid.ts';
import {
  deflatedSharpe,
  expectedMaxSharpe,
  probabilisticSharpe,
  returnMoments,
} from './sharpe-stats.ts';

/** Φ by its Taylor series (erf(x) = 2/√π Σ (-1)^k x^(2k+1) / (k! (2k+1))), independent of jstat. */
function phi(z: number): number {
  const x = z / Math.SQRT2;
  let term = x;
  let sum = x;
  for (let k = 1; k < 200; k++) {
    term *= (-x * x) / k;
    sum += term / (2 * k + 1);
  }
  return 0.5 * (1 + (2 / Math.sqrt(Math.PI)) * sum);
}

describe('grid', () => {
  it('expands start:stop:step with the stop included, exactly on decimal steps', () => {
    expect(parseAxis('fast=5:30:5').values).toEqual([5, 10, 15, 20, 25, 30]);
    expect(parseAxis('k=0.1:0.5:0.1').values).toEqual([0.1, 0.2, 0.3, 0.4, 0.5]);
    expect(parseAxis('mode=a,b,true,3').values).toEqual(['a', 'b', true, 3]);
  });

  it('refuses malformed axes and repeated names with one line', () => {
    expect(() => parseAxis('fast')).toThrow(/name=start:stop:step/);
    expect(() => parseAxis('fast=30:5:5')).toThrow(/empty range/);
    expect(() => expandGrid([parseAxis('a=1,2'), parseAxis('a=3')])).toThrow(/twice/);
  });

  it('combines axes with the first varying slowest', () => {
    const g = expandGrid([parseAxis('a=1,2'), parseAxis('b=x,y,z')]);
    expect(g.map((p) => `${p.a}${p.b}`)).toEqual(['1x', '1y', '1z', '2x', '2y', '2z']);
  });
});

describe('constraints', () => {
  it('keeps the combinations that satisfy every comparison', () => {
    const ok = parseConstraints(['fast<slow', 'fast*2<=slow && slow-fast!=30'], ['fast', 'slow']);
    expect(ok({ fast: 10, slow: 30 })).toBe(true);
    expect(ok({ fast: 10, slow: 40 })).toBe(false); // slow - fast = 30
    expect(ok({ fast: 20, slow: 30 })).toBe(false); // 40 > 30
    expect(ok({ fast: 30, slow: 30 })).toBe(false);
  });

  it('names an unknown parameter or a missing comparison', () => {
    expect(() => parseConstraints(['fast<slw'], ['fast', 'slow'])).toThrow(/'slw' is not a grid/);
    expect(() => parseConstraints(['fast+slow'], ['fast', 'slow'])).toThrow(/no comparison/);
  });
});

describe('probabilistic and deflated Sharpe', () => {
  it('PSR follows eq. 11 of Bailey & López de Prado (2012), computed by hand', () => {
    // SR^ = 0.1 per day, n = 253, skew = -0.5, kurtosis = 4, SR* = 0:
    // z = 0.1·√252 / √(1 + 0.5·0.1 + (3/4)·0.01) = 1.587401 / 1.028348 = 1.543690
    const m = { n: 253, sharpe: 0.1, skew: -0.5, kurtosis: 4 };
    const z = (0.1 * Math.sqrt(252)) / Math.sqrt(1 + 0.05 + 0.0075);
    expect(z).toBeCloseTo(1.54369, 5);
    expect(probabilisticSharpe(m)).toBeCloseTo(phi(z), 9);
    expect(probabilisticSharpe(m)).toBeCloseTo(0.9387, 3);
    // against SR* = 0.05: z = 0.05·√252 / 1.028348
    expect(probabilisticSharpe(m, 0.05)).toBeCloseTo(phi((0.05 * Math.sqrt(252)) / 1.028348), 6);
  });

  it('SR0 follows eq. 2 of Bailey & López de Prado (2014), computed by hand', () => {
    // N = 100 trials, V[SR] = 0.0004: SR0 = 0.02·((1-γ)·Φ⁻¹(0.99) + γ·Φ⁻¹(1 - 1/(100e)))
    // Φ⁻¹(0.99) = 2.326348, Φ⁻¹(0.996321) = 2.680 (1 - 1/271.828 = 0.996321)
    const z1 = 2.3263479;
    const z2 = 2.6804; // Φ(2.6804) = 0.996322
    expect(phi(z1)).toBeCloseTo(0.99, 6);
    expect(phi(z2)).toBeCloseTo(1 - 1 / (100 * Math.E), 5);
    const g = 0.5772156649;
    expect(expectedMaxSharpe(100, 0.0004)).toBeCloseTo(0.02 * ((1 - g) * z1 + g * z2), 4);
    expect(expectedMaxSharpe(1, 0.0004)).toBe(0);
  });

  it('DSR is the PSR against SR0, and more trials deflate more', () => {
    const best = { n: 500, sharpe: 0.08, skew: 0, kurtosis: 3 };
    const sharpes = [0.08, 0.01, -0.02, 0.03, 0.05, 0.0, 0.02, -0.01];
    const mean = sharpes.reduce((a, b) => a + b) / 8;
    const v = sharpes.reduce((a, s) => a + (s - mean) ** 2, 0) / 7;
    const sr0 = expectedMaxSharpe(8, v);
    const z = ((0.08 - sr0) * Math.sqrt(499)) / Math.sqrt(1 + (2 / 4) * 0.0064);
    expect(deflatedSharpe(best, sharpes)).toBeCloseTo(phi(z), 6);
    expect(deflatedSharpe(best, sharpes) as number).toBeLessThan(
      probabilisticSharpe(best) as number,
    );
  });

  it('moments of a return sample: Sharpe, skewness, kurtosis', () => {
    const r = [0.01, -0.02, 0.03, 0.0, 0.015];
    const m = returnMoments(r);
    const mean = 0.007;
    const d = r.map((x) => x - mean);
    const m2 = d.reduce((a, x) => a + x * x, 0) / 5;
    expect(m?.sharpe).toBeCloseTo(mean / Math.sqrt((m2 * 5) / 4), 12);
    expect(m?.skew).toBeCloseTo(d.reduce((a, x) => a + x ** 3, 0) / 5 / m2 ** 1.5, 12);
    expect(m?.kurtosis).toBeCloseTo(d.reduce((a, x) => a + x ** 4, 0) / 5 / m2 ** 2, 12);
    expect(returnMoments([0.01, 0.01])).toBeNull();
  });
});
