/**
 * reconcile() on start: the venue's open orders and positions against the caller's (the journal's)
 * view. It reports an order the venue has and the caller does not, one the caller expects and the
 * venue has not, a position that differs, and keeps tracking the expected orders the venue still
 * has, so a restarted broker delivers their executions.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { seededOrderIds, TinvestBroker } from '../../../src/live/broker/index.ts';
import type { OrderRequest, OrderUpdate } from '../../../src/engine/ports/broker.ts';
import { postOrderRequest } from '../../../src/wire/convert/index.ts';
import { OrdersServiceService } from '../../../src/wire/generated/tinkoff/public/invest/api/contract/v1/orders.ts';
import { expectWellFormed } from '../../contracts/broker.contract.ts';
import { brokerRig, type BrokerRig } from './broker-rig.ts';

let rig: BrokerRig | undefined;
let second: TinvestBroker | undefined;
afterEach(async () => {
  await second?.close();
  await rig?.close();
  rig = second = undefined;
});

async function until(ok: () => boolean, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((res) => setTimeout(res, 10));
  }
}

describe('reconcile', () => {
  it('reports every difference and keeps tracking the orders it still finds', async () => {
    rig = await brokerRig({ host: 'prod', broker: { sweepIntervalMs: 0 } });
    const r = rig;
    const uid = r.instrument.uid;
    // The first run: a resting buy it knows of, and two lots bought.
    const resting: OrderRequest = {
      instrumentUid: uid,
      side: 'buy',
      lots: 3,
      type: 'limit',
      limitPrice: 99,
    };
    const known = r.broker.submit(resting);
    r.tape.book(uid, r.clock.now() - 1000, [[99.9, 10]], [[100.1, 10]]);
    r.broker.submit({ instrumentUid: uid, side: 'buy', lots: 2, type: 'market' });
    // Someone else places an order on the account.
    const foreignKey = '11111111-2222-4333-8444-555555555555';
    await r.client.raw.call(
      OrdersServiceService.postOrder,
      postOrderRequest({
        accountId: r.accountId,
        key: foreignKey,
        instrumentUid: uid,
        side: 'sell',
        lots: 1,
        type: 'limit',
        limitPrice: 101,
      }),
    );
    await until(() => r.broker.openOrders().length === 1);
    expect(r.broker.openOrders().map((o) => o.orderId)).toEqual([known.orderId]);
    await r.broker.close();

    // The restarted run, told what the journal says (a stale ghost order and a wrong position).
    const events: { kind: string; [k: string]: unknown }[] = [];
    const updates: OrderUpdate[] = [];
    second = new TinvestBroker({
      client: r.client,
      accountId: r.accountId,
      instruments: [r.instrument],
      ids: seededOrderIds(8),
      now: () => r.clock.now(),
      onEvent: (e) => events.push(e),
      sweepIntervalMs: 0,
    });
    second.setUpdateListener((u) => updates.push(u));
    await second.start();
    const ghost = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
    const report = await second.reconcile({
      openOrders: [
        { orderId: known.orderId, request: resting },
        { orderId: ghost, request: { ...resting, limitPrice: 98 } },
      ],
      positions: { [uid]: 5 },
    });
    const diffs = report.diffs.map((d) => ({ ...d, venueOrderId: undefined }));
    expect(diffs).toEqual([
      {
        what: 'order-unknown-to-caller',
        venueOrderId: undefined,
        orderId: foreignKey,
        instrumentUid: uid,
        remainingLots: 1,
      },
      {
        what: 'order-missing-at-venue',
        venueOrderId: undefined,
        orderId: ghost,
        instrumentUid: uid,
      },
      {
        what: 'position-differs',
        venueOrderId: undefined,
        instrumentUid: uid,
        expectedLots: 5,
        venueLots: 2,
      },
    ]);
    expect(events.filter((e) => e.kind === 'reconcile-diff').map((e) => e.what)).toEqual([
      'order-unknown-to-caller',
      'order-missing-at-venue',
      'position-differs',
    ]);
    // The known order is tracked again and its execution reaches the restarted broker.
    expect(second.openOrders().map((o) => [o.orderId, o.remainingLots])).toEqual([
      [known.orderId, 3],
    ]);
    r.stepNoWait({ open: 100, high: 100, low: 98.5, close: 99 });
    await until(() => second!.openOrders().length === 0);
    await second.settled();
    const mine = updates.filter((u) => u.orderId === known.orderId);
    expect(mine.map((u) => u.status)).toEqual(['filled']);
    expect(mine[0]).toMatchObject({ lots: 3, filledLots: 3, remainingLots: 0, price: 99 });
    // The ghost never reached the venue: refused to the caller, never placed late.
    const ghostUpdates = updates.filter((u) => u.orderId === ghost);
    expect(ghostUpdates.map((u) => [u.status, u.status === 'rejected' && u.code])).toEqual([
      ['rejected', 'venue'],
    ]);
  });

  it('adopts an order that filled while the caller was away, its fills counted once', async () => {
    rig = await brokerRig({ host: 'prod', broker: { sweepIntervalMs: 0 } });
    const r = rig;
    const uid = r.instrument.uid;
    r.tape.book(uid, r.clock.now() - 1000, [[99.9, 10]], [[100.1, 10]]);
    const buy: OrderRequest = { instrumentUid: uid, side: 'buy', lots: 2, type: 'market' };
    const sent = r.broker.submit(buy);
    await r.untilAgrees();
    await r.broker.close();
    // The journal saw the order sent, nothing more; the venue filled it meanwhile.
    const updates: OrderUpdate[] = [];
    second = new TinvestBroker({
      client: r.client,
      accountId: r.accountId,
      instruments: [r.instrument],
      now: () => r.clock.now(),
      sweepIntervalMs: 0,
    });
    second.setUpdateListener((u) => updates.push(u));
    await second.start();
    const report = await second.reconcile({
      openOrders: [{ orderId: sent.orderId, request: buy }],
      positions: {},
    });
    expect(report.diffs).toEqual([
      {
        what: 'order-fills-differ',
        orderId: sent.orderId,
        expectedFilledLots: 0,
        venueFilledLots: 2,
      },
    ]);
    expect(report.missing).toEqual([]);
    await until(() => updates.some((u) => u.status === 'filled'));
    await second.settled();
    const filled = updates.filter((u) => u.status === 'filled' || u.status === 'partially-filled');
    expect(
      filled.reduce(
        (n, u) => n + (u.status === 'filled' || u.status === 'partially-filled' ? u.lots : 0),
        0,
      ),
    ).toBe(2);
    expect(second.openOrders()).toEqual([]);
  });

  it('reports nothing when the caller and the venue agree', async () => {
    rig = await brokerRig({ host: 'sandbox', broker: { sweepIntervalMs: 0 } });
    const r = rig;
    const req: OrderRequest = {
      instrumentUid: r.instrument.uid,
      side: 'buy',
      lots: 1,
      type: 'limit',
      limitPrice: 95,
    };
    const ack = r.broker.submit(req);
    await r.untilAgrees();
    const report = await r.broker.reconcile({
      openOrders: [{ orderId: ack.orderId, request: req }],
      positions: {},
    });
    expect(report.diffs).toEqual([]);
    expect(r.events.filter((e) => e.kind === 'reconcile-diff')).toEqual([]);
    // Already tracked: reconciling does not add it twice or replay its acceptance.
    expect(r.broker.openOrders()).toHaveLength(1);
    expectWellFormed(
      r.updates.filter((u) => u.orderId === ack.orderId),
      1,
    );
  });
});
