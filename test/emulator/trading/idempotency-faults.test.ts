/**
 * Idempotency on the client's order_id under both configured answers to a repeat, and the order
 * faults: the lost acknowledgement (placed, connection cut), 70002 after placement, each switchable
 * at start and at run time.
 */
import { status } from '@grpc/grpc-js';
import { afterEach, describe, expect, it } from 'vitest';
import {
  GetOrderStateRequest,
  OrderIdType,
  type GetOrdersResponse,
} from '../../../src/wire/generated/tinkoff/public/invest/api/contract/v1/orders.ts';
import type { OperationsResponse } from '../../../src/wire/generated/tinkoff/public/invest/api/contract/v1/operations.ts';
import { failure, newKey, postOrder, prodAccount, sandboxAccount } from './order-helpers.ts';
import { ScriptedTape } from './scripted-tape.ts';
import { clientsFor, SBER, T0, venueHarness, type VenueHarness } from './venue-harness.ts';

let h: VenueHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const tape = () => new ScriptedTape().trade(SBER.uid, T0 - 30_000, 270.15);
const activeOrders = async (v: VenueHarness, accountId: string) =>
  (await v.ok<object, GetOrdersResponse>(v.orders, 'getOrders', { accountId })).orders;

describe('idempotency on order_id', () => {
  it('answers a repeat with the original order and never places a second one', async () => {
    h = await venueHarness({}, tape());
    const acc = await prodAccount(h);
    const key = newKey();
    const first = (await postOrder(h, acc, { dir: 'buy', lots: 1, price: '260', key })).res!;
    // The repeat differs in size: still the original order comes back.
    const again = (await postOrder(h, acc, { dir: 'buy', lots: 5, price: '261', key })).res!;
    expect(again.orderId).toBe(first.orderId);
    expect(again.lotsRequested).toBe(1);
    expect(again.orderRequestId).toBe(key);
    expect((await activeOrders(h, acc)).map((o) => o.orderId)).toEqual([first.orderId]);
    const byKey = await h.ok<object, { orderId: string }>(
      h.orders,
      'getOrderState',
      GetOrderStateRequest.fromPartial({
        accountId: acc,
        orderId: key,
        orderIdType: OrderIdType.ORDER_ID_TYPE_REQUEST,
      }),
    );
    expect(byKey.orderId).toBe(first.orderId);
  });

  it('answers a repeat with 30057 when so configured, and still places nothing new', async () => {
    h = await venueHarness({ trading: { repeatAnswer: 'duplicate' } }, tape());
    const acc = await sandboxAccount(h, '100000');
    const key = newKey();
    const first = await postOrder(h, acc, { dir: 'buy', lots: 1, key }, { sandbox: true });
    expect(first.err).toBeUndefined();
    const again = await postOrder(h, acc, { dir: 'buy', lots: 1, key }, { sandbox: true });
    expect(failure(again)).toEqual([
      status.INVALID_ARGUMENT,
      '30057',
      'The order is a duplicate, but the order report was not found',
    ]);
    const ops = await h.ok<object, OperationsResponse>(h.sandbox, 'getSandboxOperations', {
      accountId: acc,
    });
    // Pay-in, one buy, one fee: a single execution.
    expect(ops.operations).toHaveLength(3);
  });
});

describe('order faults', () => {
  it('places the order and cuts the connection before the answer (lost acknowledgement)', async () => {
    h = await venueHarness({ faults: { lostAckOnOrders: [1] } }, tape());
    const acc = await prodAccount(h);
    const key = newKey();
    const lost = await postOrder(h, acc, { dir: 'buy', lots: 1, price: '260', key });
    expect(lost.err?.code).toBe(status.UNAVAILABLE);
    expect(lost.res).toBeUndefined();
    // The order reached the venue: a reconnecting client finds it, and a retry returns it.
    const fresh = clientsFor(h.emu.grpcAddress);
    for (const name of Object.keys(fresh) as (keyof typeof fresh)[]) h[name].close();
    Object.assign(h, fresh);
    const orders = await activeOrders(h, acc);
    expect(orders.map((o) => o.orderRequestId)).toEqual([key]);
    const retry = (await postOrder(h, acc, { dir: 'buy', lots: 1, price: '260', key })).res!;
    expect(retry.orderId).toBe(orders[0].orderId);
    expect(await activeOrders(h, acc)).toHaveLength(1);
  });

  it('answers 70002 after the order reached the venue, switchable at run time', async () => {
    h = await venueHarness({}, tape());
    const acc = await prodAccount(h);
    expect((await postOrder(h, acc, { dir: 'buy', lots: 1, price: '260' })).err).toBeUndefined();
    h.emu.faults.internalErrorOnOrders = [2];
    const key = newKey();
    const failed = await postOrder(h, acc, { dir: 'buy', lots: 1, price: '261', key });
    expect(failure(failed)).toEqual([status.INTERNAL, '70002', 'Internal network error']);
    expect((await activeOrders(h, acc)).map((o) => o.orderRequestId)).toContain(key);
    const retry = await postOrder(h, acc, { dir: 'buy', lots: 1, price: '261', key });
    expect(retry.res?.orderRequestId).toBe(key);
    expect(await activeOrders(h, acc)).toHaveLength(2);
  });
});
