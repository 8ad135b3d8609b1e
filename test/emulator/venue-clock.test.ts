/**
 * The venue clocks: a stepped ReplayClock moves exactly where it is told and hands listeners
 * minute-bounded pieces in order; a pacer moves it at the requested speed or with the wall clock.
 */
import { describe, expect, it } from 'vitest';
import { startPacer } from '../../src/emulator/venue/clock-pacer.ts';
import { FunctionClock, ReplayClock } from '../../src/emulator/venue/replay-clock.ts';

const T0 = Date.UTC(2024, 9, 2, 6, 59, 30);
const MINUTE = 60_000;

describe('ReplayClock', () => {
  it('advances exactly, in pieces that never cross a minute boundary, in order', () => {
    const clock = new ReplayClock(T0);
    const seen: [number, number][] = [];
    const off = clock.onAdvance((from, to) => seen.push([from, to]));
    clock.advanceTo(T0 + 2 * MINUTE + 10_000);
    expect(clock.now()).toBe(T0 + 2 * MINUTE + 10_000);
    const b = T0 + 30_000; // 07:00:00
    expect(seen).toEqual([
      [T0, b],
      [b, b + MINUTE],
      [b + MINUTE, b + MINUTE + 40_000],
    ]);
    clock.advanceTo(T0); // backwards: ignored
    clock.advanceTo(clock.now());
    expect(seen).toHaveLength(3);
    off();
    clock.advanceBy(5 * MINUTE);
    expect(seen).toHaveLength(3);
    expect(clock.now()).toBe(T0 + 7 * MINUTE + 10_000);
  });

  it('lets listeners read the new time and refuses to be advanced from inside a listener', () => {
    const clock = new ReplayClock(T0);
    const nows: number[] = [];
    clock.onAdvance((_from, to) => nows.push(clock.now() - to));
    clock.advanceBy(90_000);
    expect(nows).toEqual([0, 0]);
    clock.onAdvance(() => clock.advanceBy(1));
    expect(() => clock.advanceBy(1000)).toThrow(/advance listener/);
  });

  it('rejects a start that is not a time', () => {
    expect(() => new ReplayClock(Number.NaN)).toThrow(RangeError);
  });
});

describe('FunctionClock', () => {
  it('reads its function each time', () => {
    let t = 5;
    const c = new FunctionClock(() => t);
    expect(c.now()).toBe(5);
    t = 9;
    expect(c.now()).toBe(9);
    expect(typeof c.onAdvance()).toBe('function');
  });
});

describe('startPacer', () => {
  it('replays at the requested speed', async () => {
    const clock = new ReplayClock(T0);
    const pacer = startPacer(clock, { kind: 'replay', speed: 6000 }, 10);
    const real0 = performance.now();
    await new Promise((r) => setTimeout(r, 200));
    pacer.stop();
    const real = performance.now() - real0;
    const moved = clock.now() - T0;
    // 6000 simulated ms per real ms, give or take one tick of the timer.
    expect(moved).toBeGreaterThan(6000 * (real - 80));
    expect(moved).toBeLessThanOrEqual(6000 * real);
    const stopped = clock.now();
    await new Promise((r) => setTimeout(r, 40));
    expect(clock.now()).toBe(stopped);
  });

  it('follows a wall clock', async () => {
    let wall = T0 + 1000;
    const clock = new ReplayClock(T0);
    const pacer = startPacer(clock, { kind: 'wall', read: () => wall }, 5);
    await new Promise((r) => setTimeout(r, 30));
    expect(clock.now()).toBe(T0 + 1000);
    wall += 61_000;
    await new Promise((r) => setTimeout(r, 30));
    pacer.stop();
    expect(clock.now()).toBe(T0 + 62_000);
  });

  it('refuses a speed that is not positive', () => {
    expect(() => startPacer(new ReplayClock(T0), { kind: 'replay', speed: 0 })).toThrow(/speed/);
  });
});
