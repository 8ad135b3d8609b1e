/**
 * @module The kernel driven through its ports alone by a broker that behaves like a real venue's:
 * pending acknowledgements, partial fills that move the position and the remaining quantity, and
 * order events delivered while the kernel waits for the feed (as a live stream delivers them).
 */
import { describe, expect, it } from 'vitest';
import { batchFromCandles, type CandleBatch } from '../../src/core/candle.ts';
import {
  Kernel,
  ReplayClock,
  type MarketDataFeed,
  type OrderUpdate,
  type StrategyContext,
} from '../../src/engine/index.ts';
import { SystemClock } from '../../src/live/system-clock.ts';
import { candles, instrument } from '../stubs/candles.ts';
import { MemoryFeed } from '../stubs/memory-feed.ts';
import { ScriptedStrategy } from '../stubs/scripted-strategy.ts';
import { VenueLikeBroker } from '../stubs/venue-like-broker.ts';

const H = 3_600_000;
const T0 = Date.UTC(2024, 2, 4, 7);
const sber = instrument({ ticker: 'SBER' });
const series = { instrumentUid: sber.uid, interval: '1h' as const };
const flat = (n: number) =>
  candles(
    T0,
    H,
    Array.from({ length: n }, () => [100, 100, 100, 100]),
  );

describe('kernel with a venue-like broker', () => {
  it('applies partial fills to the position and shows the remaining lots', async () => {
    const clock = new ReplayClock(T0);
    const broker = new VenueLikeBroker({
      slices: [1, 2],
      price: 100,
      commission: 0.1,
      now: () => clock.now(),
    });
    const seen: string[] = [];
    const record = (u: OrderUpdate, ctx: StrategyContext) => {
      const open = ctx.openOrders()[0];
      seen.push(`${u.status} pos=${ctx.positionLots()} open=${open?.remainingLots ?? '-'}`);
      if (u.status === 'partially-filled') {
        // position 1 + 2 still open on the market order: already at the target
        expect(ctx.targetPosition(3)).toBeUndefined();
      }
    };
    const strategy = new ScriptedStrategy((k, _c, ctx) => {
      if (k === 0) {
        const ack = ctx.buy(3);
        expect(ack).toMatchObject({ accepted: true, pending: true });
      }
    }, record);
    const kernel = new Kernel({
      strategy,
      instruments: [sber],
      subscriptions: [series],
      range: { from: T0, to: T0 + 5 * H },
      feed: new MemoryFeed().add(series, flat(5)),
      broker,
      clock,
      startingCash: 10_000,
      historyLength: 10,
      recordEquity: false,
    });
    const s = await kernel.run();
    expect(seen).toEqual([
      'accepted pos=0 open=3',
      'partially-filled pos=1 open=2',
      'filled pos=3 open=-',
    ]);
    expect(s.portfolio.fills.map((f) => [f.lots, f.price, f.commission])).toEqual([
      [1, 100, 0.1],
      [2, 100, 0.1],
    ]);
    expect(s.portfolio.lots[0]).toBe(3);
    expect(s.portfolio.cash).toBeCloseTo(10_000 - 300 - 0.2, 9);
    expect(s.portfolio.averagePrice[0]).toBe(100);
  });

  it('delivers an order event that arrives while it waits for the feed, without waiting for the next candle', async () => {
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    const [first, second] = flat(2);
    // An async feed whose second candle comes only after the strategy has heard of its order.
    const feed: MarketDataFeed = {
      missing: () => [],
      read: () =>
        (async function* (): AsyncGenerator<CandleBatch> {
          yield batchFromCandles([first]);
          await gate;
          yield batchFromCandles([second]);
        })(),
    };
    const clock = new SystemClock(() => T0 + 3 * H);
    const broker = new VenueLikeBroker({ slices: [], price: 100, now: () => clock.now() });
    const log: string[] = [];
    const strategy = new ScriptedStrategy(
      (k, _c, ctx) => {
        log.push(`candle ${k}`);
        if (k === 0) {
          ctx.buy(1);
          broker.emitLater();
        }
      },
      (u) => {
        log.push(`update ${u.status}`);
        open();
      },
    );
    const kernel = new Kernel({
      strategy,
      instruments: [sber],
      subscriptions: [series],
      range: { from: T0, to: T0 + 2 * H },
      feed,
      broker,
      clock,
      startingCash: 10_000,
      historyLength: 10,
      recordEquity: false,
    });
    await kernel.run();
    // Without delivery outside a step the run would never end: the feed waits for the strategy.
    expect(log).toEqual(['candle 0', 'update accepted', 'update filled', 'candle 1']);
  });
});
