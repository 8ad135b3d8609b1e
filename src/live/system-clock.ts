/**
 * @module SystemClock, the Clock port on wall time for paper, sandbox and live runs. It has no
 * `advanceTo`: time moves by itself. It never goes backwards even if the system clock is stepped
 * back (NTP), because the kernel and the run journal order events by it.
 */
import type { Clock } from '../engine/ports/clock.ts';

/** A timer that does not keep the process alive on its own (the feed's stream does). */
function sleepMs(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/** Wall-clock time in epoch ms UTC, monotonic non-decreasing. */
export class SystemClock implements Clock {
  private last = -Infinity;

  constructor(
    private readonly read: () => number = Date.now,
    /** Timer source (tests may step it); the default is the event loop's setTimeout. */
    private readonly wait: (ms: number) => Promise<void> = sleepMs,
  ) {}

  /** Resolves once `now()` has reached `t` (re-checked, since a timer may fire a little early). */
  async sleepUntil(t: number): Promise<void> {
    for (let left = t - this.now(); left > 0; left = t - this.now()) await this.wait(left);
  }

  now(): number {
    const t = this.read();
    if (t > this.last) this.last = t;
    return this.last;
  }
}
