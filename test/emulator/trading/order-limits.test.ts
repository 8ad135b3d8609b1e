/**
 * The OrdersService methods with a limit of their own (PostOrder 300, CancelOrder 100, GetOrders
 * 200, PostOrderAsync 450 a minute) and the rest of the service (GetOrderState and the others, 100
 * together): each is hit with the documented defaults and refused with RESOURCE_EXHAUSTED 80002 and
 * the rate-limit trailers our client reads; the counters are separate, configurable, and listed by
 * GetUserTariff.
 */
import { status } from '@grpc/grpc-js';
import { afterEach, describe, expect, it } from 'vitest';
import {
  GetOrderStateRequest,
  GetOrdersRequest,
  PostOrderAsyncRequest,
  PostOrderRequest,
  CancelOrderRequest,
} from '../../../src/wire/generated/tinkoff/public/invest/api/contract/v1/orders.ts';
import type { GetUserTariffResponse } from '../../../src/wire/generated/tinkoff/public/invest/api/contract/v1/users.ts';
import { readResponseMeta } from '../../../src/live/client/response-meta.ts';
import type { Outcome } from '../helpers.ts';
import { prodAccount } from './order-helpers.ts';
import { venueHarness, type VenueHarness } from './venue-harness.ts';

let h: VenueHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** One call of each method; business errors (unknown order, zero quantity) still count. */
const CALLS: Record<string, (h: VenueHarness, acc: string) => Promise<Outcome<unknown>>> = {
  PostOrder: (v, acc) =>
    v.rpc(v.orders, 'postOrder', PostOrderRequest.fromPartial({ accountId: acc })),
  PostOrderAsync: (v, acc) =>
    v.rpc(v.orders, 'postOrderAsync', PostOrderAsyncRequest.fromPartial({ accountId: acc })),
  CancelOrder: (v, acc) =>
    v.rpc(
      v.orders,
      'cancelOrder',
      CancelOrderRequest.fromPartial({ accountId: acc, orderId: 'x' }),
    ),
  GetOrders: (v, acc) =>
    v.rpc(v.orders, 'getOrders', GetOrdersRequest.fromPartial({ accountId: acc })),
  GetOrderState: (v, acc) =>
    v.rpc(
      v.orders,
      'getOrderState',
      GetOrderStateRequest.fromPartial({ accountId: acc, orderId: 'x' }),
    ),
};

/** Fires `n` calls of `method` at once and returns the outcomes. */
function burst(v: VenueHarness, acc: string, method: string, n: number) {
  return Promise.all(Array.from({ length: n }, () => CALLS[method](v, acc)));
}

const refused = (outs: Outcome<unknown>[]) =>
  outs.filter((o) => o.err?.code === status.RESOURCE_EXHAUSTED);

describe('order limits with the documented defaults', () => {
  it.each([
    ['PostOrder', 300],
    ['PostOrderAsync', 450],
    ['CancelOrder', 100],
    ['GetOrders', 200],
    ['GetOrderState', 100],
  ])('%s: %i a minute pass, the next is refused 80002 with the trailers', async (method, limit) => {
    h = await venueHarness();
    const acc = await prodAccount(h);
    const outs = await burst(h, acc, method, limit);
    expect(refused(outs)).toHaveLength(0);
    const last = outs.map((o) => o.headers['x-ratelimit-remaining']).sort((a, b) => +a - +b)[0];
    expect(last).toBe('0');
    const over = await CALLS[method](h, acc);
    expect(over.err?.code).toBe(status.RESOURCE_EXHAUSTED);
    expect(over.err?.details).toBe('80002');
    const t = over.err!.metadata;
    expect(t.get('message')[0]).toBe('Request limit exceeded');
    expect(t.get('x-ratelimit-limit')[0]).toBe(`${limit}, ${limit};w=60`);
    expect(t.get('x-ratelimit-remaining')[0]).toBe('0');
    const reset = Number(t.get('x-ratelimit-reset')[0]);
    expect(reset).toBeGreaterThanOrEqual(1);
    expect(reset).toBeLessThanOrEqual(60);
    expect(t.get('x-tracking-id')[0]).toMatch(/^[0-9a-f-]{36}$/);
    // What our client makes of the refusal: the limit, nothing left, the seconds to wait.
    expect(readResponseMeta(over.err!.metadata)).toMatchObject({
      message: 'Request limit exceeded',
      rateLimit: { limit, remaining: 0, resetSeconds: reset },
    });
    expect(h.emu.stats.rateLimited).toBe(1);
  });

  it('counts a method with a limit of its own apart from its service', async () => {
    h = await venueHarness();
    const acc = await prodAccount(h);
    // The service's 100 spent by GetOrderState; PostOrder, CancelOrder and GetOrders still pass.
    expect(refused(await burst(h, acc, 'GetOrderState', 101))).toHaveLength(1);
    for (const m of ['PostOrder', 'CancelOrder', 'GetOrders', 'PostOrderAsync']) {
      const r = await CALLS[m](h, acc);
      expect(r.err?.code, m).not.toBe(status.RESOURCE_EXHAUSTED);
    }
    // CancelOrder's own 100 spent; GetOrders still passes, GetOrderState is still refused.
    expect(refused(await burst(h, acc, 'CancelOrder', 100))).toHaveLength(1);
    expect((await CALLS.GetOrders(h, acc)).err).toBeUndefined();
    expect((await CALLS.GetOrderState(h, acc)).err?.details).toBe('80002');
    // The sandbox twins count under SandboxService (200), not under the order methods.
    const sb = await h.rpc(h.sandbox, 'getSandboxOrders', { accountId: acc });
    expect(sb.err?.code).not.toBe(status.RESOURCE_EXHAUSTED);
    expect(sb.headers['x-ratelimit-limit']).toBe('200, 200;w=60');
  });
});

