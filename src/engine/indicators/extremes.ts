/**
 * @module Rolling highest and lowest value over the last `period` inputs (Donchian channel sides),
 * streaming in amortised O(1) with a monotonic deque kept in typed arrays.
 */
import { checkPeriod } from './sma.ts';
import type { StreamingIndicator } from './types.ts';

/** Running maximum (`sign` 1) or minimum (`sign` -1) of a sliding window. */
class RollingExtreme implements StreamingIndicator<number, number> {
  /** Deque of (input index, value), ring-indexed; values strictly monotonic from the front. */
  private readonly idx: Float64Array;
  private readonly val: Float64Array;
  private front = 0;
  private len = 0;
  private n = 0;

  constructor(
    readonly period: number,
    private readonly sign: 1 | -1,
  ) {
    checkPeriod(sign === 1 ? 'highest' : 'lowest', period);
    this.idx = new Float64Array(period + 1);
    this.val = new Float64Array(period + 1);
  }

  nextValue(x: number): number | undefined {
    const cap = this.idx.length;
    const s = this.sign;
    // Drop values the new one dominates (from the back), then expired ones (from the front).
    while (this.len > 0) {
      const back = (this.front + this.len - 1) % cap;
      if (this.val[back] * s > x * s) break;
      this.len--;
    }
    const at = (this.front + this.len) % cap;
    this.idx[at] = this.n;
    this.val[at] = x;
    this.len++;
    while (this.idx[this.front] <= this.n - this.period) {
      this.front = (this.front + 1) % cap;
      this.len--;
    }
    this.n++;
    return this.n < this.period ? undefined : this.val[this.front];
  }
}

/** Highest input of the last `period` ones; undefined until `period` inputs have arrived. */
export class Highest extends RollingExtreme {
  constructor(period: number) {
    super(period, 1);
  }
}

/** Lowest input of the last `period` ones; undefined until `period` inputs have arrived. */
export class Lowest extends RollingExtreme {
  constructor(period: number) {
    super(period, -1);
  }
}
