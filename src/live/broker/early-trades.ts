/**
 * @module Trade events that arrive before the broker knows their order: the venue books an order's
 * first executions while placing it, so TradesStream can report them before PostOrder's answer
 * names the order. They wait here, by exchange order id, until the answer claims them.
 */
import type { OrderTrades } from '../../wire/generated/tinkoff/public/invest/api/contract/v1/orders.ts';

/** Orders whose events are kept; older ones (orders placed elsewhere, never claimed) go first. */
const KEEP = 500;

export class EarlyTrades {
  private readonly byOrder = new Map<string, OrderTrades[]>();

  hold(t: OrderTrades): void {
    const list = this.byOrder.get(t.orderId) ?? [];
    list.push(t);
    this.byOrder.set(t.orderId, list);
    if (this.byOrder.size > KEEP) this.byOrder.delete(this.byOrder.keys().next().value as string);
  }

  /** The held events of `venueId`, removed. */
  claim(venueId: string): OrderTrades[] {
    const list = this.byOrder.get(venueId) ?? [];
    this.byOrder.delete(venueId);
    return list;
  }
}
