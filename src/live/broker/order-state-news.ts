/**
 * @module What one OrderStateStream message tells the broker: the order's executions, as the
 * OrderTrades event TradesStream would have carried (so both streams share one path, deduplicated
 * by trade id), and whether the order has ended at the venue (filled, cancelled, expired or
 * rejected), which TradesStream never reports.
 */
import { orderStatusFromWire } from '../../wire/convert/index.ts';
import {
  OrderTrades,
  type OrderStateStreamResponse_OrderState,
} from '../../wire/generated/tinkoff/public/invest/api/contract/v1/orders.ts';

/** The executions and the end an order state reports. */
export interface OrderStateNews {
  /** The order's executions so far, when it has any. */
  trades?: OrderTrades;
  /** True once the venue has ended the order. */
  final: boolean;
}

export function orderStateNews(s: OrderStateStreamResponse_OrderState): OrderStateNews {
  const status = orderStatusFromWire(s.executionReportStatus);
  const final = status === 'fill' || status === 'cancelled' || status === 'rejected';
  if (s.trades.length === 0) return { final };
  const trades = OrderTrades.fromPartial({
    orderId: s.orderId,
    accountId: s.accountId,
    instrumentUid: s.instrumentUid,
    direction: s.direction,
    createdAt: s.createdAt,
    trades: s.trades,
  });
  return { trades, final };
}
