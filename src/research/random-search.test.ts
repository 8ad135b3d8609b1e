/**
 * @module Random search: a seeded sample of the constrained grid, the same for the same seed,
 * distinct configurations that all satisfy the constraints, exactly `samples` of them (the whole
 * grid when it is smaller), and a study over it that counts what it tried.
 */
import { describe, expect, it } from 'vitest';
import { expandGrid, parseAxis } from './grid.ts';
import { sampleConfigurations } from './random-search.ts';
import { paramKey, studyConfigurations, type StudySpec } from './study.ts';

const spec = (search: StudySpec['search']): StudySpec => ({
  template: {
    strategy: 'sma-cross',
    instruments: [],
    intervals: ['1h'],
    range: { from: 0, to: 1 },
  },
  fixed: { lots: 2 },
  axes: [parseAxis('fast=2:40:2'), parseAxis('slow=10:200:10')],
  constraints: ['fast<slow'],
  objective: 'sharpe',
  search,
});

describe('random search', () => {
  it('draws the same distinct, constrained configurations for the same seed', () => {
    const full = studyConfigurations(spec({ kind: 'grid' }));
    const a = studyConfigurations(spec({ kind: 'random', samples: 25, seed: 7 }));
    const b = studyConfigurations(spec({ kind: 'random', samples: 25, seed: 7 }));
    expect(a.configs).toEqual(b.configs);
    expect(a.configs).toHaveLength(25);
    expect(a.candidates).toBe(full.configs.length);
    expect(a.excluded).toBe(full.excluded);
    const keys = new Set(a.configs.map(paramKey));
    expect(keys.size).toBe(25);
    const grid = new Set(full.configs.map(paramKey));
    for (const c of a.configs) {
      expect(grid.has(paramKey(c))).toBe(true);
      expect(c.fast as number).toBeLessThan(c.slow as number);
      expect(c.lots).toBe(2);
    }
    // in the grid's order
    const order = full.configs.map(paramKey);
    const at = a.configs.map((c) => order.indexOf(paramKey(c)));
    expect(at).toEqual([...at].sort((x, y) => x - y));
  });

  it('draws another sample for another seed', () => {
    const a = studyConfigurations(spec({ kind: 'random', samples: 25, seed: 7 })).configs;
    const b = studyConfigurations(spec({ kind: 'random', samples: 25, seed: 8 })).configs;
    expect(a.map(paramKey)).not.toEqual(b.map(paramKey));
  });

  it('covers the grid uniformly over many seeds', () => {
    // 10 points, 3 drawn per seed: each point should be drawn about 0.3 of the time.
    const points = expandGrid([parseAxis('k=1:10:1')]);
    const counts = new Map<number, number>();
    const seeds = 4000;
    for (let seed = 0; seed < seeds; seed++) {
      for (const c of sampleConfigurations(points, 3, seed)) {
        counts.set(c.k as number, (counts.get(c.k as number) ?? 0) + 1);
      }
    }
    for (let k = 1; k <= 10; k++) expect(Math.abs(counts.get(k)! / seeds - 0.3)).toBeLessThan(0.03);
  });

  it('takes the whole grid when asked for more than it has, and refuses a bad count', () => {
    const points = expandGrid([parseAxis('k=1,2,3')]);
    expect(sampleConfigurations(points, 10, 1)).toEqual(points);
    expect(() => sampleConfigurations(points, 0, 1)).toThrow(/--samples 0/);
    expect(() => sampleConfigurations(points, 1.5, 1)).toThrow(/positive whole number/);
  });
});
