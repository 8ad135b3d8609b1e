/**
 * @module The daily-loss meter: equity at the first look in each trading day is that day's
 * baseline, and the day's loss is the baseline minus equity now. Days start at a configurable
 * offset from UTC midnight (e.g. 07:00 UTC for a MOEX session day), so a night session is counted
 * with the day it belongs to.
 */

const DAY = 86_400_000;

/** Index of the trading day `t` falls in when days start `offsetMs` after UTC midnight. */
export function tradingDay(t: number, offsetMs: number): number {
  return Math.floor((t - offsetMs) / DAY);
}

/** Tracks one day's baseline and reports whether the loss reached the limit. */
export class DailyLossMeter {
  private day = NaN;
  private baseline = NaN;

  /**
   * `dayStart(day)` may supply the equity a day started from (a run restarted mid-day reads it from
   * its journal, so the losses before the restart still count); otherwise it is equity at the first
   * look in the day.
   */
  constructor(
    private readonly limit: number,
    private readonly offsetMs: number,
    private readonly dayStart?: (day: number) => number | undefined,
  ) {}

  /** The current day's loss (baseline − equity) at time `t`; starts a new day when `t` moved on. */
  loss(t: number, equity: number): number {
    const d = tradingDay(t, this.offsetMs);
    if (d !== this.day) {
      this.day = d;
      this.baseline = this.dayStart?.(d) ?? equity;
    }
    return this.baseline - equity;
  }

  /** True when the loss at `t` is at or past the limit (equal counts: the limit is the most to lose). */
  reached(t: number, equity: number): boolean {
    return this.loss(t, equity) >= this.limit - 1e-9 * Math.max(1, this.limit);
  }

  /** The day index the meter is in (NaN before the first look). */
  get currentDay(): number {
    return this.day;
  }

  /** Equity the current day started from. */
  get dayBaseline(): number {
    return this.baseline;
  }
}
