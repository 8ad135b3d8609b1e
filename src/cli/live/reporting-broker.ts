/**
 * @module A broker decorator that reports its traffic as LiveEvents (`order-sent`, `order-update`),
 * so a paper run's simulated broker is counted and logged like a venue's broker, which reports the
 * same events itself.
 */
import type { Broker, OrderRequest, OrderUpdate } from '../../engine/ports/broker.ts';
import type { Clock } from '../../engine/ports/clock.ts';
import type { LiveEventSink } from '../../live/index.ts';

/** Wraps `inner`; every accepted submit and every update goes to `sink`. */
export function reportingBroker(inner: Broker, clock: Clock, sink: LiveEventSink): Broker {
  let listener: (u: OrderUpdate) => void = () => undefined;
  inner.setUpdateListener((u) => {
    sink({ kind: 'order-update', time: clock.now(), orderId: u.orderId, status: u.status });
    listener(u);
  });
  return {
    submit(request: OrderRequest) {
      const ack = inner.submit(request);
      if (ack.accepted) sink({ kind: 'order-sent', time: clock.now(), orderId: ack.orderId });
      return ack;
    },
    cancel: (orderId) => inner.cancel(orderId),
    openOrders: (uid) => inner.openOrders(uid),
    setUpdateListener: (l) => {
      listener = l;
    },
    ...(inner.onCandle === undefined ? {} : { onCandle: (c) => inner.onCandle?.(c) }),
  };
}
