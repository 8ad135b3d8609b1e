/**
 * @module Relative strength index (Wilder), streaming, computed exactly as technicalindicators' RSI:
 * average gain and loss seeded with the mean of the first `period` changes, then Wilder-smoothed;
 * 100 when the average loss is 0, 0 when the average gain is 0, else rounded to 2 decimals.
 */
import { checkPeriod } from './sma.ts';
import type { StreamingIndicator } from './types.ts';

/** RSI of the inputs; the first value comes with input number `period + 1`. */
export class Rsi implements StreamingIndicator<number, number> {
  private last = NaN;
  private seen = 0;
  private gainSum = 0;
  private lossSum = 0;
  private avgGain = NaN;
  private avgLoss = NaN;

  constructor(readonly period: number) {
    checkPeriod('RSI', period);
  }

  nextValue(x: number): number | undefined {
    const p = this.period;
    if (this.seen++ === 0) {
      this.last = x;
      return undefined;
    }
    const d = x - this.last;
    this.last = x;
    const gain = d > 0 ? d : 0;
    const loss = -d > 0 ? -d : 0;
    if (this.seen <= p) {
      this.gainSum += gain;
      this.lossSum += loss;
      return undefined;
    }
    if (this.seen === p + 1) {
      this.avgGain = (this.gainSum + gain) / p;
      this.avgLoss = (this.lossSum + loss) / p;
    } else {
      this.avgGain = (this.avgGain * (p - 1) + gain) / p;
      this.avgLoss = (this.avgLoss * (p - 1) + loss) / p;
    }
    if (this.avgLoss === 0) return 100;
    if (this.avgGain === 0) return 0;
    const rs = this.avgGain / this.avgLoss;
    return parseFloat((100 - 100 / (1 + rs)).toFixed(2));
  }
}
