import { describe, expect, it } from 'vitest';
import { planArchiveYears } from './archive-plan.ts';
import { runPool } from './pool.ts';

const D = 86_400_000;

describe('planArchiveYears', () => {
  const now = Date.UTC(2025, 2, 10, 12);
  it('splits long ranges by year and stops before today', () => {
    const plan = planArchiveYears([{ from: Date.UTC(2024, 5, 1), to: now + D }], now, false);
    expect(plan).toEqual([
      { year: 2024, limit: { from: Date.UTC(2024, 5, 1), to: Date.UTC(2025, 0, 1) } },
      { year: 2025, limit: { from: Date.UTC(2025, 0, 1), to: Date.UTC(2025, 2, 10) } },
    ]);
  });
  it('leaves short missing parts to GetCandles unless forced', () => {
    const short = [{ from: Date.UTC(2024, 5, 1), to: Date.UTC(2024, 5, 11) }];
    expect(planArchiveYears(short, now, false)).toEqual([]);
    expect(planArchiveYears(short, now, true)).toHaveLength(1);
  });
  it('ignores today', () => {
    expect(planArchiveYears([{ from: Date.UTC(2025, 2, 10), to: now }], now, true)).toEqual([]);
  });
});

describe('runPool', () => {
  it('bounds concurrency and processes every item', async () => {
    let inFlight = 0;
    let peak = 0;
    const seen: number[] = [];
    await runPool([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, 5));
      seen.push(n);
      inFlight--;
    });
    expect(peak).toBe(3);
    expect(seen.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });
  it('stops starting work after the first failure and rethrows it', async () => {
    const started: number[] = [];
    await expect(
      runPool([1, 2, 3, 4, 5], 1, async (n) => {
        started.push(n);
        if (n === 2) throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(started).toEqual([1, 2]);
  });
});
