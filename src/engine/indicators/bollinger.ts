/**
 * @module Bollinger bands, streaming: middle = SMA(period), upper/lower = middle ± k·σ with σ the
 * population standard deviation of the same window, as technicalindicators defines them (it also
 * reports %b). Mean and variance come from the exact SMA's integer sums on decimal prices (so a flat
 * window has σ = 0 exactly, and %b is then NaN: the band has no width); σ is the square root of the
 * correctly rounded variance. The output object is reused between calls.
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
  /** The window's SMA; its `variance()` gives σ². */
  readonly sma: Sma;
  private readonly out: BollingerValue = { middle: 0, upper: 0, lower: 0, pb: 0 };

  constructor(
    readonly period: number,
    readonly stdDev: number,
  ) {
    this.sma = new Sma(period);
  }

  nextValue(x: number): BollingerValue | undefined {
    const mean = this.sma.nextValue(x);
    if (mean === undefined) return undefined;
    const sd = Math.sqrt(this.sma.variance());
    const o = this.out;
    o.middle = mean;
    o.upper = mean + sd * this.stdDev;
    o.lower = mean - sd * this.stdDev;
    o.pb = (x - o.lower) / (o.upper - o.lower);
    return o;
  }
}
