/**
 * @module The kernel over feeds whose candles are still on their way (a live stream's): the merge
 * goes on with a 1-minute series while the 1-hour candle it cannot need yet is pending, waits when
 * the order depends on it, and delivers exactly the sequence the same candles give when they are all
 * there at once; on a clock that moves by itself, a timer fires while the kernel waits for the feed.
 */
import { describe, expect, it } from 'vitest';
import { batchFromCandles, type Candle, type CandleBatch } from '../../src/core/candle.ts';
import { Kernel, ReplayClock, type Clock, type MarketDataFeed } from '../../src/engine/index.ts';
import type { SeriesKey } from '../../src/engine/ports/market-data-feed.ts';
import { SystemClock } from '../../src/live/system-clock.ts';
import { candles, instrument } from '../stubs/candles.ts';
import { MemoryFeed } from '../stubs/memory-feed.ts';
import { ScriptedStrategy } from '../stubs/scripted-strategy.ts';
import { VenueLikeBroker } from '../stubs/venue-like-broker.ts';

const M = 60_000;
const H = 60 * M;
const T0 = Date.UTC(2024, 2, 4, 7);
const sber = instrument({ ticker: 'SBER' });
const minute: SeriesKey = { instrumentUid: sber.uid, interval: '1m' };
const hour: SeriesKey = { instrumentUid: sber.uid, interval: '1h' };
const bars = (start: number, step: number, n: number) =>
  candles(
    start,
    step,
    Array.from({ length: n }, (_, k) => [100 + k, 101 + k, 99 + k, 100 + k]),
  );
const MINUTES = bars(T0, M, 150);
const HOURS = bars(T0, H, 2);

/** A live-like feed: each series' candles come one by one, each only once `release` lets it. */
class GatedFeed implements MarketDataFeed {
  private readonly waiters = new Map<string, Array<() => void>>();
  readonly released = new Map<string, number>();

  constructor(private readonly data: Map<string, Candle[]>) {}

  /** Lets the next `n` candles of a series through. */
  release(key: SeriesKey, n = 1): void {
    const id = `${key.interval}`;
    this.released.set(id, (this.released.get(id) ?? 0) + n);
    for (const w of this.waiters.get(id)?.splice(0) ?? []) w();
  }

  missing = () => [];

  read(key: SeriesKey): AsyncIterable<CandleBatch> {
    const id = `${key.interval}`;
    const list = this.data.get(id) ?? [];
    const gate = (k: number) => this.gate(id, k);
    return (async function* () {
      for (let k = 0; k < list.length; k++) {
        await gate(k);
        yield batchFromCandles([list[k]]);
      }
    })();
  }

  /** Resolves once the `k`-th candle of a series is released. */
  private async gate(id: string, k: number): Promise<void> {
    while ((this.released.get(id) ?? 0) <= k) {
      await new Promise<void>((r) => {
        const arr = this.waiters.get(id) ?? [];
        arr.push(r);
        this.waiters.set(id, arr);
      });
    }
  }
}

function kernelWith(feed: MarketDataFeed, strategy: ScriptedStrategy, clock: Clock) {
  return new Kernel({
    strategy,
    instruments: [sber],
    subscriptions: [minute, hour],
    range: { from: T0, to: T0 + 150 * M },
    feed,
    broker: new VenueLikeBroker({ slices: [], price: 100, now: () => clock.now() }),
    clock,
    startingCash: 10_000,
    historyLength: 5,
    recordEquity: false,
  });
}

describe('kernel merge over pending live series', () => {
  it('delivers 1-minute candles while the 1-hour candle is on its way, in the order a backtest gives', async () => {
    const reference = new ScriptedStrategy();
    const all = new MemoryFeed().add(minute, MINUTES).add(hour, HOURS);
    await kernelWith(all, reference, new ReplayClock(T0)).run();

    const feed = new GatedFeed(
      new Map([
        ['1m', MINUTES],
        ['1h', HOURS],
      ]),
    );
    const seenBeforeHour: number[] = [];
    const live = new ScriptedStrategy((_k, c) => {
      if (c.interval === '1m' && (feed.released.get('1h') ?? 0) === 0) seenBeforeHour.push(c.time);
    });
    const run = kernelWith(feed, live, new ReplayClock(T0)).run();
    // The minutes of the first hour arrive as they close; the hour candle is not there yet.
    for (let k = 0; k < 59; k++) {
      feed.release(minute);
      await new Promise((r) => setImmediate(r));
    }
    // 59 minutes close before 08:00, when the hour closes: none of them needs the hour candle.
    expect(seenBeforeHour.length).toBe(59);
    // The minute closing at 08:00 ties with the hour: the merge must wait for the hour first.
    feed.release(minute);
    await new Promise((r) => setImmediate(r));
    expect(seenBeforeHour.length).toBe(59);
    feed.release(hour, 2);
    feed.release(minute, 90);
    await run;
    expect(live.log).toEqual(reference.log);
    expect(live.seen.map((c) => c.now)).toEqual(reference.seen.map((c) => c.now));
  });

  it('fires a timer on wall time while the feed has nothing to give', async () => {
    let wall = T0 + M;
    const clock = new SystemClock(() => wall);
    const sleeping: number[] = [];
    clock.sleepUntil = (t: number) => {
      sleeping.push(t);
      wall = t;
      return Promise.resolve();
    };
    const feed = new GatedFeed(new Map([['1m', MINUTES.slice(0, 2)]]));
    const timers: string[] = [];
    const strategy = new ScriptedStrategy((k, _c, ctx) => {
      if (k === 0) ctx.setTimer(T0 + 30 * M, 'half-hour');
    });
    strategy.onTimer = (tag, ctx) => {
      timers.push(`${tag} ${ctx.now()}`);
      feed.release(minute);
    };
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
    feed.release(minute);
    await kernel.run();
    expect(sleeping).toEqual([T0 + 30 * M]);
    expect(timers).toEqual([`half-hour ${T0 + 30 * M}`]);
    expect(strategy.seen.length).toBe(2);
  });
});
