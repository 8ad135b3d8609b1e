/**
 * @module OrdersStreamService: TradesStream (the executions of the listed accounts' orders, one
 * OrderTrades per booked batch of fills) and OrderStateStream (every state change of their orders).
 * The trade-event faults act here: events sent late, twice, or with each pair swapped.
 */
import type { ServerWritableStream, UntypedServiceImplementation } from '@grpc/grpc-js';
import { ResultSubscriptionStatus } from '../../../wire/generated/tinkoff/public/invest/api/contract/v1/common.ts';
import type {
  OrderStateStreamRequest,
  OrderStateStreamResponse,
  OrdersStreamServiceServer,
  SubscriptionResponse,
  TradesStreamRequest,
  TradesStreamResponse,
} from '../../../wire/generated/tinkoff/public/invest/api/contract/v1/orders.ts';
import type { FaultOptions } from '../../options.ts';
import type { VenueEvent } from '../../trading/venue.ts';
import { openStream, type OpenStream } from './account-stream.ts';
import { orderTrades, streamOrderState } from './order-messages.ts';
import type { TradingScope } from './trading-call.ts';

function subscription(open: OpenStream): SubscriptionResponse {
  const ok = open.unknown.length === 0;
  return {
    trackingId: open.trackingId,
    status: ok
      ? ResultSubscriptionStatus.RESULT_SUBSCRIPTION_STATUS_OK
      : ResultSubscriptionStatus.RESULT_SUBSCRIPTION_STATUS_ERROR,
    streamId: open.streamId,
    accounts: open.accounts.map((a) => a.id),
    error: ok
      ? undefined
      : { code: '50004', message: `Account not found: ${open.unknown.join(', ')}` },
  };
}

/** Sends trade events through the configured faults (read at each event: switchable at run time). */
function faultySender(faults: FaultOptions, send: (m: TradesStreamResponse) => void) {
  let held: TradesStreamResponse | undefined;
  let flush: ReturnType<typeof setTimeout> | undefined;
  const deliver = (m: TradesStreamResponse) => {
    const f = faults.tradeEvents ?? {};
    const out = () => {
      send(m);
      if (f.duplicate) send(m);
    };
    if (f.delayMs && f.delayMs > 0) setTimeout(out, f.delayMs);
    else out();
  };
  return {
    push(m: TradesStreamResponse): void {
      if (!faults.tradeEvents?.reorder) return deliver(m);
      if (held) {
        clearTimeout(flush);
        const first = held;
        held = undefined;
        deliver(m);
        deliver(first);
        return;
      }
      held = m;
      // A lone event is not held forever: it goes out on its own after a moment.
      flush = setTimeout(() => {
        if (held) deliver(held);
        held = undefined;
      }, 500);
    },
    stop(): void {
      clearTimeout(flush);
    },
  };
}

export function ordersStreamService(scope: TradingScope): UntypedServiceImplementation {
  const impl: OrdersStreamServiceServer = {
    tradesStream(call: ServerWritableStream<TradesStreamRequest, TradesStreamResponse>) {
      const open = openStream(scope, call, call.request.accounts, {
        ms: call.request.pingDelayMs,
        range: [5000, 180_000],
        wrap: (ping) => ({ ping }),
        kind: 'TradesStream',
      });
      if (!open) return;
      call.write({ subscription: subscription(open) });
      const ids = new Set(open.accounts.map((a) => a.id));
      const sender = faultySender(scope.ctx.faults, (m) => call.write(m));
      const off = scope.venue.listen((e: VenueEvent) => {
        if (e.kind !== 'fills' || !ids.has(e.order.accountId)) return;
        sender.push({ orderTrades: orderTrades(e.order, e.fills, scope.venue.now) });
      });
      open.onEnd(off);
      open.onEnd(() => sender.stop());
    },
    orderStateStream(
      call: ServerWritableStream<OrderStateStreamRequest, OrderStateStreamResponse>,
    ) {
      const open = openStream(scope, call, call.request.accounts, {
        ms: call.request.pingDelayMillis,
        range: [1000, 120_000],
        wrap: (ping) => ({ ping }),
        kind: 'OrderStateStream',
      });
      if (!open) return;
      call.write({ subscription: subscription(open) });
      const ids = new Set(open.accounts.map((a) => a.id));
      open.onEnd(
        scope.venue.listen((e) => {
          if (e.kind === 'order' && ids.has(e.order.accountId)) {
            call.write({ orderState: streamOrderState(e.order) });
          }
        }),
      );
    },
  };
  return impl;
}
