/**
 * @module StopOrdersService of one server, and the stop-order bodies SandboxService reuses.
 */
import type { UntypedServiceImplementation } from '@grpc/grpc-js';
import {
  directionFromWire,
  msToTimestamp,
  nanosToMoneyValue,
  nanosToQuotation,
  quotationToNanos,
  stopDirectionToWire,
  stopKindFromWire,
  stopKindToWire,
  stopStatusFromWire,
  stopStatusToWire,
  timestampToMs,
} from '../../../wire/convert/index.ts';
import {
  ExchangeOrderType,
  StopOrderExpirationType,
  StopOrderStatusOption,
  TakeProfitType,
  TrailingStopStatus,
  TrailingValueType,
  type CancelStopOrderRequest,
  type CancelStopOrderResponse,
  type GetStopOrdersRequest,
  type GetStopOrdersResponse,
  type PostStopOrderRequest,
  type PostStopOrderResponse,
  type StopOrder,
  type StopOrdersServiceServer,
} from '../../../wire/generated/tinkoff/public/invest/api/contract/v1/stoporders.ts';
import type { Host, StopOrderRec } from '../../trading/records.ts';
import type { StopBook, StopRequest } from '../../trading/stop-book.ts';
import { tradingErrors } from '../../trading/trading-errors.ts';
import { trailingLevel } from '../../trading/trailing-stop.ts';
import { unary, type CallInfo } from '../unary.ts';
import {
  callHost,
  placed,
  requireTrader,
  responseMeta,
  type TradingScope,
} from './trading-call.ts';

/** The order side plus its stop-order book. */
export interface StopScope extends TradingScope {
  stops: StopBook;
}

function expiry(req: PostStopOrderRequest): number | null | undefined {
  if (req.expirationType === StopOrderExpirationType.STOP_ORDER_EXPIRATION_TYPE_GOOD_TILL_CANCEL) {
    return null;
  }
  if (req.expirationType === StopOrderExpirationType.STOP_ORDER_EXPIRATION_TYPE_GOOD_TILL_DATE) {
    return timestampToMs(req.expireDate) ?? 0;
  }
  return undefined;
}

/** A trailing take-profit's indent and spread; 30039 when a value type is missing. */
function trailingOf(req: PostStopOrderRequest): StopRequest['trailing'] {
  if (req.takeProfitType !== TakeProfitType.TAKE_PROFIT_TYPE_TRAILING) return undefined;
  const d = req.trailingData;
  const indent = d?.indent ? quotationToNanos(d.indent) : 0n;
  const spread = d?.spread ? quotationToNanos(d.spread) : 0n;
  const relative = (t: TrailingValueType | undefined, v: bigint, what: string) => {
    if (t === TrailingValueType.TRAILING_VALUE_RELATIVE) return true;
    if (t === TrailingValueType.TRAILING_VALUE_ABSOLUTE || v === 0n) return false;
    throw tradingErrors.trailingInvalid(`${what}_type is missing`);
  };
  return {
    indent,
    indentRelative: relative(d?.indentType, indent, 'indent'),
    spread,
    spreadRelative: relative(d?.spreadType, spread, 'spread'),
  };
}

export function postStop(
  s: StopScope,
  host: Host,
  req: PostStopOrderRequest,
  info: CallInfo,
): PostStopOrderResponse {
  requireTrader(s, info);
  const stop = placed(s, info, () =>
    s.stops.post(host, {
      accountId: req.accountId,
      requestId: req.orderId,
      instrumentId: req.instrumentId || (req.figi ?? ''),
      direction: directionFromWire(req.direction),
      kind: stopKindFromWire(req.stopOrderType),
      lots: req.quantity,
      stopPrice: req.stopPrice ? quotationToNanos(req.stopPrice) : undefined,
      price: req.price ? quotationToNanos(req.price) : undefined,
      expiresAt: expiry(req),
      limitTakeProfit: req.exchangeOrderType === ExchangeOrderType.EXCHANGE_ORDER_TYPE_LIMIT,
      trailing: trailingOf(req),
    }),
  );
  return {
    stopOrderId: stop.id,
    orderRequestId: stop.requestId,
    responseMetadata: responseMeta(s, info),
  };
}

