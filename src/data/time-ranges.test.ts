import { describe, expect, it } from 'vitest';
import { gapsBetween, insideRanges, mergeRanges, subtractRanges } from './time-ranges.ts';

const r = (from: number, to: number) => ({ from, to });

describe('mergeRanges', () => {
  it('sorts, merges overlapping and touching ranges, drops empty ones', () => {
    expect(mergeRanges([r(10, 20), r(0, 5), r(5, 7), r(15, 30), r(40, 40), r(50, 60)])).toEqual([
      r(0, 7),
      r(10, 30),
      r(50, 60),
    ]);
  });
  it('does not mutate its input', () => {
    const input = [r(0, 5), r(3, 9)];
    mergeRanges(input);
    expect(input).toEqual([r(0, 5), r(3, 9)]);
  });
});

describe('subtractRanges', () => {
  it('returns the whole range when nothing is covered', () => {
    expect(subtractRanges(r(0, 100), [])).toEqual([r(0, 100)]);
  });
  it('returns nothing when the range is covered, even by touching pieces', () => {
    expect(subtractRanges(r(10, 20), [r(0, 15), r(15, 30)])).toEqual([]);
  });
  it('returns the holes, the head and the tail', () => {
    expect(subtractRanges(r(0, 100), [r(10, 20), r(30, 40), r(90, 120)])).toEqual([
      r(0, 10),
      r(20, 30),
      r(40, 90),
    ]);
  });
  it('ignores covered ranges outside the requested one', () => {
    expect(subtractRanges(r(50, 60), [r(0, 10), r(70, 80)])).toEqual([r(50, 60)]);
  });
});

describe('gapsBetween and insideRanges', () => {
  it('lists gaps between consecutive ranges', () => {
    expect(gapsBetween([r(0, 10), r(20, 30), r(35, 40)])).toEqual([r(10, 20), r(30, 35)]);
  });
  it('finds points inside half-open ranges', () => {
    const set = [r(0, 10), r(20, 30)];
    expect([0, 9, 10, 19, 20, 29, 30].map((t) => insideRanges(set, t))).toEqual([
      true,
      true,
      false,
      false,
      true,
      true,
      false,
    ]);
  });
});
