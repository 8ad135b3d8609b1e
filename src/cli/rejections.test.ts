/** @module Tests for the stderr notice about rejected orders. */
import { describe, expect, it } from 'vitest';
import type { BacktestResult } from '../engine/index.ts';
import { rejectionNotice } from './rejections.ts';

const run = (over: Partial<BacktestResult>) =>
  ({ trades: [], fills: [], rejectedOrders: 0, ...over }) as unknown as BacktestResult;

describe('rejectionNotice', () => {
  it('says nothing when nothing was rejected', () => {
    expect(rejectionNotice(run({}))).toEqual([]);
  });
  it('counts by reason when the kernel gives reasons, and explains a run with no trades', () => {
    const lines = rejectionNotice(
      run({
        rejectedOrders: 5,
        rejections: { total: 5, byReason: { 'short-not-allowed': 2, 'insufficient-cash': 3 } },
      }),
    );
    expect(lines).toEqual([
      'tlab: note: 5 orders rejected (insufficient-cash 3, short-not-allowed 2)',
      'tlab: note: no trades: every order was rejected (see the reasons above)',
    ]);
  });
  it('falls back to the bare count, and words a run with fills but no closed trade', () => {
    const lines = rejectionNotice(
      run({ rejectedOrders: 1, fills: [{}] as BacktestResult['fills'] }),
    );
    expect(lines).toEqual([
      'tlab: note: 1 order rejected',
      'tlab: note: no closed trades, and some orders were rejected (see the reasons above)',
    ]);
  });
});
