/**
 * @module Streaming summary of an equity curve, one `push` per mark (candle close): drawdown and its
 * duration, the daily equity series E_d, exposure and mean equity. It keeps O(days) memory, so
 * metrics need no stored curve. Marks are stamped with the open time of the candle they close, as the
 * API stamps candles; durations are differences of those stamps.
 */

const DAY_MS = 86_400_000;

/** What the metrics need from an equity curve. */
export interface EquitySummary {
  /** E_d: equity at the last mark of each UTC day that has marks, oldest first. */
  daily: number[];
  /** max(1 - equity / peak) over marks, the peak starting at the starting cash; 0 when never below. */
  maxDrawdown: number;
  /** Longest time from a peak's mark to the mark that recovers it (or to the last mark), ms. */
  maxDrawdownDuration: number;
  /** Marks with an open position / all marks; null without marks. */
  exposure: number | null;
  /** Mean equity over marks; null without marks. */
  meanEquity: number | null;
  marks: number;
  finalEquity: number;
}

/** Accumulates an equity curve mark by mark. */
export class EquityStats {
  private peak: number;
  private peakTime = NaN;
  private underwater = false;
  private maxDd = 0;
  private maxDur = 0;
  private day = NaN;
  private dayEquity = NaN;
  private readonly daily: number[] = [];
  private n = 0;
  private exposedMarks = 0;
  private sum = 0;
  private last: number;
  private lastTime = NaN;

  constructor(readonly startingCash: number) {
    this.peak = startingCash;
    this.last = startingCash;
  }

  /** Adds one mark: equity `eq` at the close of the candle that opened at `t`. */
  push(t: number, eq: number, exposed: boolean): void {
    if (this.n === 0) this.peakTime = t;
    const d = Math.floor(t / DAY_MS);
    if (d !== this.day) {
      if (this.n !== 0) this.daily.push(this.dayEquity);
      this.day = d;
    }
    this.dayEquity = eq;
    if (eq >= this.peak) {
      if (this.underwater && t - this.peakTime > this.maxDur) this.maxDur = t - this.peakTime;
      this.underwater = false;
      this.peak = eq;
      this.peakTime = t;
    } else {
      this.underwater = true;
      const dd = 1 - eq / this.peak;
      if (dd > this.maxDd) this.maxDd = dd;
    }
    this.n++;
    this.sum += eq;
    if (exposed) this.exposedMarks++;
    this.last = eq;
    this.lastTime = t;
  }

  /** The summary so far (the current day's last mark included). */
  summary(): EquitySummary {
    const open = this.underwater ? this.lastTime - this.peakTime : 0;
    return {
      daily: this.n === 0 ? [] : [...this.daily, this.dayEquity],
      maxDrawdown: this.maxDd,
      maxDrawdownDuration: Math.max(this.maxDur, open),
      exposure: this.n === 0 ? null : this.exposedMarks / this.n,
      meanEquity: this.n === 0 ? null : this.sum / this.n,
      marks: this.n,
      finalEquity: this.last,
    };
  }
}
