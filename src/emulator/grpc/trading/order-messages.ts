/**
 * @module Orders as the contract's messages: PostOrderResponse, OrderState (whose numbers and some
 * meanings differ), the OrderTrades event of TradesStream and the order of OrderStateStream. Quantities
 * in OrderTrade are pieces; everything else counts lots.
 */
import {
  directionToWire,
  msToTimestamp,
  nanosToMoneyValue,
  nanosToQuotation,
  orderKindToWire,
  orderStatusToWire,
  timeInForceToWire,
} from '../../../wire/convert/index.ts';
import {
  OrderStateStreamResponse_StatusCauseInfo as Cause,
  type OrderState,
  type OrderStateStreamResponse_OrderState,
  type OrderTrades,
  type PostOrderResponse,
} from '../../../wire/generated/tinkoff/public/invest/api/contract/v1/orders.ts';
import type { ResponseMetadata } from '../../../wire/generated/tinkoff/public/invest/api/contract/v1/common.ts';
import { valueOf } from '../../trading/amounts.ts';
import type { FillRec, OrderRec } from '../../trading/records.ts';

function money(o: OrderRec, nanos: bigint) {
  return nanosToMoneyValue(nanos, o.currency);
}

/** Average executed price per piece (0 before the first fill). */
function averagePrice(o: OrderRec): bigint {
  const pieces = BigInt(o.lotsExecuted * o.lot);
  return pieces === 0n ? 0n : o.executedValue / pieces;
}

/** Total of the order with commission: executed so far, or as placed when nothing filled. */
function total(o: OrderRec): bigint {
  const sign = o.direction === 'buy' ? 1n : -1n;
  if (o.lotsExecuted > 0) return o.executedValue + sign * o.commission;
  return valueOf(o.initialPrice, o.lotsRequested, o.lot) + sign * o.initialCommission;
}

/** The PostOrder / ReplaceOrder answer. */
export function postOrderResponse(
  o: OrderRec,
  meta: ResponseMetadata | undefined,
): PostOrderResponse {
  const initial = valueOf(o.initialPrice, o.lotsRequested, o.lot);
  return {
    orderId: o.id,
    executionReportStatus: orderStatusToWire(o.status),
    lotsRequested: o.lotsRequested,
    lotsExecuted: o.lotsExecuted,
    initialOrderPrice: money(o, initial),
    executedOrderPrice: money(o, averagePrice(o)),
    totalOrderAmount: money(o, total(o)),
    initialCommission: money(o, o.initialCommission),
    executedCommission: money(o, o.commission),
    aciValue: money(o, 0n),
    figi: o.figi,
    direction: directionToWire(o.direction),
    initialSecurityPrice: money(o, o.initialPrice),
    orderType: orderKindToWire(o.type),
    message: o.message,
    initialOrderPricePt: nanosToQuotation(initial),
    instrumentUid: o.uid,
    ticker: o.ticker,
    classCode: o.classCode,
    orderRequestId: o.requestId,
    responseMetadata: meta,
  };
}

/** GetOrderState / GetOrders. */
export function orderState(o: OrderRec): OrderState {
  return {
    orderId: o.id,
    executionReportStatus: orderStatusToWire(o.status),
    lotsRequested: o.lotsRequested,
    lotsExecuted: o.lotsExecuted,
    initialOrderPrice: money(o, valueOf(o.initialPrice, o.lotsRequested, o.lot)),
    executedOrderPrice: money(o, o.executedValue),
    totalOrderAmount: money(o, total(o)),
    averagePositionPrice: money(o, averagePrice(o)),
    initialCommission: money(o, o.initialCommission),
    executedCommission: money(o, o.commission),
    figi: o.figi,
    direction: directionToWire(o.direction),
    initialSecurityPrice: money(o, o.initialPrice),
    stages: o.fills.map((f) => ({
      price: money(o, f.price),
      quantity: f.lots,
      tradeId: f.tradeId,
      executionTime: msToTimestamp(f.time),
    })),
    serviceCommission: money(o, 0n),
    currency: o.currency,
    orderType: orderKindToWire(o.type),
    orderDate: msToTimestamp(o.createdAt),
    instrumentUid: o.uid,
    orderRequestId: o.requestId,
    ticker: o.ticker,
    classCode: o.classCode,
  };
}

/** The TradesStream event of some fills of an order. */
export function orderTrades(o: OrderRec, fills: readonly FillRec[], at: number): OrderTrades {
  return {
    orderId: o.id,
    createdAt: msToTimestamp(at),
    direction: directionToWire(o.direction),
    figi: o.figi,
    trades: fills.map((f) => ({
      dateTime: msToTimestamp(f.time),
      price: nanosToQuotation(f.price),
      quantity: f.lots * o.lot,
      tradeId: f.tradeId,
    })),
    accountId: o.accountId,
    instrumentUid: o.uid,
  };
}

/** The OrderStateStream view of an order. */
export function streamOrderState(o: OrderRec): OrderStateStreamResponse_OrderState {
  const done = o.status === 'fill' || o.status === 'cancelled' || o.status === 'rejected';
  const cancelled = o.status === 'cancelled' ? o.lotsRequested - o.lotsExecuted : 0;
  return {
    orderId: o.id,
    orderRequestId: o.requestId,
    clientCode: o.accountId,
    createdAt: msToTimestamp(o.createdAt),
    executionReportStatus: orderStatusToWire(o.status),
    statusInfo: o.status === 'cancelled' ? Cause.CAUSE_CANCELLED_BY_CLIENT : undefined,
    ticker: o.ticker,
    classCode: o.classCode,
    lotSize: o.lot,
    direction: directionToWire(o.direction),
    timeInForce: timeInForceToWire(o.tif),
    orderType: orderKindToWire(o.type),
    accountId: o.accountId,
    initialOrderPrice: money(o, valueOf(o.initialPrice, o.lotsRequested, o.lot)),
    orderPrice: money(o, o.initialPrice),
    amount: money(o, total(o)),
    executedOrderPrice: money(o, averagePrice(o)),
    currency: o.currency,
    lotsRequested: o.lotsRequested,
    lotsExecuted: o.lotsExecuted,
    lotsLeft: done ? 0 : o.lotsRequested - o.lotsExecuted,
    lotsCancelled: cancelled,
    trades: orderTrades(o, o.fills, o.updatedAt).trades,
    completionTime: done ? msToTimestamp(o.updatedAt) : undefined,
    exchange: 'MOEX',
    instrumentUid: o.uid,
  };
}
