/**
 * @module Each risk guard through the real kernel and the SimulatedBroker over an in-memory feed:
 * it trips at its limit and not one lot before (values computed by hand in the comments), a refusal
 * is an ordinary rejection (ack, `rejected` update, `guard-trip` event), and tripping the daily
 * loss or the kill switch cancels the resting orders.
 */
import { describe, expect, it } from 'vitest';
import { accountPositions } from '../../../src/live/guards/account-position.ts';
import { KillSwitch } from '../../../src/live/guards/kill-switch.ts';
import { instrument } from '../../stubs/candles.ts';
import type { OrderAck } from '../../../src/engine/index.ts';
import { H, T0, runGuarded, statuses } from './kernel-harness.ts';

const run0 = instrument({ ticker: 'SBER' });
const flat = (n: number, price = 100) => Array.from({ length: n }, () => price);

describe('GuardedBroker: maximum order value', () => {
  it('passes an order worth exactly the limit and refuses one lot more, naming the guard', async () => {
    const acks: OrderAck[] = [];
    const run = await runGuarded({
      closes: flat(3),
      instrument: { lot: 10 },
      guards: () => ({ maxOrderValue: 7000.7 }),
      script: (k, ctx) => {
        if (k !== 0) return;
        // market at the last close 100: 7 × 10 × 100 = 7000 ≤ 7000.7; 8 lots = 8000 > 7000.7
        acks.push(ctx.buy(7), ctx.buy(8));
        // limit 100.01: 7 × 10 × 100.01 = 7000.7 exactly (7000.700000000001 in binary) passes
        acks.push(ctx.buy(7, { limit: 100.01 }));
        // limit 100.02: 7 × 10 × 100.02 = 7001.4 > 7000.7
        acks.push(ctx.buy(7, { limit: 100.02 }));
      },
    });
    expect(acks.map((a) => a.accepted)).toEqual([true, false, true, false]);
    expect(acks[1]).toMatchObject({ code: 'risk-limit', pending: false });
    expect(acks[1].reason).toBe(
      'max-order-value: order value 8 lots × 10 × 100 = 8000 > 7000.7 rub',
    );
    expect(acks[3].reason).toMatch(/^max-order-value: .* = 7001\.4 > 7000\.7 rub$/);
    const rejected = run.updates.filter((u) => u.status === 'rejected');
    expect(rejected.map((u) => u.orderId)).toEqual([acks[1].orderId, acks[3].orderId]);
    const trips = run.events.filter((e) => e.kind === 'guard-trip');
    expect(trips.map((e) => [e.guard, e.orderId, e.lots])).toEqual([
      ['max-order-value', acks[1].orderId, 8],
      ['max-order-value', acks[3].orderId, 7],
    ]);
    expect(trips[0].time).toBe(T0 + H);
    // both accepted orders filled at the next open (100)
    expect(run.state.portfolio.lots[0]).toBe(14);
  });

  it('refuses a market order it cannot value, and one in a foreign currency', async () => {
    const acks: OrderAck[] = [];
    await runGuarded({
      closes: flat(2),
      guards: () => ({ maxOrderValue: 1e9, lastPrice: () => undefined }),
      script: (k, ctx) => {
        if (k === 0) acks.push(ctx.buy(1), ctx.buy(1, { limit: 99 }));
      },
    });
    expect(acks.map((a) => a.accepted)).toEqual([false, true]);
    expect(acks[0].reason).toBe('max-order-value: no last price to value a market order');
    const usd: OrderAck[] = [];
    await runGuarded({
      closes: flat(2),
      instrument: { currency: 'usd' },
      guards: () => ({ maxOrderValue: 1e9 }),
      script: (k, ctx) => {
        if (k === 0) usd.push(ctx.buy(1));
      },
    });
    expect(usd[0].reason).toBe('max-order-value: instrument priced in usd, account in rub');
  });
});

describe('GuardedBroker: maximum position', () => {
  it('counts the position plus open orders on the same side, and lets it reach the limit', async () => {
    const acks: Record<string, OrderAck> = {};
    const run = await runGuarded({
      closes: flat(5),
      guards: () => ({ maxPositionLots: 5 }),
      script: (k, ctx) => {
        if (k === 0) acks.buy3 = ctx.buy(3); // fills at the open of candle 1
        if (k === 1) {
          acks.buy2 = ctx.buy(2, { limit: 50, timeInForce: 'gtc' }); // 3 + 2 = 5: at the limit
          acks.buy1 = ctx.buy(1); // 3 held + 2 open + 1 = 6 > 5
          acks.sell10 = ctx.sell(10, { limit: 500, timeInForce: 'gtc' }); // 3 − 10 = −7 > 5
          acks.sell8 = ctx.sell(8, { limit: 500, timeInForce: 'gtc' }); // 3 − 8 = −5: at the limit
          acks.sell1 = ctx.sell(1); // 3 − 8 open − 1 = −6 > 5
        }
      },
    });
    const ok = Object.fromEntries(Object.entries(acks).map(([k, a]) => [k, a.accepted]));
    expect(ok).toEqual({
      buy3: true,
      buy2: true,
      buy1: false,
      sell10: false,
      sell8: true,
      sell1: false,
    });
    expect(acks.buy1.reason).toBe(
      'max-position: position 3, open buy 2, order 1: 6 lots would exceed 5',
    );
    expect(acks.sell1.reason).toBe(
      'max-position: position 3, open sell 8, order 1: 6 lots would exceed 5',
    );
    expect(run.guard.positionOf(run.inst.uid)).toBe(3);
    expect(run.state.portfolio.lots[0]).toBe(3);
  });

  it('reads the position from the kernel account when given it (a restored position counts)', async () => {
    const acks: OrderAck[] = [];
    await runGuarded({
      closes: flat(2),
      guards: (_clock, state) => ({
        maxPositionLots: 5,
        // 4 lots restored before the run: the account's lots plus 4
        position: (uid) => accountPositions(state().portfolio, [run0])(uid) + 4,
      }),
      script: (k, ctx) => {
        if (k === 0) acks.push(ctx.buy(2), ctx.buy(1));
      },
    });
    // 4 + 2 = 6 > 5 refused; 4 + 1 = 5 passes
    expect(acks.map((a) => a.accepted)).toEqual([false, true]);
    expect(acks[0].reason).toBe(
      'max-position: position 4, open buy 0, order 2: 6 lots would exceed 5',
    );
  });
});

