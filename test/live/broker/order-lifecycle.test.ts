/**
 * The rest of an order's life through TinvestBroker: a cancel asked for before the venue answered,
 * a cancel after a partial fill, a day order the venue ends at the close of its session (found by
 * the sweep, since TradesStream does not report it), the venue's own refusal, and the requests the
 * broker refuses before sending anything.
 */
import { describe, expect, it } from 'vitest';
import { expectWellFormed } from '../../contracts/broker.contract.ts';
import { rigPerTest } from './broker-rig.ts';

const newRig = rigPerTest();

const HOUR = 3_600_000;

describe('order life through TinvestBroker', () => {
  it('cancels an order asked to be cancelled before the venue answered', async () => {
    const r = await newRig({ host: 'sandbox', broker: { sweepIntervalMs: 0 } });
    const ack = r.broker.submit({
      instrumentUid: r.instrument.uid,
      side: 'buy',
      lots: 2,
      type: 'limit',
      limitPrice: 90,
    });
    // Still on its way: the broker holds the cancel until the venue names the order.
    expect(r.broker.cancel(ack.orderId)).toBe(true);
    expect(r.broker.cancel(ack.orderId)).toBe(false);
    await r.untilAgrees();
    const mine = r.updates.filter((u) => u.orderId === ack.orderId);
    expect(mine.map((u) => u.status)).toEqual(['accepted', 'cancelled']);
    expect(mine[1]).toMatchObject({ reason: 'cancelled on request', filledLots: 0 });
    expect(await r.venueOpen()).toEqual(new Map());
  });

  it('cancels the rest of a partly filled order and reports what had filled', async () => {
    const r = await newRig({ host: 'prod', broker: { sweepIntervalMs: 0 } });
    const ack = r.broker.submit({
      instrumentUid: r.instrument.uid,
      side: 'sell',
      lots: 5,
      type: 'limit',
      limitPrice: 100.5,
    });
    await r.untilAgrees();
    await r.step({ open: 100, high: 100.6, low: 100, close: 100.2 }, 2);
    expect(r.broker.openOrders().map((o) => o.remainingLots)).toEqual([3]);
    expect(r.broker.cancel(ack.orderId)).toBe(true);
    await r.untilAgrees();
    const mine = r.updates.filter((u) => u.orderId === ack.orderId);
    expectWellFormed(mine, 5);
    expect(mine.map((u) => u.status)).toEqual(['accepted', 'partially-filled', 'cancelled']);
    expect(mine[2]).toMatchObject({ filledLots: 2 });
  });

  it('reports a day order the venue ended at the close of the session as expired', async () => {
    // TradesStream tells nothing of it: the sweep finds it (OrderStateStream: order-state-stream.test.ts).
    const r = await newRig({
      host: 'sandbox',
      broker: {
        sweepIntervalMs: 50,
        stream: { reconnectInitialMs: 50, reconnectMaxMs: 400, orderStateStream: false },
      },
    });
    const ack = r.broker.submit({
      instrumentUid: r.instrument.uid,
      side: 'buy',
      lots: 1,
      type: 'limit',
      limitPrice: 80,
    });
    await r.untilAgrees();
    r.clock.advanceTo(r.clock.now() + 12 * HOUR);
    await r.untilAgrees();
    const mine = r.updates.filter((u) => u.orderId === ack.orderId);
    expect(mine.map((u) => u.status)).toEqual(['accepted', 'expired']);
    expect(r.events.some((e) => e.kind === 'order-poll')).toBe(true);
  });

  it("passes the venue's refusal on as a rejection with the venue's reason", async () => {
    const r = await newRig({ host: 'prod', broker: { sweepIntervalMs: 0 } });
    // Twice the last price: outside the venue's price band (30099).
    const ack = r.broker.submit({
      instrumentUid: r.instrument.uid,
      side: 'buy',
      lots: 1,
      type: 'limit',
      limitPrice: 200,
    });
    expect(ack.pending).toBe(true);
    await r.untilAgrees();
    const mine = r.updates.filter((u) => u.orderId === ack.orderId);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ status: 'rejected', code: 'venue' });
    expect(mine[0].status === 'rejected' && mine[0].reason).toMatch(/outside the limits/);
    expect(r.events.filter((e) => e.kind === 'order-retry')).toEqual([]);
  });

  it('refuses what it cannot send, before sending anything', async () => {
    const r = await newRig({ host: 'sandbox', broker: { sweepIntervalMs: 0 } });
    const uid = r.instrument.uid;
    const stop = r.broker.submit({
      instrumentUid: uid,
      side: 'sell',
      lots: 1,
      type: 'stop',
    });
    expect(stop).toMatchObject({ accepted: false, pending: false, code: 'invalid-order' });
    expect(stop.reason).toMatch(/needs a stopPrice/);
    const offGrid = r.broker.submit({
      instrumentUid: uid,
      side: 'buy',
      lots: 1,
      type: 'limit',
      limitPrice: 99.995,
    });
    expect(offGrid).toMatchObject({ accepted: false, code: 'invalid-order' });
    expect(offGrid.reason).toMatch(/price step 0.01/);
    expect(r.updates.map((u) => u.status)).toEqual(['rejected', 'rejected']);
    const posts = Object.keys(r.emu.stats.callsByMethod).filter((m) => m.includes('Post'));
    expect(posts).toEqual([]);
  });
});