const valueType = (relative: boolean) =>
  relative ? TrailingValueType.TRAILING_VALUE_RELATIVE : TrailingValueType.TRAILING_VALUE_ABSOLUTE;

/**
 * The trailing part of a StopOrder: `extr` is the extremum since activation, `price` the level a
 * trade must reach to trigger it (once executed: the price of the order it placed, 0 for market).
 */
function trailingMessage(x: StopOrderRec): StopOrder['trailingData'] {
  const t = x.trailing;
  if (!t) return undefined;
  const level = x.status === 'executed' ? (x.price ?? 0n) : trailingLevel(t, x.direction);
  return {
    indent: nanosToQuotation(t.indent),
    indentType: valueType(t.indentRelative),
    spread: nanosToQuotation(t.spread),
    spreadType: valueType(t.spreadRelative),
    status: t.activated
      ? TrailingStopStatus.TRAILING_STOP_ACTIVATED
      : TrailingStopStatus.TRAILING_STOP_ACTIVE,
    price: level === null ? undefined : nanosToQuotation(level),
    extr: t.extr === null ? undefined : nanosToQuotation(t.extr),
  };
}

function stopMessage(x: StopOrderRec): StopOrder {
  const money = (n: bigint) => nanosToMoneyValue(n, x.currency);
  const market = x.trailing ? x.trailing.spread === 0n : x.price === null;
  return {
    stopOrderId: x.id,
    lotsRequested: x.lots,
    figi: x.figi,
    direction: stopDirectionToWire(x.direction),
    currency: x.currency,
    orderType: stopKindToWire(x.kind),
    createDate: msToTimestamp(x.createdAt),
    activationDateTime: x.activatedAt === null ? undefined : msToTimestamp(x.activatedAt),
    expirationTime: x.expiresAt === null ? undefined : msToTimestamp(x.expiresAt),
    price: money(x.price ?? 0n),
    stopPrice: money(x.stopPrice),
    instrumentUid: x.uid,
    takeProfitType: x.trailing
      ? TakeProfitType.TAKE_PROFIT_TYPE_TRAILING
      : x.kind === 'take-profit'
        ? TakeProfitType.TAKE_PROFIT_TYPE_REGULAR
        : TakeProfitType.TAKE_PROFIT_TYPE_UNSPECIFIED,
    trailingData: trailingMessage(x),
    status: stopStatusToWire(x.status),
    exchangeOrderType: market
      ? ExchangeOrderType.EXCHANGE_ORDER_TYPE_MARKET
      : ExchangeOrderType.EXCHANGE_ORDER_TYPE_LIMIT,
    exchangeOrderId: x.exchangeOrderId ?? undefined,
  };
}

export function getStops(
  s: StopScope,
  host: Host,
  req: GetStopOrdersRequest,
): GetStopOrdersResponse {
  // UNSPECIFIED means the active ones (the method's historical meaning); ALL means every status.
  const status =
    req.status === StopOrderStatusOption.STOP_ORDER_STATUS_ALL
      ? undefined
      : (stopStatusFromWire(req.status) ?? 'active');
  const from = timestampToMs(req.from);
  const to = timestampToMs(req.to);
  return { stopOrders: s.stops.list(host, req.accountId, status, from, to).map(stopMessage) };
}

export function cancelStop(
  s: StopScope,
  host: Host,
  req: CancelStopOrderRequest,
  info: CallInfo,
): CancelStopOrderResponse {
  requireTrader(s, info);
  const at = s.stops.cancel(s.stops.find(host, req.accountId, req.stopOrderId));
  return { time: msToTimestamp(at) };
}

export function stopOrdersService(s: StopScope): UntypedServiceImplementation {
  const S = 'StopOrdersService';
  const impl: StopOrdersServiceServer = {
    postStopOrder: unary(s.ctx, S, 'PostStopOrder', (req, info) =>
      postStop(s, callHost(s, info), req, info),
    ),
    getStopOrders: unary(s.ctx, S, 'GetStopOrders', (req, info) =>
      getStops(s, callHost(s, info), req),
    ),
    cancelStopOrder: unary(s.ctx, S, 'CancelStopOrder', (req, info) =>
      cancelStop(s, callHost(s, info), req, info),
    ),
  };
  return impl;
}
