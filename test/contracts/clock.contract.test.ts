/** @module Runs the Clock contract against the replay clock and the system clock. */
import { describe, expect, it } from 'vitest';
import { ReplayClock } from '../../src/engine/index.ts';
import { SystemClock } from '../../src/live/system-clock.ts';
import { describeClockContract } from './clock.contract.ts';

describeClockContract('ReplayClock', () => new ReplayClock(Date.UTC(2024, 0, 1)));
describeClockContract('SystemClock', () => new SystemClock());

describe('SystemClock', () => {
  it('holds its last reading when the system clock steps back', () => {
    const readings = [1000, 2000, 1500, 2500];
    const c = new SystemClock(() => readings.shift() as number);
    expect([c.now(), c.now(), c.now(), c.now()]).toEqual([1000, 2000, 2000, 2500]);
  });
});
