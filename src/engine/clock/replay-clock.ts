/**
 * @module The backtest clock: time stands still until the kernel moves it to the next event's time,
 * so strategy code that asks `ctx.now()` sees exactly the instant the event happened.
 */
import type { Clock } from '../ports/clock.ts';

/** A clock the engine sets; it never reads the wall clock. */
export class ReplayClock implements Clock {
  private t: number;

  constructor(start = 0) {
    this.t = start;
  }

  /** Current replay time in epoch ms UTC. */
  now(): number {
    return this.t;
  }

  /** Moves the clock to `t`; a time before the current one is ignored (a clock never goes back). */
  advanceTo(t: number): void {
    if (t > this.t) this.t = t;
  }
}
