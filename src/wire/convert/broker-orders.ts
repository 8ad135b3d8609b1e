/**
 * @module The live broker's order messages: an order request as a PostOrderRequest (lots, a
 * per-unit limit price as a Quotation, the idempotency key), and the venue's answers (PostOrder,
 * OrderState, TradesStream's OrderTrades) as plain views with exact nanos amounts. OrderTrade
 * quantities count pieces and OrderStage quantities count lots; both come out here in lots.
 */
import {
  OrderDirection,
  OrderIdType,
  OrderType,
  PostOrderRequest,
  TimeInForceType,
  type OrderState,
  type OrderTrades,
  type PostOrderResponse,
} from '../generated/tinkoff/public/invest/api/contract/v1/orders.ts';
import { numberToQuotation } from './quotation.ts';
import { orderStatusFromWire, type WireOrderStatus } from './orders.ts';
import { quotationToNanos } from './nanos.ts';
import { timestampToMs } from './timestamp.ts';

/** What the broker sends for one order. */
export interface BrokerOrderSpec {
  accountId: string;
  /** The client idempotency key (a UUID), reused on every retry. */
  key: string;
  instrumentUid: string;
  side: 'buy' | 'sell';
  lots: number;
  type: 'market' | 'limit';
  /** Per-unit limit price (limit orders). */
  limitPrice?: number;
}

/** The PostOrderRequest of an order; day orders (the contract's only resting kind besides stops). */
export function postOrderRequest(spec: BrokerOrderSpec): PostOrderRequest {
  const limit = spec.type === 'limit';
  return PostOrderRequest.fromPartial({
    accountId: spec.accountId,
    orderId: spec.key,
    instrumentId: spec.instrumentUid,
    quantity: spec.lots,
    direction:
      spec.side === 'buy'
        ? OrderDirection.ORDER_DIRECTION_BUY
        : OrderDirection.ORDER_DIRECTION_SELL,
    orderType: limit ? OrderType.ORDER_TYPE_LIMIT : OrderType.ORDER_TYPE_MARKET,
    price: limit && spec.limitPrice !== undefined ? numberToQuotation(spec.limitPrice) : undefined,
    timeInForce: TimeInForceType.TIME_IN_FORCE_DAY,
  });
}

/** One execution as the venue reports it, in lots with an exact per-unit price. */
export interface VenueFill {
  tradeId: string;
  lots: number;
  /** Per-unit price in nanos (1e-9 of the currency). */
  priceNanos: bigint;
  /** Execution time, epoch ms. */
  time: number;
}

/** An order as the venue reports it (PostOrder answer or OrderState). */
export interface VenueOrderView {
  venueId: string;
  requestId: string;
  status: WireOrderStatus | undefined;
  lotsRequested: number;
  lotsExecuted: number;
  /** Commission charged so far, nanos. */
  commissionNanos: bigint;
  /** Executions so far (OrderState only; empty for a PostOrder answer). */
  fills: VenueFill[];
  instrumentUid: string;
  side: 'buy' | 'sell' | undefined;
  message: string;
  /** When the venue placed the order (OrderState only). */
  createdAt?: number;
}

function sideOf(d: OrderDirection): 'buy' | 'sell' | undefined {
  if (d === OrderDirection.ORDER_DIRECTION_BUY) return 'buy';
  if (d === OrderDirection.ORDER_DIRECTION_SELL) return 'sell';
  return undefined;
}

/** The PostOrder / PostSandboxOrder answer as a view. */
export function postOrderView(r: PostOrderResponse): VenueOrderView {
  return {
    venueId: r.orderId,
    requestId: r.orderRequestId,
    status: orderStatusFromWire(r.executionReportStatus),
    lotsRequested: r.lotsRequested,
    lotsExecuted: r.lotsExecuted,
    commissionNanos: quotationToNanos(r.executedCommission),
    fills: [],
    instrumentUid: r.instrumentUid,
    side: sideOf(r.direction),
    message: r.message,
  };
}

/** GetOrderState / GetOrders' OrderState as a view; stages become fills. */
export function orderStateView(s: OrderState): VenueOrderView {
  return {
    venueId: s.orderId,
    requestId: s.orderRequestId,
    status: orderStatusFromWire(s.executionReportStatus),
    lotsRequested: s.lotsRequested,
    lotsExecuted: s.lotsExecuted,
    commissionNanos: quotationToNanos(s.executedCommission),
    fills: s.stages.map((st) => ({
      tradeId: st.tradeId,
      lots: st.quantity,
      priceNanos: quotationToNanos(st.price),
      time: timestampToMs(st.executionTime) ?? 0,
    })),
    instrumentUid: s.instrumentUid,
    side: sideOf(s.direction),
    message: '',
    createdAt: timestampToMs(s.orderDate),
  };
}

/** The executions of a TradesStream event; `lot` turns its piece quantities into lots. */
export function orderTradesFills(t: OrderTrades, lot: number): VenueFill[] {
  return t.trades.map((tr) => ({
    tradeId: tr.tradeId,
    lots: Math.round(tr.quantity / lot),
    priceNanos: quotationToNanos(tr.price),
    time: timestampToMs(tr.dateTime) ?? 0,
  }));
}

/** Which id a GetOrderState / CancelOrder names: the exchange's or the client's key. */
export function orderIdType(byRequest: boolean): OrderIdType {
  return byRequest ? OrderIdType.ORDER_ID_TYPE_REQUEST : OrderIdType.ORDER_ID_TYPE_EXCHANGE;
}
