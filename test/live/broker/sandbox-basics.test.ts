/**
 * TinvestBroker on the emulator's sandbox host: a market order is acknowledged at once, accepted,
 * and filled from TradesStream at the last trade price with the sandbox's 0.05% commission; a
 * resting limit order fills at its own price when a trade reaches it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { brokerRig, type BrokerRig } from './broker-rig.ts';

let rig: BrokerRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

describe('TinvestBroker on the sandbox host', () => {
  it('acknowledges a market order at once and fills it from TradesStream', async () => {
    rig = await brokerRig({ host: 'sandbox', broker: { sweepIntervalMs: 0 } });
    const r = rig;
    const ack = r.broker.submit({
      instrumentUid: r.instrument.uid,
      side: 'buy',
      lots: 2,
      type: 'market',
    });
    expect(ack).toEqual({ orderId: ack.orderId, accepted: true, pending: true });
    expect(ack.orderId).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    await r.untilAgrees();
    const mine = r.updates.filter((u) => u.orderId === ack.orderId);
    expect(mine.map((u) => u.status)).toEqual(['accepted', 'filled']);
    // 2 lots of SBER (10 units each) at the last trade, 100: value 2000, commission 0.05% = 1.
    expect(mine[1]).toMatchObject({
      price: 100,
      lots: 2,
      filledLots: 2,
      remainingLots: 0,
      commission: 1,
    });
    const kinds = r.events.map((e) => e.kind);
    expect(kinds).toContain('order-sent');
    // The fill came from the stream, not from a poll.
    expect(kinds).not.toContain('order-poll');
    expect(r.broker.openOrders()).toEqual([]);
  });

  it('fills a resting limit order at its own price once a trade reaches it', async () => {
    rig = await brokerRig({ host: 'sandbox', broker: { sweepIntervalMs: 0 } });
    const r = rig;
    const ack = r.broker.submit({
      instrumentUid: r.instrument.uid,
      side: 'buy',
      lots: 3,
      type: 'limit',
      limitPrice: 99.5,
    });
    await r.untilAgrees();
    expect(r.broker.openOrders().map((o) => [o.orderId, o.remainingLots])).toEqual([
      [ack.orderId, 3],
    ]);
    await r.step({ open: 100, high: 100.2, low: 99.4, close: 99.8 });
    const mine = r.updates.filter((u) => u.orderId === ack.orderId);
    expect(mine.map((u) => u.status)).toEqual(['accepted', 'filled']);
    // 3 lots x 10 x 99.5 = 2985; 0.05% = 1.4925, which the venue charges rounded to kopecks.
    expect(mine[1]).toMatchObject({ price: 99.5, lots: 3, commission: 1.49 });
  });
});
