import { describe, expect, it } from 'vitest';
import { runBacktest, type BacktestConfig } from '../../src/engine/index.ts';
import { candles, instrument, randomWalk } from '../stubs/candles.ts';
import { MemoryFeed } from '../stubs/memory-feed.ts';
import { ScriptedStrategy, type Script } from '../stubs/scripted-strategy.ts';

const M = 60_000;
const H = 60 * M;
const T0 = Date.UTC(2024, 2, 4, 7); // Monday 07:00 UTC
const sber = instrument({ ticker: 'SBER' });
const gazp = instrument({ ticker: 'GAZP' });

function config(
  feed: MemoryFeed,
  strategy: ScriptedStrategy,
  o: Partial<BacktestConfig> = {},
): BacktestConfig {
  return {
    strategy,
    strategyName: 'scripted',
    instruments: [sber],
    interval: '1h',
    range: { from: T0, to: T0 + 24 * H },
    feed,
    startingCash: 100_000,
    ...o,
  };
}

describe('event order and the no-look-ahead rule', () => {
  const hourly = candles(T0, H, [
    [100, 101, 99, 100.5],
    [101, 103, 100, 102],
    [102.5, 104, 102, 103],
    [103, 103.5, 101, 101.5],
  ]);

  it('shows a candle only at its close and fills its order at the next open', async () => {
    const feed = new MemoryFeed().add({ instrumentUid: sber.uid, interval: '1h' }, hourly);
    const s = new ScriptedStrategy((k, _c, ctx) => {
      if (k === 0) ctx.buy(2);
    });
    const r = await runBacktest(config(feed, s));
    expect(s.seen.map((c) => c.now - c.time)).toEqual([H, H, H, H]);
    expect(s.startedAt).toBe(T0);
    expect(s.stoppedAt).toBe(T0 + 4 * H);
    // decided at the close of candle 0 (T0 + 1h): executes at candle 1's open, 101, stamped T0 + 1h
    expect(r.fills).toEqual([
      {
        orderId: 'sim-1',
        instrumentUid: sber.uid,
        side: 'buy',
        lots: 2,
        price: 101,
        time: T0 + H,
        commission: 0.1,
      },
    ]);
    // accepted at once (after the hook that placed it); the fill heard before the candle it executed in
    expect(s.log.slice(0, 4)).toEqual([
      `candle SBER 1h ${new Date(T0).toISOString()}`,
      'update accepted sim-1',
      'update filled sim-1',
      `candle SBER 1h ${new Date(T0 + H).toISOString()}`,
    ]);
    expect(s.updates.map((u) => [u.status, u.now])).toEqual([
      ['accepted', T0 + H],
      ['filled', T0 + 2 * H],
    ]);
  });

  it('with 1m and 1h subscribed, delivers the hour after its last minute and fills on the next minute', async () => {
    const minutes = randomWalk({ seed: 5, count: 180, start: T0, interval: '1m' });
    const hours = candles(T0, H, [
      [100, 101, 99, 100],
      [100, 101, 99, 100],
      [100, 101, 99, 100],
    ]);
    const feed = new MemoryFeed({ batchSize: 7 })
      .add({ instrumentUid: sber.uid, interval: '1h' }, hours)
      .add({ instrumentUid: sber.uid, interval: '1m' }, minutes);
    const script: Script = (_k, c, ctx) => {
      if (c.interval !== '1h' || c.time !== T0) return;
      // When the 10:00 hour arrives, every minute of that hour has been seen, and none after it.
      const minutesSeen = s.seen.filter((x) => x.interval === '1m');
      expect(minutesSeen.length).toBe(60);
      expect(minutesSeen.at(-1)?.time).toBe(T0 + 59 * M);
      expect(ctx.now()).toBe(T0 + H);
      ctx.buy(1);
    };
    const s = new ScriptedStrategy(script);
    const r = await runBacktest(
      config(feed, s, {
        interval: undefined,
        subscriptions: [
          { instrumentUid: sber.uid, interval: '1h' },
          { instrumentUid: sber.uid, interval: '1m' },
        ],
      }),
    );
    expect(s.seen.filter((x) => x.interval === '1h').map((x) => x.now)).toEqual([
      T0 + H,
      T0 + 2 * H,
      T0 + 3 * H,
    ]);
    // the order from the hour that closed at T0 + 1h fills at the open of the minute opening then
    expect(r.fills).toHaveLength(1);
    expect(r.fills[0].time).toBe(T0 + H);
    expect(r.fills[0].price).toBe(minutes.open[60]);
    // one equity mark per distinct close time: 180 minutes, hours add none
    expect(r.equity.time.length).toBe(180);
    expect(r.equity.time[59]).toBe(T0 + 59 * M);
  });

  it("does not fill an order on another instrument's candle that closed at the same instant", async () => {
    const a = candles(T0, H, [
      [100, 100, 100, 100],
      [110, 110, 110, 110],
    ]);
    const b = candles(T0, H, [
      [50, 50, 50, 50],
      [60, 60, 60, 60],
    ]);
    const feed = new MemoryFeed()
      .add({ instrumentUid: sber.uid, interval: '1h' }, a)
      .add({ instrumentUid: gazp.uid, interval: '1h' }, b);
    const s = new ScriptedStrategy((k, _c, ctx) => {
      if (k === 0) ctx.buy(1, { instrument: 'GAZP' }); // decided on SBER's first candle
    });
    const r = await runBacktest(config(feed, s, { instruments: [sber, gazp] }));
    // GAZP's first candle closed at the same instant but opened before the decision: fill at 60
    expect(r.fills.map((f) => [f.instrumentUid, f.price, f.time])).toEqual([
      [gazp.uid, 60, T0 + H],
    ]);
    // marks: one per close time, stamped with the candles' open time
    expect(Array.from(r.equity.time)).toEqual([T0, T0 + H]);
    // equity at the second mark: cash 100000 - 60 - 0.03 + 1 × 60
    expect(r.equity.equity[1]).toBeCloseTo(100_000 - 0.03, 9);
  });
});

