/**
 * @module The Clock contract: finite epoch ms that never go backwards, and, for a clock that the
 * kernel moves (`advanceTo`), exactly the time it was moved to and never an earlier one; for a clock
 * that can sleep (`sleepUntil`), a wake-up no earlier than asked.
 */
import { describe, expect, it } from 'vitest';
import type { Clock } from '../../src/engine/ports/clock.ts';

/** Runs the Clock contract against one implementation. */
export function describeClockContract(name: string, make: () => Clock): void {
  describe(`Clock contract: ${name}`, () => {
    it('tells finite epoch milliseconds that never decrease', () => {
      const c = make();
      let prev = c.now();
      expect(Number.isFinite(prev)).toBe(true);
      for (let k = 0; k < 10_000; k++) {
        const t = c.now();
        expect(t).toBeGreaterThanOrEqual(prev);
        prev = t;
      }
    });

    it('when the kernel moves it, shows exactly that time and refuses to go back', () => {
      const c = make();
      if (c.advanceTo === undefined) return;
      const t0 = c.now();
      c.advanceTo(t0 + 60_000);
      expect(c.now()).toBe(t0 + 60_000);
      c.advanceTo(t0 + 1_000);
      expect(c.now()).toBe(t0 + 60_000);
      c.advanceTo(t0 + 120_000);
      expect(c.now()).toBe(t0 + 120_000);
    });

    it('when it moves by itself and can sleep, wakes no earlier than the time asked for', async () => {
      const c = make();
      if (c.sleepUntil === undefined) return;
      const target = c.now() + 30;
      await c.sleepUntil(target);
      expect(c.now()).toBeGreaterThanOrEqual(target);
      const past = c.now() - 1_000;
      await c.sleepUntil(past);
      expect(c.now()).toBeGreaterThan(past);
    });
  });
}
