import { describe, expect, it } from 'vitest';
import { snapDown, snapNearest, snapUp } from './price-grid.ts';

describe('price grid', () => {
  it('snaps up for buys and down for sells, exactly', () => {
    expect(snapUp(100.001, 0.01)).toBe(100.01);
    expect(snapDown(100.009, 0.01)).toBe(100);
    expect(snapUp(100.01, 0.01)).toBe(100.01);
    expect(snapNearest(0.02345, 0.0005)).toBe(0.0235);
  });
  it('leaves prices alone when the step is unknown (0), instead of producing NaN', () => {
    expect(snapUp(100.001, 0)).toBe(100.001);
    expect(snapDown(100.009, 0)).toBe(100.009);
    expect(snapNearest(99.5, 0)).toBe(99.5);
  });
});
