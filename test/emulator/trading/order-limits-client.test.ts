/**
 * Our client against the venue's order limits (documented defaults, window scaled to 2 s on both
 * sides): a burst of GetOrderState (OrdersService's 100) and CancelOrder (its own 100) through
 * TinvestClient is paced so the venue never refuses one, while the same burst from plain stubs is
 * refused.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createTinvestClient, type TinvestClient } from '../../../src/live/index.ts';
import {
  CancelOrderRequest,
  GetOrderStateRequest,
  OrderExecutionReportStatus,
  OrdersServiceService,
  type PostOrderResponse,
} from '../../../src/wire/generated/tinkoff/public/invest/api/contract/v1/orders.ts';
import { orderRequest, prodAccount } from './order-helpers.ts';
import { ScriptedTape } from './scripted-tape.ts';
import { SBER, T0, TOKEN, venueHarness, type VenueHarness } from './venue-harness.ts';

const WINDOW_MS = 2000;
/**
 * Extra spacing of the client (its `safety` option): the venue counts calls when it handles them,
 * so a stall of the shared, busy machine can push paced calls together into one window; 20% absorbs
 * a stall of about 400 ms (the default 3% only network jitter).
 */
const SAFETY = 0.2;
/** One more than either limit allows in a window. */
const N = 105;

let h: VenueHarness | undefined;
let c: TinvestClient | undefined;
afterEach(async () => {
  await c?.close();
  await h?.close();
  c = h = undefined;
});

async function restingOrders(v: VenueHarness, acc: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < N; i++) {
    const r = await v.ok<unknown, PostOrderResponse>(
      v.orders,
      'postOrder',
      orderRequest(acc, { dir: 'buy', lots: 1, price: '260' }),
    );
    expect(r.executionReportStatus).toBe(OrderExecutionReportStatus.EXECUTION_REPORT_STATUS_NEW);
    ids.push(r.orderId);
  }
  return ids;
}

/** GetOrderState and CancelOrder of every order, all at once, through the client. */
function burst(client: TinvestClient, acc: string, ids: string[]) {
  return Promise.allSettled(
    ids.flatMap((orderId) => [
      client.raw.call(
        OrdersServiceService.getOrderState,
        GetOrderStateRequest.fromPartial({ accountId: acc, orderId }),
      ),
      client.raw.call(
        OrdersServiceService.cancelOrder,
        CancelOrderRequest.fromPartial({ accountId: acc, orderId }),
      ),
    ]),
  );
}

async function setUp() {
  const tape = new ScriptedTape()
    .trade(SBER.uid, T0 - 30_000, 270.15)
    .book(SBER.uid, T0 - 60_000, [[270.1, 50]], [[270.2, 50]]);
  h = await venueHarness({ limits: { windowMs: WINDOW_MS } }, tape);
  const acc = await prodAccount(h);
  const ids = await restingOrders(h, acc);
  c = createTinvestClient({
    endpoint: h.emu.grpcAddress,
    token: TOKEN,
    rateLimit: { windowMs: WINDOW_MS, safety: SAFETY },
    retry: { maxRetries: 0 },
  });
  return { acc, ids, client: c, venue: h };
}

describe('the client limiter against the order limits', () => {
  it('paces GetOrderState and CancelOrder so the venue never refuses one', async () => {
    const { acc, ids, client, venue } = await setUp();
    const settled = await burst(client, acc, ids);
    expect(settled.filter((s) => s.status === 'rejected')).toEqual([]);
    expect(venue.emu.stats.rateLimited).toBe(0);
    expect(client.stats()).toMatchObject({ calls: 2 * N, rateLimited: 0, failures: 0 });
    // Every order was really cancelled: the calls did their work, not only got through.
    const states = await Promise.all(
      ids.map((orderId) =>
        client.raw.call(
          OrdersServiceService.getOrderState,
          GetOrderStateRequest.fromPartial({ accountId: acc, orderId }),
        ),
      ),
    );
    expect(new Set(states.map((s) => s.executionReportStatus))).toEqual(
      new Set([OrderExecutionReportStatus.EXECUTION_REPORT_STATUS_CANCELLED]),
    );
  }, 30_000);

  it('the same burst straight from generated stubs is refused 80002 (so the test above can fail)', async () => {
    const { acc, ids, venue } = await setUp();
    const outs = await Promise.all(
      ids.flatMap((orderId) => [
        venue.rpc(
          venue.orders,
          'getOrderState',
          GetOrderStateRequest.fromPartial({ accountId: acc, orderId }),
        ),
        venue.rpc(
          venue.orders,
          'cancelOrder',
          CancelOrderRequest.fromPartial({ accountId: acc, orderId }),
        ),
      ]),
    );
    // Each method has a budget of 100 in the window: the other 5 of each 105 are refused.
    expect(outs.filter((o) => o.err?.details === '80002')).toHaveLength(2 * (N - 100));
    expect(venue.emu.stats.rateLimited).toBe(2 * (N - 100));
  }, 30_000);

  it('learns a method limit lower than its service from the headers and stays under it', async () => {
    // PostOrder allowed 12 a window, below the 100 the client assumes for OrdersService.
    const tape = new ScriptedTape()
      .trade(SBER.uid, T0 - 30_000, 270.15)
      .book(SBER.uid, T0 - 60_000, [[270.1, 50]], [[270.2, 50]]);
    h = await venueHarness(
      { limits: { windowMs: WINDOW_MS, perMethod: { 'OrdersService/PostOrder': 12 } } },
      tape,
    );
    const acc = await prodAccount(h);
    c = createTinvestClient({
      endpoint: h.emu.grpcAddress,
      token: TOKEN,
      rateLimit: { windowMs: WINDOW_MS, safety: SAFETY, maxConcurrent: 1 },
      retry: { maxRetries: 0 },
    });
    const client = c;
    const n = 30;
    const settled = await Promise.allSettled(
      Array.from({ length: n }, () =>
        client.raw.call(
          OrdersServiceService.postOrder,
          orderRequest(acc, { dir: 'buy', lots: 1, price: '260' }),
        ),
      ),
    );
    expect(settled.filter((s) => s.status === 'rejected')).toEqual([]);
    expect(h.emu.stats.rateLimited).toBe(0);
    expect(h.emu.stats.callsByMethod['OrdersService/PostOrder']).toBe(n);
  }, 30_000);
});
