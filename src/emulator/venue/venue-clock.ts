/**
 * @module Picks the venue clock from the emulator options: a caller's clock (tests step a
 * ReplayClock), a paced replay (`--replay-from` / `--speed`), a frozen `now`, or by default the wall
 * clock (a ReplayClock paced to Date.now, so streams hear it advance).
 */
import { startPacer } from './clock-pacer.ts';
import { FunctionClock, ReplayClock } from './replay-clock.ts';
import type { VenueClock } from './venue-ports.ts';

/** The clock options of EmulatorOptions. */
export interface ClockOptions {
  clock?: VenueClock;
  replay?: { from: number; speed: number };
  now?: () => number;
}

/** A chosen clock and how to stop what drives it. */
export interface ChosenClock {
  clock: VenueClock;
  stop(): void;
}

/** The clock `options` ask for; the caller stops it with the emulator. */
export function chooseClock(options: ClockOptions): ChosenClock {
  if (options.clock) return { clock: options.clock, stop: () => undefined };
  if (options.replay) {
    const clock = new ReplayClock(options.replay.from);
    const pacer = startPacer(clock, { kind: 'replay', speed: options.replay.speed });
    return { clock, stop: () => pacer.stop() };
  }
  if (options.now) return { clock: new FunctionClock(options.now), stop: () => undefined };
  const clock = new ReplayClock(Date.now());
  const pacer = startPacer(clock, { kind: 'wall' });
  return { clock, stop: () => pacer.stop() };
}
