/**
 * @module Counts the broker's work in flight (placements, event handling, polls) so a caller can
 * wait until everything it started has landed: tests between market steps, a run at shutdown.
 */
export class WorkTracker {
  private pending = 0;
  private waiters: (() => void)[] = [];

  /** Counts `p` until it settles. */
  track(p: Promise<unknown>): void {
    this.pending++;
    void p.finally(() => {
      this.pending--;
      if (this.pending === 0) for (const w of this.waiters.splice(0)) w();
    });
  }

  /** Resolves when nothing is in flight (at once when nothing is). */
  idle(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }
}
