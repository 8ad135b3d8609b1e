/**
 * @module Exponential moving average, streaming, with technicalindicators' conventions: seeded with
 * the SMA of the first `period` inputs, then ema = (x - ema)·k + ema with k = 2 / (period + 1).
 */
import { Sma } from './sma.ts';
import type { StreamingIndicator } from './types.ts';

/** EMA of the inputs; undefined for the first `period - 1` inputs. */
export class Ema implements StreamingIndicator<number, number> {
  private readonly k: number;
  private readonly seed: Sma;
  private value: number | undefined = undefined;

  constructor(readonly period: number) {
    this.seed = new Sma(period);
    this.k = 2 / (period + 1);
  }

  nextValue(x: number): number | undefined {
    if (this.value === undefined) {
      this.value = this.seed.nextValue(x);
      return this.value;
    }
    this.value = (x - this.value) * this.k + this.value;
    return this.value;
  }
}
