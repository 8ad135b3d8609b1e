/**
 * Stop orders through TinvestBroker: the venue holds a STOP_LOSS until a trade reaches the stop
 * price, then it becomes a market order whose execution reaches the broker through TradesStream
 * (linked to the order by the venue's stop orders). A held stop can be cancelled, and a `day` stop
 * expires at the end of its UTC day.
 */
import { describe, expect, it } from 'vitest';
import { expectWellFormed } from '../../contracts/broker.contract.ts';
import { rigPerTest } from './broker-rig.ts';

const newRig = rigPerTest();

const HOUR = 3_600_000;

describe('stop orders', () => {
  for (const host of ['sandbox', 'prod'] as const) {
    it(`holds a sell stop until a trade reaches it, then fills it at market (${host} host)`, async () => {
      const r = await newRig({ host, broker: { sweepIntervalMs: 0 } });
      if (host === 'prod')
        r.tape.book(r.instrument.uid, r.clock.now() - 1000, [[98.5, 100]], [[100.1, 100]]);
      const ack = r.broker.submit({
        instrumentUid: r.instrument.uid,
        side: 'sell',
        lots: 2,
        type: 'stop',
        stopPrice: 98.5,
      });
      expect(ack).toMatchObject({ accepted: true, pending: true });
      await r.untilAgrees();
      // Not reached: still held.
      await r.step({ open: 100, high: 100.2, low: 99, close: 99.5 });
      expect(r.broker.openOrders().map((o) => [o.orderId, o.remainingLots])).toEqual([
        [ack.orderId, 2],
      ]);
      // Reached: it becomes a market order and fills.
      await r.step({ open: 99.5, high: 99.5, low: 98.4, close: 98.6 });
      const mine = r.updates.filter((u) => u.orderId === ack.orderId);
      expectWellFormed(mine, 2);
      expect(mine.map((u) => u.status)).toEqual(['accepted', 'filled']);
      const fill = mine[1];
      expect(fill.status === 'filled' && fill.price).toBe(host === 'sandbox' ? 98.4 : 98.5);
      expect(r.broker.openOrders()).toEqual([]);
    });
  }

  it('cancels a stop order the venue still holds', async () => {
    const r = await newRig({ host: 'sandbox', broker: { sweepIntervalMs: 0 } });
    const ack = r.broker.submit({
      instrumentUid: r.instrument.uid,
      side: 'buy',
      lots: 1,
      type: 'stop',
      stopPrice: 105,
    });
    await r.untilAgrees();
    expect(r.broker.cancel(ack.orderId)).toBe(true);
    await r.untilAgrees();
    await r.step({ open: 100, high: 106, low: 100, close: 105 });
    const mine = r.updates.filter((u) => u.orderId === ack.orderId);
    expect(mine.map((u) => u.status)).toEqual(['accepted', 'cancelled']);
    expect(mine[1]).toMatchObject({ reason: 'cancelled on request', filledLots: 0 });
  });

  it('lets a day stop expire at the end of its UTC day', async () => {
    const r = await newRig({ host: 'sandbox', broker: { sweepIntervalMs: 50 } });
    const ack = r.broker.submit({
      instrumentUid: r.instrument.uid,
      side: 'sell',
      lots: 1,
      type: 'stop',
      stopPrice: 90,
      timeInForce: 'day',
    });
    await r.untilAgrees();
    r.clock.advanceTo(r.clock.now() + 15 * HOUR);
    await r.untilAgrees();
    const mine = r.updates.filter((u) => u.orderId === ack.orderId);
    expect(mine.map((u) => u.status)).toEqual(['accepted', 'expired']);
  });
});
