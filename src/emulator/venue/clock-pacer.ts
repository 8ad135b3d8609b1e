/**
 * @module Drives a ReplayClock from real time: on a short timer it moves venue time to a target,
 * either `start + speed x elapsed real time` (a replay at X simulated seconds per real second) or
 * the wall clock itself (`--realtime`). The pacer is the only place the venue reads real time.
 */
import type { ReplayClock } from './replay-clock.ts';

/** How a pacer maps real time to venue time. */
export type PaceTarget = { kind: 'replay'; speed: number } | { kind: 'wall'; read?: () => number };

/** Default timer period in real ms. */
export const PACER_TICK_MS = 50;

/** A running pacer; `stop()` halts the timer (venue time stays where it is). */
export interface ClockPacer {
  stop(): void;
}

/** Starts moving `clock` on a timer; the first step happens after one tick. */
export function startPacer(
  clock: ReplayClock,
  target: PaceTarget,
  tickMs = PACER_TICK_MS,
): ClockPacer {
  if (target.kind === 'replay' && !(target.speed > 0 && Number.isFinite(target.speed))) {
    throw new RangeError(`replay speed ${target.speed} must be a positive number`);
  }
  const startVenue = clock.now();
  const startReal = performance.now();
  const wall = target.kind === 'wall' ? (target.read ?? Date.now) : undefined;
  const goal = (): number =>
    wall
      ? wall()
      : startVenue + (performance.now() - startReal) * (target as { speed: number }).speed;
  const timer = setInterval(() => clock.advanceTo(Math.floor(goal())), tickMs);
  timer.unref?.();
  return { stop: () => clearInterval(timer) };
}
