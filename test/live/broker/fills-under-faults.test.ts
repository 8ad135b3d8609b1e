/**
 * Executions on the production-like host, where a resting order fills over several trades: partial
 * fills add up, commission sums to what the venue charged, and under the trade-event faults (events
 * late, twice, or swapped pairwise) each execution still arrives exactly once with consistent
 * filled and remaining lots, delivered from TradesStream rather than from polls.
 */
import { describe, expect, it } from 'vitest';
import type { OrderUpdate } from '../../../src/engine/ports/broker.ts';
import type { FaultOptions } from '../../../src/emulator/index.ts';
import { orderStateView } from '../../../src/wire/convert/index.ts';
import { expectWellFormed } from '../../contracts/broker.contract.ts';
import { rigPerTest, type BrokerRig } from './broker-rig.ts';
import {
  GetOrderStateRequest,
  OrderIdType,
  OrdersServiceService,
} from '../../../src/wire/generated/tinkoff/public/invest/api/contract/v1/orders.ts';

const newRig = rigPerTest();

/** The venue's state of an order by its key. */
async function venueState(r: BrokerRig, key: string) {
  const req = GetOrderStateRequest.fromPartial({
    accountId: r.accountId,
    orderId: key,
    orderIdType: OrderIdType.ORDER_ID_TYPE_REQUEST,
  });
  return orderStateView(await r.client.raw.call(OrdersServiceService.getOrderState, req));
}

const nanos = (x: number) => BigInt(Math.round(x * 1e9));

/** A 5-lot buy at 99.9 filled 2, 2 and 1 lots over three minutes of trades. */
async function partialFills(
  faults: FaultOptions | undefined,
): Promise<{ r: BrokerRig; mine: OrderUpdate[] }> {
  // The emulator's trade-event faults act on TradesStream: the broker is held to it here.
  const r = await newRig({
    host: 'prod',
    emulator: { faults },
    broker: { sweepIntervalMs: 0, stream: { orderStateStream: false } },
  });
  const ack = r.broker.submit({
    instrumentUid: r.instrument.uid,
    side: 'buy',
    lots: 5,
    type: 'limit',
    limitPrice: 99.9,
  });
  await r.untilAgrees();
  // Three minutes at once, so their trade events are in flight together (and can be swapped).
  for (const low of [99.8, 99.9, 99.7])
    r.stepNoWait({ open: 100, high: 100.1, low, close: 100 }, 2);
  await r.untilAgrees();
  const mine = r.updates.filter((u) => u.orderId === ack.orderId);
  expectWellFormed(mine, 5);
  expect(mine.map((u) => u.status)).toEqual([
    'accepted',
    'partially-filled',
    'partially-filled',
    'filled',
  ]);
  expect(
    mine.slice(1).map((u) => ('lots' in u ? [u.lots, u.filledLots, u.remainingLots, u.price] : [])),
  ).toEqual([
    [2, 2, 3, 99.9],
    [2, 4, 1, 99.9],
    [1, 5, 0, 99.9],
  ]);
  // The commissions add up exactly to what the venue charged for the whole order.
  const state = await venueState(r, ack.orderId);
  const charged = mine.reduce((s, u) => s + ('commission' in u ? nanos(u.commission) : 0n), 0n);
  expect(charged).toBe(state.commissionNanos);
  expect(state.commissionNanos).toBeGreaterThan(0n);
  // All of it came from TradesStream: the stream never went down and nothing was polled.
  expect(
    r.events.filter((e) => e.kind === 'order-poll' || e.kind === 'orders-stream-down'),
  ).toEqual([]);
  return { r, mine };
}

describe('executions on the production-like host', () => {
  it('delivers partial fills over several trades', async () => {
    await partialFills(undefined);
  });

  it('takes a market order through the book and reports the unfilled rest cancelled', async () => {
    const r = await newRig({ host: 'prod', broker: { sweepIntervalMs: 0, fillGraceMs: 50 } });
    r.tape.book(
      r.instrument.uid,
      r.clock.now() - 1000,
      [[99.9, 10]],
      [
        [100.1, 2],
        [100.2, 1],
      ],
    );
    const ack = r.broker.submit({
      instrumentUid: r.instrument.uid,
      side: 'buy',
      lots: 5,
      type: 'market',
    });
    await r.untilAgrees();
    const mine = r.updates.filter((u) => u.orderId === ack.orderId);
    expectWellFormed(mine, 5);
    expect(mine.map((u) => u.status)).toEqual([
      'accepted',
      'partially-filled',
      'partially-filled',
      'cancelled',
    ]);
    expect(mine.slice(1, 3).map((u) => ('price' in u ? [u.lots, u.price] : []))).toEqual([
      [2, 100.1],
      [1, 100.2],
    ]);
    expect(mine[3]).toMatchObject({ filledLots: 3 });
  });

  for (const [name, faults] of [
    ['twice', { tradeEvents: { duplicate: true } }],
    ['late', { tradeEvents: { delayMs: 300 } }],
    ['out of order', { tradeEvents: { reorder: true } }],
    [
      'late, twice and out of order',
      { tradeEvents: { delayMs: 100, duplicate: true, reorder: true } },
    ],
  ] as const) {
    it(`delivers each execution once when trade events come ${name}`, async () => {
      await partialFills(faults);
    });
  }
});