describe('orders from the context', () => {
  it('targetPosition trades the difference, counting pending market orders', async () => {
    const feed = new MemoryFeed().add(
      { instrumentUid: sber.uid, interval: '1h' },
      candles(T0, H, [
        [100, 100, 100, 100],
        [100, 100, 100, 100],
        [100, 100, 100, 100],
        [100, 100, 100, 100],
      ]),
    );
    const acks: unknown[] = [];
    const s = new ScriptedStrategy((k, _c, ctx) => {
      if (k === 0) {
        acks.push(ctx.targetPosition(3)?.accepted);
        acks.push(ctx.targetPosition(3)); // already pending: nothing to do
      }
      if (k === 1) acks.push(ctx.targetPosition(-2)?.accepted);
    });
    const r = await runBacktest(config(feed, s, { allowShort: true }));
    expect(acks).toEqual([true, undefined, true]);
    expect(r.fills.map((f) => `${f.side} ${f.lots}`)).toEqual(['buy 3', 'sell 5']);
    expect(r.openPositions).toEqual([
      {
        instrument: 'SBER',
        instrumentUid: sber.uid,
        lots: -2,
        averagePrice: 100,
        lastPrice: 100,
        unrealizedPnl: 0,
      },
    ]);
  });

  it('delivers rejections as updates and counts them', async () => {
    const feed = new MemoryFeed().add(
      { instrumentUid: sber.uid, interval: '1h' },
      candles(T0, H, [
        [100, 100, 100, 100],
        [100, 100, 100, 100],
      ]),
    );
    const s = new ScriptedStrategy((k, _c, ctx) => {
      if (k === 0) {
        ctx.sell(1); // shorts are off
        ctx.buy(5000); // 500,000 > cash
      }
    });
    const r = await runBacktest(config(feed, s));
    const seen = s.updates.map((u) => [
      u.status,
      u.status === 'rejected' ? u.code : '',
      u.status === 'rejected' ? u.reason.split(':')[0] : '',
    ]);
    expect(seen).toEqual([
      ['accepted', '', ''],
      ['accepted', '', ''],
      ['rejected', 'short-not-allowed', 'short selling not allowed'],
      ['rejected', 'insufficient-cash', 'insufficient cash'],
    ]);
    expect(r.rejectedOrders).toBe(2);
    expect(r.rejections).toEqual({
      total: 2,
      byReason: { 'short-not-allowed': 1, 'insufficient-cash': 1 },
    });
    expect(r.fills).toEqual([]);
  });

  it('offers rolling history and instrument specs', async () => {
    const feed = new MemoryFeed().add(
      { instrumentUid: sber.uid, interval: '1h' },
      candles(T0, H, [
        [100, 101, 99, 100.5],
        [101, 103, 100, 102],
        [102.5, 104, 102, 103],
      ]),
    );
    const seen: number[][] = [];
    const s = new ScriptedStrategy((_k, _c, ctx) => {
      const h = ctx.history();
      seen.push(Array.from(h.values('close')));
      expect(ctx.instrument('SBER').minPriceIncrement).toBe(0.01);
      expect(() => ctx.history('SBER', '1m')).toThrow(/not a subscribed series/);
      expect(() => ctx.position('LKOH')).toThrow(/not part of this run/);
    });
    await runBacktest(config(feed, s, { historyLength: 2 }));
    expect(seen).toEqual([[100.5], [100.5, 102], [102, 103]]);
  });
});

