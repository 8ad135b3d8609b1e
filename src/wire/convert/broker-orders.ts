/**
 * @module The live broker's order messages: an order request as a PostOrderRequest (lots, a
 * per-unit limit price as a Quotation, the idempotency key) or a PostStopOrderRequest, and the
 * venue's answers (stop orders included) (PostOrder,
 * OrderState, TradesStream's OrderTrades) as plain views with exact nanos amounts. OrderTrade
 * quantities count pieces and OrderStage quantities count lots; both come out here in lots.
 */
import {
  OrderIdType,
  OrderType,
  PostOrderRequest,
  TimeInForceType,
  type OrderState,
  type OrderTrades,
  type PostOrderResponse,
} from '../generated/tinkoff/public/invest/api/contract/v1/orders.ts';
import {
  ExchangeOrderType,
  PostStopOrderRequest,
  StopOrderExpirationType,
  StopOrderType,
  type StopOrder,
} from '../generated/tinkoff/public/invest/api/contract/v1/stoporders.ts';
import { numberToQuotation } from './quotation.ts';
import {
  directionFromWire,
  directionToWire,
  orderStatusFromWire,
  stopDirectionToWire,
  stopStatusFromWire,
  type WireOrderStatus,
  type WireStopStatus,
} from './orders.ts';
import { quotationToNanos } from './nanos.ts';
import { msToTimestamp, timestampToMs } from './timestamp.ts';

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

/** The fields every placement carries: account, idempotency key, instrument, lots. */
function keyed(spec: { accountId: string; key: string; instrumentUid: string; lots: number }) {
  return {
    accountId: spec.accountId,
    orderId: spec.key,
    instrumentId: spec.instrumentUid,
    quantity: spec.lots,
  };
}

/** The PostOrderRequest of an order; day orders (the contract's only resting kind besides stops). */
export function postOrderRequest(spec: BrokerOrderSpec): PostOrderRequest {
  const limit = spec.type === 'limit';
  return PostOrderRequest.fromPartial({
    ...keyed(spec),
    direction: directionToWire(spec.side),
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
    side: directionFromWire(r.direction),
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
    side: directionFromWire(s.direction),
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

/** A stop order the broker places: a stop-loss that becomes a market order at `stopPrice`. */
export interface BrokerStopSpec {
  accountId: string;
  key: string;
  instrumentUid: string;
  side: 'buy' | 'sell';
  lots: number;
  /** Per-unit trigger price. */
  stopPrice: number;
  /** Epoch ms it expires at; undefined = good till cancel. */
  expiresAt?: number;
}

/**
 * The PostStopOrderRequest of a stop: STOP_LOSS, whose trigger side follows the direction (a sell
 * triggers at or below the stop price, a buy at or above), executed as a market order.
 */
export function postStopOrderRequest(spec: BrokerStopSpec): PostStopOrderRequest {
  return PostStopOrderRequest.fromPartial({
    ...keyed(spec),
    direction: stopDirectionToWire(spec.side),
    stopOrderType: StopOrderType.STOP_ORDER_TYPE_STOP_LOSS,
    exchangeOrderType: ExchangeOrderType.EXCHANGE_ORDER_TYPE_MARKET,
    stopPrice: numberToQuotation(spec.stopPrice),
    expirationType:
      spec.expiresAt === undefined
        ? StopOrderExpirationType.STOP_ORDER_EXPIRATION_TYPE_GOOD_TILL_CANCEL
        : StopOrderExpirationType.STOP_ORDER_EXPIRATION_TYPE_GOOD_TILL_DATE,
    expireDate: spec.expiresAt === undefined ? undefined : msToTimestamp(spec.expiresAt),
  });
}

/** A stop order as the venue reports it. */
export interface VenueStopView {
  stopId: string;
  status: WireStopStatus | undefined;
  /** The exchange order it became, once executed. */
  exchangeOrderId?: string;
}

export function stopOrderView(s: StopOrder): VenueStopView {
  return {
    stopId: s.stopOrderId,
    status: stopStatusFromWire(s.status),
    exchangeOrderId: s.exchangeOrderId || undefined,
  };
}
