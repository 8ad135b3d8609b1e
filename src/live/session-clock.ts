/**
 * @module SessionClock, the Clock a live run's kernel runs on. The kernel moves it to each event's
 * time on the venue's clock, so decisions keep the candle-close stamps a backtest gives them; and
 * between events it moves by itself (`sleepUntil`): a strategy's timer fires once the venue's time
 * has reached it, waited for on wall time through SystemClock, instead of at the next candle. The
 * venue's time comes from `venueNow`: the wall clock for the T-Invest API, the replay clock of an
 * emulator replaying a past day.
 */
import type { Clock } from '../engine/ports/clock.ts';
import { SystemClock } from './system-clock.ts';

/** Options of {@link SessionClock}. */
export interface SessionClockOptions {
  /** The venue's time now (epoch ms); may be NaN or -Infinity while it is not known yet. */
  venueNow: () => number;
  /** Wall time and its sleep (tests step it). */
  wall?: SystemClock;
  /** Longest single wait in wall ms before the venue's time is read again (default 1000). */
  recheckMs?: number;
}

/** Venue time, set by the kernel and moving by itself between events. */
export class SessionClock implements Clock {
  private t: number;
  /** Bumped by every move of the kernel's: a sleep begun before it is stale and moves nothing. */
  private epoch = 0;
  private readonly wall: SystemClock;
  private readonly recheckMs: number;

  constructor(
    start: number,
    private readonly o: SessionClockOptions,
  ) {
    this.t = start;
    this.wall = o.wall ?? new SystemClock();
    this.recheckMs = o.recheckMs ?? 1000;
  }

  now(): number {
    return this.t;
  }

  /** Moves to `t` (never backwards); a sleep still pending from before ends without moving it. */
  advanceTo(t: number): void {
    this.epoch++;
    if (t > this.t) this.t = t;
  }

  /**
   * Resolves once the venue's time has reached `t`, the clock then at `t`. A venue's time runs at
   * least as fast as the wall's, so the venue ms left bound the wall ms to wait. The kernel races
   * this against the feed; when the feed wins, the kernel moves the clock to the event's time and
   * this sleep ends at its next look without moving the clock again.
   */
  async sleepUntil(t: number): Promise<void> {
    const epoch = this.epoch;
    while (this.epoch === epoch && this.t < t) {
      const venue = this.o.venueNow();
      if (venue >= t) {
        this.t = t;
        return;
      }
      const left = Number.isFinite(venue) ? t - venue : this.recheckMs;
      await this.wall.sleepUntil(this.wall.now() + Math.min(left, this.recheckMs));
    }
  }
}
