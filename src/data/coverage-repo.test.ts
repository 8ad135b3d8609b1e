import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CandleStore, openStore } from './store.ts';

const DAY = 86_400_000;
const D0 = Date.UTC(2024, 2, 4);
const U = 'u-1';
const day = (d: number) => ({ from: D0 + d * DAY, to: D0 + (d + 1) * DAY });

let store: CandleStore;
beforeEach(() => {
  store = openStore(':memory:');
});
afterEach(() => store.close());

describe('coverage', () => {
  it('merges touching and overlapping ranges into one row on insert', () => {
    store.markCovered(U, '1m', day(0));
    store.markCovered(U, '1m', day(2));
    expect(store.coveredRanges(U, '1m')).toEqual([day(0), day(2)]);
    store.markCovered(U, '1m', day(1)); // touches both neighbours
    expect(store.coveredRanges(U, '1m')).toEqual([{ from: day(0).from, to: day(2).to }]);
    store.markCovered(U, '1m', { from: D0 + DAY / 2, to: D0 + 5 * DAY }); // overlaps and extends
    expect(store.coveredRanges(U, '1m')).toEqual([{ from: D0, to: D0 + 5 * DAY }]);
    expect(store.db.prepare('SELECT count(*) FROM coverage').pluck().get()).toBe(1);
  });

  it('keeps series apart by instrument and interval', () => {
    store.markCovered(U, '1m', day(0));
    store.markCovered(U, '5m', day(1));
    store.markCovered('u-2', '1m', day(2));
    expect(store.coveredRanges(U, '1m')).toEqual([day(0)]);
    expect(store.coveredRanges(U, '5m')).toEqual([day(1)]);
    expect(store.missingRanges('u-2', '1m', day(2))).toEqual([]);
  });

  it('reports what is missing, and nothing once a range has been fetched (even when empty)', () => {
    const want = { from: D0, to: D0 + 7 * DAY };
    expect(store.missingRanges(U, '1m', want)).toEqual([want]);
    store.upsertCandles(U, '1m', [{ time: D0 + 600_000 * 60, open: 1, high: 1, low: 1, close: 1, volume: 1 }], day(1));
    store.upsertCandles(U, '1m', [], day(5)); // verified empty: a weekend
    expect(store.missingRanges(U, '1m', want)).toEqual([day(0), { from: day(2).from, to: day(4).to }, day(6)]);
    for (const gap of store.missingRanges(U, '1m', want)) store.markCovered(U, '1m', gap);
    expect(store.missingRanges(U, '1m', want)).toEqual([]);
  });

  it('ignores empty ranges', () => {
    store.markCovered(U, '1m', { from: D0, to: D0 });
    expect(store.coveredRanges(U, '1m')).toEqual([]);
    expect(store.missingRanges(U, '1m', { from: D0, to: D0 })).toEqual([]);
  });
});