describe('GuardedBroker: trading status and warm-up', () => {
  it('refuses while the status forbids trading or is unknown, in any spelling of the enum', async () => {
    const status: (string | undefined)[] = [
      'break_in_trading',
      undefined,
      'SECURITY_TRADING_STATUS_NORMAL_TRADING',
      'opening_auction_period',
      'dealer_normal_trading',
    ];
    const acks: OrderAck[] = [];
    let k0 = 0;
    await runGuarded({
      closes: flat(5),
      guards: () => ({ tradingStatus: () => status[k0] }),
      script: (k, ctx) => {
        k0 = k;
        acks.push(ctx.buy(1));
      },
    });
    expect(acks.map((a) => a.accepted)).toEqual([false, false, true, false, true]);
    expect(acks[0].reason).toBe(
      'trading-status: trading status break_in_trading does not allow orders',
    );
    expect(acks[1].reason).toBe('trading-status: trading status not known yet');
  });

  it('lets auctions through when the config widens the tradable statuses', async () => {
    const acks: OrderAck[] = [];
    await runGuarded({
      closes: flat(1),
      guards: () => ({
        tradingStatus: () => 'opening_auction_period',
        tradableStatuses: ['normal_trading', 'OPENING_AUCTION_PERIOD'],
      }),
      script: (_k, ctx) => acks.push(ctx.buy(1, { limit: 99 })),
    });
    expect(acks[0].accepted).toBe(true);
  });

  it('sends nothing before tradeFrom and trades from that instant on', async () => {
    const acks: [number, OrderAck][] = [];
    const run = await runGuarded({
      closes: flat(4),
      // onCandle runs at the candle's close time: T0 + (k + 1) h
      guards: () => ({ tradeFrom: T0 + 3 * H }),
      script: (k, ctx) => acks.push([k, ctx.buy(1)]),
    });
    expect(acks.map(([k, a]) => `${k}:${a.accepted}`)).toEqual([
      '0:false',
      '1:false',
      '2:true',
      '3:true',
    ]);
    expect(acks[0][1].reason).toBe('warm-up: no orders before 2024-03-04T10:00:00.000Z');
    expect(run.events.filter((e) => e.kind === 'guard-trip').map((e) => e.guard)).toEqual([
      'warm-up',
      'warm-up',
    ]);
  });
});

describe('GuardedBroker: kill switch', () => {
  it('cancels resting limit orders, refuses new ones and shows why', async () => {
    let kill!: KillSwitch;
    const kills: { kind: string; reason?: unknown }[] = [];
    const acks: OrderAck[] = [];
    const run = await runGuarded({
      closes: flat(4),
      guards: (clock) => {
        kill = new KillSwitch(clock, (e) => kills.push(e));
        return { killSwitch: kill };
      },
      script: (k, ctx) => {
        if (k === 0) acks.push(ctx.buy(2, { limit: 50, timeInForce: 'gtc' }));
        if (k === 1) acks.push(ctx.sell(1, { limit: 150, timeInForce: 'gtc' }));
        if (k === 2) {
          expect(ctx.openOrders()).toHaveLength(2);
          expect(kill.engage('operator: SIGINT')).toBe(true);
          expect(kill.engage('again')).toBe(false);
          expect(ctx.openOrders()).toEqual([]);
          acks.push(ctx.buy(1));
        }
      },
    });
    expect(statuses(run.updates)).toEqual([
      `${acks[0].orderId} accepted`,
      `${acks[1].orderId} accepted`,
      `${acks[0].orderId} cancelled`,
      `${acks[1].orderId} cancelled`,
      `${acks[2].orderId} rejected risk-limit kill-switch`,
    ]);
    expect(acks[2].reason).toBe('kill-switch: kill switch engaged: operator: SIGINT');
    expect(kills).toMatchObject([{ kind: 'kill', reason: 'operator: SIGINT', time: T0 + 3 * H }]);
    expect(kill.state).toEqual({ engaged: true, reason: 'operator: SIGINT', time: T0 + 3 * H });
  });
});
