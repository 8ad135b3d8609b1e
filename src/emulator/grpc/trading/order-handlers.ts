/**
 * @module OrdersService's methods on a given host; the same bodies serve SandboxService's order
 * methods. Wire requests become venue requests here, venue records become contract messages.
 */
import {
  directionFromWire,
  msToTimestamp,
  nanosToMoneyValue,
  nanosToQuotation,
  orderKindFromWire,
  orderStatusFromWire,
  quotationToNanos,
  timeInForceFromWire,
  timestampToMs,
} from '../../../wire/convert/index.ts';
import {
  OrderIdType,
  type CancelOrderRequest,
  type CancelOrderResponse,
  type GetMaxLotsRequest,
  type GetMaxLotsResponse,
  type GetOrderPriceRequest,
  type GetOrderPriceResponse,
  type GetOrdersRequest,
  type GetOrdersResponse,
  type GetOrderStateRequest,
  type OrderState,
  type PostOrderAsyncRequest,
  type PostOrderAsyncResponse,
  type PostOrderRequest,
  type PostOrderResponse,
  type ReplaceOrderRequest,
} from '../../../wire/generated/tinkoff/public/invest/api/contract/v1/orders.ts';
import {
  activeOrders,
  cancelOrder,
  findOrder,
  maxLots,
  orderPrice,
  replaceOrder,
} from '../../trading/order-actions.ts';
import type { Host } from '../../trading/records.ts';
import { tradingErrors } from '../../trading/trading-errors.ts';
import type { CallInfo } from '../unary.ts';
import { orderState, postOrderResponse } from './order-messages.ts';
import { placed, requireTrader, responseMeta, type TradingScope } from './trading-call.ts';

/** A limit price of a request, when given. */
function priceOf(q: PostOrderRequest['price']): bigint | undefined {
  return q ? quotationToNanos(q) : undefined;
}

export function postOrder(
  s: TradingScope,
  host: Host,
  req: PostOrderRequest,
  info: CallInfo,
): PostOrderResponse {
  requireTrader(s, info);
  const order = placed(s, info, () =>
    s.venue.post(host, {
      accountId: req.accountId,
      requestId: req.orderId,
      instrumentId: req.instrumentId || (req.figi ?? ''),
      direction: directionFromWire(req.direction),
      type: orderKindFromWire(req.orderType),
      tif: timeInForceFromWire(req.timeInForce),
      lots: req.quantity,
      price: priceOf(req.price),
    }),
  );
  return postOrderResponse(order, responseMeta(s, info));
}

export function postOrderAsync(
  s: TradingScope,
  host: Host,
  req: PostOrderAsyncRequest,
  info: CallInfo,
): PostOrderAsyncResponse {
  const res = postOrder(
    s,
    host,
    {
      ...req,
      figi: undefined,
      confirmMarginTrade: false,
      timeInForce: req.timeInForce ?? 0,
      priceType: req.priceType ?? 0,
    },
    info,
  );
  return {
    orderRequestId: req.orderId,
    executionReportStatus: res.executionReportStatus,
    tradeIntentId: res.orderId,
  };
}

export function cancel(
  s: TradingScope,
  host: Host,
  req: CancelOrderRequest,
  info: CallInfo,
): CancelOrderResponse {
  requireTrader(s, info);
  const byRequest = req.orderIdType === OrderIdType.ORDER_ID_TYPE_REQUEST;
  const order = findOrder(s.venue, host, req.accountId, req.orderId, byRequest);
  const at = cancelOrder(s.venue, order);
  return { time: msToTimestamp(at), responseMetadata: responseMeta(s, info) };
}

export function getOrderState(s: TradingScope, host: Host, req: GetOrderStateRequest): OrderState {
  const byRequest = req.orderIdType === OrderIdType.ORDER_ID_TYPE_REQUEST;
  return orderState(findOrder(s.venue, host, req.accountId, req.orderId, byRequest));
}

export function getOrders(s: TradingScope, host: Host, req: GetOrdersRequest): GetOrdersResponse {
  const f = req.advancedFilters;
  const from = timestampToMs(f?.from) ?? -Infinity;
  const to = timestampToMs(f?.to) ?? Infinity;
  const statuses = new Set((f?.executionStatus ?? []).map(orderStatusFromWire));
  const orders = activeOrders(s.venue, host, req.accountId).filter(
    (o) =>
      o.createdAt >= from && o.createdAt < to && (statuses.size === 0 || statuses.has(o.status)),
  );
  return { orders: orders.map(orderState) };
}

export function replace(
  s: TradingScope,
  host: Host,
  req: ReplaceOrderRequest,
  info: CallInfo,
): PostOrderResponse {
  requireTrader(s, info);
  if (req.idempotencyKey.trim() === '') throw tradingErrors.orderIdMissing();
  const order = placed(s, info, () =>
    replaceOrder(s.venue, host, {
      accountId: req.accountId,
      orderId: req.orderId,
      idempotencyKey: req.idempotencyKey,
      lots: req.quantity,
      price: priceOf(req.price),
    }),
  );
  return postOrderResponse(order, responseMeta(s, info));
}

export function getMaxLots(
  s: TradingScope,
  host: Host,
  req: GetMaxLotsRequest,
): GetMaxLotsResponse {
  const m = maxLots(s.venue, host, req.accountId, req.instrumentId, priceOf(req.price));
  return {
    currency: m.currency,
    buyLimits: {
      buyMoneyAmount: nanosToQuotation(m.money),
      buyMaxLots: m.buy,
      buyMaxMarketLots: m.buyMarket,
    },
    buyMarginLimits: {
      buyMoneyAmount: nanosToQuotation(m.moneyMargin),
      buyMaxLots: m.buyMargin,
      buyMaxMarketLots: m.buyMarginMarket,
    },
    sellLimits: { sellMaxLots: m.sell },
    sellMarginLimits: { sellMaxLots: m.sellMargin },
  };
}

export function getOrderPrice(
  s: TradingScope,
  host: Host,
  req: GetOrderPriceRequest,
): GetOrderPriceResponse {
  const direction = directionFromWire(req.direction);
  if (!direction) throw tradingErrors.directionMissing();
  const p = orderPrice(s.venue, host, {
    accountId: req.accountId,
    instrumentId: req.instrumentId,
    price: quotationToNanos(req.price),
    direction,
    lots: req.quantity,
  });
  const m = (n: bigint) => nanosToMoneyValue(n, p.currency);
  return {
    totalOrderAmount: m(p.total),
    initialOrderAmount: m(p.initial),
    lotsRequested: p.lots,
    executedCommission: m(p.commission),
    executedCommissionRub: nanosToMoneyValue(p.currency === 'rub' ? p.commission : 0n, 'rub'),
    serviceCommission: m(0n),
    dealCommission: m(p.commission),
  };
}
