/**
 * @module The venue's replay clock: venue time that only moves when told to. Tests step it
 * (`advanceTo`, exact and instant, no wall time); `tlab serve --replay-from` lets a ClockPacer move
 * it at X simulated seconds per real second. Every advance reaches the listeners in pieces that never
 * cross a minute boundary, so a listener sees each minute close exactly once and in order.
 */
import type { VenueClock } from './venue-ports.ts';

const MINUTE = 60_000;

/** A clock whose time is set by its owner; listeners hear every step. */
export class ReplayClock implements VenueClock {
  private t: number;
  private readonly listeners = new Set<(from: number, to: number) => void>();
  private advancing = false;

  constructor(start: number) {
    if (!Number.isFinite(start)) throw new RangeError(`replay start ${start} is not a time`);
    this.t = start;
  }

  /** @inheritdoc */
  now(): number {
    return this.t;
  }

  /** @inheritdoc */
  onAdvance(listener: (from: number, to: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Moves venue time forward to `target` (a no-op when it is not ahead), calling every listener for
   * each piece up to the next minute boundary, in order. A listener that advances the clock itself
   * is refused: time moves from one place only.
   */
  advanceTo(target: number): void {
    if (this.advancing) throw new Error('ReplayClock.advanceTo called from an advance listener');
    if (!(target > this.t)) return;
    this.advancing = true;
    try {
      while (this.t < target) {
        const from = this.t;
        const to = Math.min(target, Math.floor(from / MINUTE) * MINUTE + MINUTE);
        this.t = to;
        for (const l of [...this.listeners]) l(from, to);
      }
    } finally {
      this.advancing = false;
    }
  }

  /** Moves venue time forward by `ms`. */
  advanceBy(ms: number): void {
    this.advanceTo(this.t + ms);
  }
}

/** A clock that reads a function and never advances (a frozen or externally driven "now"). */
export class FunctionClock implements VenueClock {
  constructor(private readonly read: () => number) {}

  /** @inheritdoc */
  now(): number {
    return this.read();
  }

  /** @inheritdoc */
  onAdvance(): () => void {
    return () => undefined;
  }
}
