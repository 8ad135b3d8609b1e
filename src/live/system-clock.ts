/**
 * @module SystemClock, the Clock port on wall time for paper, sandbox and live runs. It has no
 * `advanceTo`: time moves by itself. It never goes backwards even if the system clock is stepped
 * back (NTP), because the kernel and the run journal order events by it.
 */
import type { Clock } from '../engine/ports/clock.ts';

/** Wall-clock time in epoch ms UTC, monotonic non-decreasing. */
export class SystemClock implements Clock {
  private last = -Infinity;

  constructor(private readonly read: () => number = Date.now) {}

  now(): number {
    const t = this.read();
    if (t > this.last) this.last = t;
    return this.last;
  }
}
