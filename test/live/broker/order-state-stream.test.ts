/**
 * The broker's order stream: OrderStateStream where the venue serves it, so an order the venue ends
 * without a trade (cancelled at the venue by someone else) reaches the kernel at once, with no
 * sweep and no poll; and a venue without it (a gRPC server on loopback that implements only
 * TradesStream, as some hosts do) makes the watcher fall back to TradesStream, which then comes up.
 * A gtc limit order, which the contract cannot hold past the session, is reported as sent as DAY.
 */
import { Server, ServerCredentials, type ServerWritableStream } from '@grpc/grpc-js';
import { afterEach, describe, expect, it } from 'vitest';
import { TradesWatcher } from '../../../src/live/broker/trades-watcher.ts';
import { DEV_TOKEN, createTinvestClient, type TinvestClient } from '../../../src/live/index.ts';
import { ResultSubscriptionStatus } from '../../../src/wire/generated/tinkoff/public/invest/api/contract/v1/common.ts';
import {
  CancelOrderRequest,
  GetOrdersRequest,
  OrdersServiceService,
  OrdersStreamServiceService,
  type TradesStreamRequest,
  type TradesStreamResponse,
} from '../../../src/wire/generated/tinkoff/public/invest/api/contract/v1/orders.ts';
import { rigPerTest } from './broker-rig.ts';

const rig = rigPerTest();

async function until(ok: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((res) => setTimeout(res, 10));
  }
}

describe('OrderStateStream', () => {
  let server: Server | undefined;
  let client: TinvestClient | undefined;
  let watcher: TradesWatcher | undefined;
  afterEach(async () => {
    watcher?.close();
    await client?.close();
    await new Promise<void>((r) => (server ? server.tryShutdown(() => r()) : r()));
    server = client = watcher = undefined;
  });

  it('reports an order the venue ended without a trade, with no sweep and no poll', async () => {
    const r = await rig({ host: 'prod', broker: { sweepIntervalMs: 0, pollIntervalMs: 60_000 } });
    const uid = r.instrument.uid;
    expect(r.emu.openStreams().OrderStateStream).toBe(1);
    expect(r.emu.openStreams().TradesStream ?? 0).toBe(0);
    const ack = r.broker.submit({
      instrumentUid: uid,
      side: 'buy',
      lots: 2,
      type: 'limit',
      limitPrice: 95,
    });
    await r.untilAgrees();
    // Someone else cancels it at the venue: no trade, nothing on TradesStream.
    const orders = await r.client.raw.call(
      OrdersServiceService.getOrders,
      GetOrdersRequest.fromPartial({ accountId: r.accountId }),
    );
    const venueId = orders.orders.find((o) => o.orderRequestId === ack.orderId)!.orderId;
    await r.client.raw.call(
      OrdersServiceService.cancelOrder,
      CancelOrderRequest.fromPartial({ accountId: r.accountId, orderId: venueId }),
    );
    // The broker did not ask for it, so it reads as the venue ending the order.
    await until(
      () => r.updates.some((u) => u.orderId === ack.orderId && u.status === 'expired'),
      'the end of the order',
    );
    expect(r.broker.openOrders()).toEqual([]);
    expect(r.events.some((e) => e.kind === 'orders-stream-fallback')).toBe(false);
  });

  it('says so when a gtc limit order can only be held as a day order at the venue', async () => {
    const r = await rig({ host: 'prod' });
    const uid = r.instrument.uid;
    const gtc = r.broker.submit({
      instrumentUid: uid,
      side: 'buy',
      lots: 1,
      type: 'limit',
      limitPrice: 95,
      timeInForce: 'gtc',
    });
    const day = r.broker.submit({
      instrumentUid: uid,
      side: 'buy',
      lots: 1,
      type: 'limit',
      limitPrice: 94,
    });
    await r.untilAgrees();
    const sent = (id: string) => r.events.find((e) => e.kind === 'order-sent' && e.orderId === id);
    expect(sent(gtc.orderId)).toMatchObject({ timeInForce: 'gtc', venueTimeInForce: 'day' });
    expect(String(sent(gtc.orderId)?.note)).toMatch(/no good-till-cancelled limit orders/);
    expect(sent(day.orderId)).not.toHaveProperty('venueTimeInForce');
  });

  it('falls back to TradesStream where the venue does not serve OrderStateStream', async () => {
    server = new Server();
    let tradeStreams = 0;
    // Only TradesStream: OrderStateStream is answered UNIMPLEMENTED by grpc-js.
    server.addService(OrdersStreamServiceService, {
      tradesStream: (call: ServerWritableStream<TradesStreamRequest, TradesStreamResponse>) => {
        tradeStreams++;
        call.write({
          subscription: {
            trackingId: 't',
            status: ResultSubscriptionStatus.RESULT_SUBSCRIPTION_STATUS_OK,
            streamId: 's',
            accounts: call.request.accounts,
          },
        });
      },
    });
    const port = await new Promise<number>((res, rej) =>
      server!.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (e, p) =>
        e ? rej(e) : res(p),
      ),
    );
    client = createTinvestClient({ endpoint: `127.0.0.1:${port}`, token: DEV_TOKEN });
    const seen: string[] = [];
    watcher = new TradesWatcher(
      client,
      'acc-1',
      {
        onTrades: () => undefined,
        onFallback: (reason) => seen.push(`fallback: ${reason}`),
        onUp: (reconnect) => seen.push(`up ${reconnect}`),
        onDown: () => seen.push('down'),
      },
      { reconnectInitialMs: 20 },
    );
    expect(watcher.stream).toBe('OrderStateStream');
    watcher.start();
    await until(() => seen.some((s) => s.startsWith('up')), 'TradesStream to come up');
    expect(watcher.stream).toBe('TradesStream');
    expect(seen[0]).toMatch(/^fallback: .*UNIMPLEMENTED|^fallback: /);
    expect(seen.filter((s) => s.startsWith('fallback'))).toHaveLength(1);
    expect(tradeStreams).toBe(1);
  });
});
