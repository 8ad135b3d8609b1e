/**
 * @module The daily-loss guard through the kernel: 10 lots bought at 100 with 10,000 RUB, then the
 * price falls. Loss = day's starting equity (10,000) − equity, so a close of 90 loses exactly the
 * 100 limit (trips) and 90.01 loses 99.90 (does not). Tripping cancels the resting orders, refuses
 * new ones for the rest of the trading day, optionally flattens, and a new day trades again.
 */
import { describe, expect, it } from 'vitest';
import type { OrderAck } from '../../../src/engine/index.ts';
import { FLATTEN_TAG } from '../../../src/live/guards/guarded-broker.ts';
import { H, T0, runGuarded, statuses } from './kernel-harness.ts';

// Candles k = 0..5 close at 08:00 + k h; a trading day starting 12:30 UTC puts k = 5 in a new day.
const DAY_START = 12.5 * H;

async function fallTo(close4: number, flatten: boolean) {
  const acks: OrderAck[] = [];
  const run = await runGuarded({
    closes: [100, 100, 95, 91, close4, close4],
    cash: 10_000,
    guards: (_clock, state) => ({
      maxDailyLoss: 100,
      equity: () => state().portfolio.equity(),
      flattenOnDailyLoss: flatten,
      dayStartOffsetMs: DAY_START,
    }),
    script: (k, ctx) => {
      acks.push(k === 0 ? ctx.buy(10) : ctx.buy(1, { limit: 50, timeInForce: 'gtc' }));
      // a second try in the same step meets the tripped guard (or, before it, passes)
      if (k === 4) acks.push(ctx.buy(1, { limit: 50, timeInForce: 'gtc' }));
    },
  });
  return { ...run, acks };
}

describe('GuardedBroker: maximum daily loss', () => {
  it('trips when the loss reaches the limit: cancels resting orders, refuses, flattens', async () => {
    const r = await fallTo(90, true);
    const [, k1, k2, k3, k4, again, k5] = r.acks;
    expect(r.acks.map((a) => a.accepted)).toEqual([true, true, true, true, false, false, true]);
    expect(again.reason).toBe(k4.reason);
    expect(k4.reason).toBe('max-daily-loss: daily loss limit reached; trading stopped for the day');
    const trip = r.events.find((e) => e.guard === 'max-daily-loss' && e.loss !== undefined);
    expect(trip).toMatchObject({ kind: 'guard-trip', loss: 100, time: T0 + 5 * H });
    expect(trip?.reason).toBe('max-daily-loss: lost 100 of 100 today');
    const lines = statuses(r.updates);
    const from = lines.indexOf(`${k3.orderId} accepted`) + 1;
    const flattenId = r.updates.find((u) => u.request.tag === FLATTEN_TAG)?.orderId as string;
    expect(lines.slice(from, from + 7)).toEqual([
      `${k1.orderId} cancelled`,
      `${k2.orderId} cancelled`,
      `${k3.orderId} cancelled`,
      `${flattenId} accepted`,
      `${k4.orderId} rejected risk-limit max-daily-loss`,
      `${again.orderId} rejected risk-limit max-daily-loss`,
      `${flattenId} filled 10@90`,
    ]);
    // flat at 90 after buying at 100: 10,000 − 100; the new day's order rests again
    expect(r.state.portfolio.lots[0]).toBe(0);
    expect(r.state.portfolio.cash).toBe(9900);
    expect(r.guard.dailyLossTripped).toBe(false);
    expect(r.guard.openOrders().map((o) => o.orderId)).toEqual([k5.orderId]);
  });

  it('does not trip one tick before the limit (a loss of 99.90)', async () => {
    const r = await fallTo(90.01, true);
    expect(r.acks.every((a) => a.accepted)).toBe(true);
    expect(r.events.filter((e) => e.kind === 'guard-trip')).toEqual([]);
    expect(r.state.portfolio.lots[0]).toBe(10);
  });

  it('keeps the position when flattening is off', async () => {
    const r = await fallTo(90, false);
    expect(r.updates.some((u) => u.request.tag === FLATTEN_TAG)).toBe(false);
    expect(r.state.portfolio.lots[0]).toBe(10);
    expect(r.acks.map((a) => a.accepted)).toEqual([true, true, true, true, false, false, true]);
  });
});

describe('GuardedBroker: daily loss between orders and across a restart', () => {
  it('trips on a candle alone: resting orders are cancelled before the strategy sees it', async () => {
    const seen: string[] = [];
    const r = await runGuarded({
      closes: [100, 100, 90, 90],
      cash: 10_000,
      guards: (_clock, state) => ({ maxDailyLoss: 100, equity: () => state().portfolio.equity() }),
      script: (k, ctx) => {
        seen.push(`k${k} open=${ctx.openOrders().length}`);
        if (k === 0) ctx.buy(10);
        if (k === 1) ctx.buy(1, { limit: 50, timeInForce: 'gtc' });
      },
    });
    // At candle 2 the kernel's last price is still 100 (loss 0); at candle 3's broker hook the
    // account is marked at 90: loss 10 × 10 = 100 trips before the strategy runs.
    expect(seen).toEqual(['k0 open=0', 'k1 open=0', 'k2 open=1', 'k3 open=0']);
    const trip = r.events.find((e) => e.kind === 'guard-trip');
    expect(trip).toMatchObject({ guard: 'max-daily-loss', loss: 100, time: T0 + 4 * H });
  });

  it('counts the losses before a restart from the day start equity it is given', async () => {
    const firstOrder = async (dayStart: number) => {
      const acks: OrderAck[] = [];
      await runGuarded({
        closes: [100, 100],
        cash: 10_000,
        guards: (_clock, state) => ({
          maxDailyLoss: 100,
          equity: () => state().portfolio.equity(),
          dayStartEquity: () => dayStart,
        }),
        script: (k, ctx) => {
          if (k === 0) acks.push(ctx.buy(1, { limit: 50 }));
        },
      });
      return acks[0];
    };
    // the journal says the day started at 10,060: 60 lost before the restart, under the limit
    expect((await firstOrder(10_060)).accepted).toBe(true);
    // 10,100: 100 lost before the restart, at the limit
    expect((await firstOrder(10_100)).reason).toMatch(/^max-daily-loss:/);
  });
});
