/**
 * @module Robustness resampling: percentiles by hand, drawdown of a path by hand, the invariants of
 * a reshuffle (the final equity never changes) and determinism under a seed.
 */
import { describe, expect, it } from 'vitest';
import { distribution, pathDrawdown, percentile, robustness } from './robustness.ts';

describe('robustness', () => {
  it('percentiles interpolate between order statistics', () => {
    expect(percentile([1, 2, 3, 4, 5], 0.5)).toBe(3);
    expect(percentile([1, 2, 3, 4], 0.25)).toBe(1.75); // h = 0.75
    expect(distribution([3, 1, 2]).samples).toEqual([1, 2, 3]);
  });

  it('drawdown of a path from its peak, the start included', () => {
    // 100 → 110 → 99 → 120 → 90: worst is 90 / 120 - 1 = -25%
    expect(pathDrawdown(100, [10, -11, 21, -30], false)).toBeCloseTo(0.25, 12);
    expect(pathDrawdown(100, [-0.1, 0.5], true)).toBeCloseTo(0.1, 12);
  });

  it('a reshuffle keeps the final equity; block bootstrap and reshuffle are seeded', () => {
    const input = {
      startingCash: 1000,
      tradePnl: [50, -20, 30, -70, 10, 40, -10],
      dailyReturns: [0.01, -0.02, 0.015, 0.0, -0.005, 0.02, -0.01, 0.004],
    };
    const a = robustness(input, { iterations: 300, seed: 7 });
    const b = robustness(input, { iterations: 300, seed: 7 });
    expect(a).toEqual(b);
    expect(robustness(input, { iterations: 300, seed: 8 })).not.toEqual(a);
    // the best order never draws down below 0; the worst is bounded by the losses in a row
    expect(a.trades?.maxDrawdown.samples[0]).toBeGreaterThanOrEqual(0);
    expect(a.trades?.maxDrawdown.p95).toBeLessThanOrEqual(100 / 1000 + 1e-12);
    expect(a.days?.sharpe.samples).toHaveLength(300);
    expect(a.blockLength).toBe(3); // round(√8)
  });
});