describe('configured order limits', () => {
  it('takes per-method limits, a new method limit, or 0 to count a method in its service', async () => {
    h = await venueHarness({
      limits: {
        windowMs: 1000,
        perService: { OrdersService: 4 },
        perMethod: {
          'OrdersService/PostOrder': 2,
          'OrdersService/GetOrderState': 3,
          'OrdersService/CancelOrder': 0,
        },
      },
    });
    const acc = await prodAccount(h);
    const a = await burst(h, acc, 'PostOrder', 3);
    expect(refused(a)).toHaveLength(1);
    expect(refused(a)[0].err?.metadata.get('x-ratelimit-limit')[0]).toBe('2, 2;w=1');
    expect(refused(a)[0].err?.metadata.get('x-ratelimit-reset')[0]).toBe('1');
    expect(refused(await burst(h, acc, 'GetOrderState', 4))).toHaveLength(1);
    // CancelOrder (0: no limit of its own) and GetOrders (200 by default) share nothing...
    const c = await burst(h, acc, 'CancelOrder', 5);
    expect(refused(c)).toHaveLength(1);
    expect(c[0].headers['x-ratelimit-limit']).toBe('4, 4;w=1');
    expect((await CALLS.GetOrders(h, acc)).headers['x-ratelimit-limit']).toBe('200, 200;w=1');
    // ...and every counter opens again after the window.
    await new Promise((r) => setTimeout(r, 1100));
    for (const m of ['PostOrder', 'GetOrderState', 'CancelOrder'])
      expect((await CALLS[m](h, acc)).err?.code, m).not.toBe(status.RESOURCE_EXHAUSTED);
  });

  it('lists each limit of its own in GetUserTariff, and no method twice', async () => {
    h = await venueHarness({ limits: { perMethod: { 'OrdersService/PostOrder': 7 } } });
    const tariff = await h.ok<object, GetUserTariffResponse>(h.users, 'getUserTariff', {});
    const limitOf = (method: string) =>
      tariff.unaryLimits
        .filter((l) => l.methods.includes(`tinkoff.public.invest.api.contract.v1.${method}`))
        .map((l) => l.limitPerMinute);
    expect(limitOf('OrdersService/PostOrder')).toEqual([7]);
    expect(limitOf('OrdersService/PostOrderAsync')).toEqual([450]);
    expect(limitOf('OrdersService/CancelOrder')).toEqual([100]);
    expect(limitOf('OrdersService/GetOrders')).toEqual([200]);
    expect(limitOf('OrdersService/GetOrderState')).toEqual([100]);
    expect(limitOf('OrdersService/ReplaceOrder')).toEqual([100]);
    expect(limitOf('StopOrdersService/PostStopOrder')).toEqual([50]);
    const all = tariff.unaryLimits.flatMap((l) => l.methods);
    expect(new Set(all).size).toBe(all.length);
  });
});
