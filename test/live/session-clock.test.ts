/**
 * SessionClock, a live run's clock: it passes the Clock contract; the kernel's moves set it
 * exactly; a sleep ends when the venue's time (here a venue replaying at 60x on a stepped wall)
 * reaches its target, with the clock then at the target; a sleep the feed overtook (the kernel
 * moved the clock) ends without moving it; and in a kernel run a timer set between two candles
 * fires at its time while the next candle is still to come, the candles keeping their close stamps.
 */
import { describe, expect, it } from 'vitest';
import { batchFromCandles, type CandleBatch } from '../../src/core/candle.ts';
import { Kernel, type MarketDataFeed } from '../../src/engine/index.ts';
import { SessionClock } from '../../src/live/session-clock.ts';
import { SystemClock } from '../../src/live/system-clock.ts';
import { describeClockContract } from '../contracts/clock.contract.ts';
import { candles, instrument } from '../stubs/candles.ts';
import { ScriptedStrategy } from '../stubs/scripted-strategy.ts';
import { VenueLikeBroker } from '../stubs/venue-like-broker.ts';

const M = 60_000;
const T0 = Date.UTC(2024, 9, 2, 8);
const SPEED = 60;

describeClockContract(
  'SessionClock',
  () => new SessionClock(Date.now(), { venueNow: Date.now, recheckMs: 5 }),
);

/** A venue replaying at SPEED over a wall the clock's own waits move (no real time passes). */
function replayedVenue(startVenue: number) {
  let wall = 0;
  const v = {
    venue: startVenue,
    waits: [] as number[],
    wall: new SystemClock(
      () => wall,
      async (ms) => {
        v.waits.push(ms);
        wall += ms;
        v.venue += ms * SPEED;
        await new Promise((r) => setImmediate(r));
      },
    ),
  };
  return v;
}

describe('SessionClock', () => {
  it('wakes when the venue reaches the target, the clock then at it', async () => {
    const v = replayedVenue(T0);
    const c = new SessionClock(T0, { venueNow: () => v.venue, wall: v.wall });
    await c.sleepUntil(T0 + 30_000);
    expect(c.now()).toBe(T0 + 30_000);
    // 30 s of venue time at 60x: well under a second of wall time, in one wait.
    expect(v.waits).toEqual([1000]);
    c.advanceTo(T0 + M);
    expect(c.now()).toBe(T0 + M);
    c.advanceTo(T0);
    expect(c.now()).toBe(T0 + M);
  });

  it('waits while the venue time is unknown, re-checking', async () => {
    const v = replayedVenue(T0);
    let known = false;
    const c = new SessionClock(T0, {
      venueNow: () => (known ? v.venue : NaN),
      wall: v.wall,
      recheckMs: 250,
    });
    const p = c.sleepUntil(T0 + 10);
    await new Promise((r) => setImmediate(r));
    known = true;
    await p;
    expect(c.now()).toBe(T0 + 10);
    expect(v.waits[0]).toBe(250);
  });

  it('ends a sleep the kernel overtook without moving the clock', async () => {
    let release = () => undefined as void;
    let venue = T0;
    let wallNow = 0;
    // Each wait of the wall ends when the test says so, the wall then moved by what was asked.
    const wall = new SystemClock(
      () => wallNow,
      (ms) =>
        new Promise<void>((r) => {
          release = () => {
            wallNow += ms;
            r();
          };
        }),
    );
    const c = new SessionClock(T0, { venueNow: () => venue, wall });
    const sleeping = c.sleepUntil(T0 + 10 * M);
    await new Promise((r) => setImmediate(r));
    // The feed won the race: the kernel moves the clock to its event.
    c.advanceTo(T0 + M);
    venue = T0 + 11 * M;
    release();
    await sleeping;
    expect(c.now()).toBe(T0 + M);
  });

  it('fires a kernel timer at its time between two candles', async () => {
    const sber = instrument({ ticker: 'SBER' });
    const minute = { instrumentUid: sber.uid, interval: '1m' } as const;
    const bars = candles(T0, M, [
      [100, 101, 99, 100],
      [100, 102, 99, 101],
    ]);
    // The second candle comes only once the timer has fired (the stream has nothing before).
    let second = () => undefined as void;
    const gate = new Promise<void>((r) => (second = r));
    const feed: MarketDataFeed = {
      missing: () => [],
      read: (): AsyncIterable<CandleBatch> =>
        (async function* () {
          yield batchFromCandles([bars[0]]);
          await gate;
          yield batchFromCandles([bars[1]]);
        })(),
    };
    const v = replayedVenue(T0 + M);
    const clock = new SessionClock(T0, { venueNow: () => v.venue, wall: v.wall });
    const strategy = new ScriptedStrategy((k, _c, ctx) => {
      if (k === 0) ctx.setTimer(T0 + M + 30_000, 'half-minute');
    });
    strategy.onTimerHook = () => second();
    const kernel = new Kernel({
      strategy,
      instruments: [sber],
      subscriptions: [minute],
      range: { from: T0, to: T0 + 2 * M },
      feed,
      broker: new VenueLikeBroker({ slices: [], price: 100, now: () => clock.now() }),
      clock,
      startingCash: 10_000,
      historyLength: 5,
      recordEquity: false,
    });
    await kernel.run();
    expect(strategy.log).toEqual([
      `candle SBER 1m ${new Date(T0).toISOString()}`,
      `timer half-minute ${new Date(T0 + M + 30_000).toISOString()}`,
      `candle SBER 1m ${new Date(T0 + M).toISOString()}`,
    ]);
    expect(strategy.seen.map((c) => c.now)).toEqual([T0 + M, T0 + 2 * M]);
  });
});
