/**
 * @module Timers a strategy sets with `ctx.setTimer(at, tag)`. They are the last kind of event at an
 * instant: a timer due at T fires after the candles closing at T and the order updates they caused,
 * with the clock at T; a timer due between two candle closes fires at its own time, before the later
 * candles. Timers due after the last candle never fire.
 */
import { UsageError } from '../../core/errors.ts';

/** One pending timer. */
interface Timer {
  at: number;
  seq: number;
  tag: string;
}

/** Pending timers, ordered by due time, then by the order they were set. */
export class TimerQueue {
  /** Due time of the earliest timer (Infinity when none): the loops compare against it per step. */
  next = Infinity;
  private readonly items: Timer[] = [];
  private seq = 0;

  /** Schedules a timer; refuses one in the past. */
  add(at: number, tag: string, now: number): void {
    if (!Number.isFinite(at) || at < now) {
      throw new UsageError(
        `setTimer(${at}) is not a time at or after now (${now})`,
        'pass a future epoch ms',
      );
    }
    const t = { at, seq: this.seq++, tag };
    let k = this.items.length;
    while (k > 0 && this.items[k - 1].at > at) k--;
    this.items.splice(k, 0, t);
    this.next = this.items[0].at;
  }

  /** Removes and returns the earliest timer if it is due at or before `limit` (strictly before with `strict`). */
  pop(limit: number, strict: boolean): Timer | undefined {
    const first = this.items[0];
    if (first === undefined || first.at > limit || (strict && first.at === limit)) return undefined;
    this.items.shift();
    this.next = this.items.length > 0 ? this.items[0].at : Infinity;
    return first;
  }
}
