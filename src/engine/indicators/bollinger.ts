/**
 * @module Bollinger bands, streaming: middle = SMA(period), upper/lower = middle ± k·σ with σ the
 * population standard deviation of the same window, as technicalindicators defines them (it also
 * reports %b). The output object is reused between calls.
 */
import { Sma } from './sma.ts';
import type { StreamingIndicator } from './types.ts';

/** One Bollinger reading; `pb` is %b = (x - lower) / (upper - lower). */
export interface BollingerValue {
  middle: number;
  upper: number;
  lower: number;
  pb: number;
}

/** Bollinger bands of the inputs; undefined until `period` inputs have arrived. */
export class Bollinger implements StreamingIndicator<number, BollingerValue> {
  private readonly sma: Sma;
  private readonly ring: Float64Array;
  private head = 0;
  private readonly out: BollingerValue = { middle: 0, upper: 0, lower: 0, pb: 0 };

  constructor(
    readonly period: number,
    readonly stdDev: number,
  ) {
    this.sma = new Sma(period);
    this.ring = new Float64Array(period);
  }

  nextValue(x: number): BollingerValue | undefined {
    const p = this.period;
    this.ring[this.head] = x;
    this.head = this.head + 1 === p ? 0 : this.head + 1;
    const mean = this.sma.nextValue(x);
    if (mean === undefined) return undefined;
    // Sum oldest to newest, the order technicalindicators uses, so rounding agrees.
    let sum = 0;
    for (let k = 0; k < p; k++) {
      const d = this.ring[(this.head + k) % p] - mean;
      sum += d * d;
    }
    const sd = Math.sqrt(sum / p);
    const o = this.out;
    o.middle = mean;
    o.upper = mean + sd * this.stdDev;
    o.lower = mean - sd * this.stdDev;
    o.pb = (x - o.lower) / (o.upper - o.lower);
    return o;
  }
}