describe('calendar intervals', () => {
  it('delivers a monthly candle at the first instant of the next month', async () => {
    const jan = Date.UTC(2024, 0, 1);
    const feb = Date.UTC(2024, 1, 1);
    const mar = Date.UTC(2024, 2, 1);
    const monthly = [jan, feb].map((time) => ({
      time,
      open: 100,
      high: 101,
      low: 99,
      close: 100,
      volume: 1,
    }));
    const feed = new MemoryFeed().add({ instrumentUid: sber.uid, interval: '1M' }, monthly);
    const s = new ScriptedStrategy();
    const r = await runBacktest(
      config(feed, s, { interval: '1M', range: { from: jan, to: Date.UTC(2024, 3, 1) } }),
    );
    expect(s.seen.map((c) => c.now)).toEqual([feb, mar]);
    expect(r.equity.time.length).toBe(2);
  });
});

describe('timers', () => {
  it('fire at their time: after the candles closing then, before later ones', async () => {
    const hourly = candles(T0, H, [
      [100, 100, 100, 100],
      [101, 101, 101, 101],
      [102, 102, 102, 102],
    ]);
    const feed = new MemoryFeed().add({ instrumentUid: sber.uid, interval: '1h' }, hourly);
    const s = new ScriptedStrategy(
      () => {},
      undefined,
      (ctx) => {
        ctx.setTimer(T0 + H, 'at-close'); // the instant the first candle closes
        ctx.setTimer(T0 + H + 30 * M, 'mid'); // inside the second candle
        ctx.setTimer(T0 + 10 * H, 'never'); // after the data
        expect(() => ctx.setTimer(T0 - 1)).toThrow(/not a time at or after now/);
      },
    );
    s.onTimerHook = (tag, ctx) => {
      if (tag === 'mid') ctx.buy(1);
    };
    const r = await runBacktest(config(feed, s));
    const iso = (t: number) => new Date(t).toISOString();
    expect(s.log).toEqual([
      `candle SBER 1h ${iso(T0)}`,
      `timer at-close ${iso(T0 + H)}`,
      `timer mid ${iso(T0 + H + 30 * M)}`,
      'update accepted sim-1',
      `candle SBER 1h ${iso(T0 + H)}`,
      'update filled sim-1',
      `candle SBER 1h ${iso(T0 + 2 * H)}`,
    ]);
    // placed at 08:30, inside the 08:00 candle: it fills at the 09:00 open, not in the candle it saw start
    expect(r.fills[0]).toMatchObject({ price: 102, time: T0 + 2 * H });
  });
});
