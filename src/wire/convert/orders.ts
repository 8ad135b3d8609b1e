/**
 * @module Order enums of the wire <-> the plain words the rest of the project uses (buy/sell,
 * limit/market, fill/partial/...). One table each way, shared by the client and the emulator.
 */
import {
  OrderDirection,
  OrderExecutionReportStatus,
  OrderType,
  TimeInForceType,
} from '../generated/tinkoff/public/invest/api/contract/v1/orders.ts';
import {
  StopOrderDirection,
  StopOrderStatusOption,
  StopOrderType,
} from '../generated/tinkoff/public/invest/api/contract/v1/stoporders.ts';

export type WireDirection = 'buy' | 'sell';
export type WireOrderKind = 'limit' | 'market' | 'bestprice';
export type WireOrderStatus = 'new' | 'partial' | 'fill' | 'cancelled' | 'rejected';
export type WireTimeInForce = 'day' | 'fill-and-kill' | 'fill-or-kill';
export type WireStopKind = 'take-profit' | 'stop-loss' | 'stop-limit';
export type WireStopStatus = 'active' | 'executed' | 'cancelled' | 'expired';

/** Direction of a request; undefined when unspecified or unknown. */
export function directionFromWire(
  d: OrderDirection | StopOrderDirection,
): WireDirection | undefined {
  if (d === OrderDirection.ORDER_DIRECTION_BUY) return 'buy';
  if (d === OrderDirection.ORDER_DIRECTION_SELL) return 'sell';
  return undefined;
}

export function directionToWire(d: WireDirection): OrderDirection {
  return d === 'buy' ? OrderDirection.ORDER_DIRECTION_BUY : OrderDirection.ORDER_DIRECTION_SELL;
}

export function stopDirectionToWire(d: WireDirection): StopOrderDirection {
  return d === 'buy'
    ? StopOrderDirection.STOP_ORDER_DIRECTION_BUY
    : StopOrderDirection.STOP_ORDER_DIRECTION_SELL;
}

const KINDS: [OrderType, WireOrderKind][] = [
  [OrderType.ORDER_TYPE_LIMIT, 'limit'],
  [OrderType.ORDER_TYPE_MARKET, 'market'],
  [OrderType.ORDER_TYPE_BESTPRICE, 'bestprice'],
];

export function orderKindFromWire(t: OrderType): WireOrderKind | undefined {
  return KINDS.find(([w]) => w === t)?.[1];
}

export function orderKindToWire(k: WireOrderKind): OrderType {
  return KINDS.find(([, c]) => c === k)![0];
}

const STATUSES: [OrderExecutionReportStatus, WireOrderStatus][] = [
  [OrderExecutionReportStatus.EXECUTION_REPORT_STATUS_NEW, 'new'],
  [OrderExecutionReportStatus.EXECUTION_REPORT_STATUS_PARTIALLYFILL, 'partial'],
  [OrderExecutionReportStatus.EXECUTION_REPORT_STATUS_FILL, 'fill'],
  [OrderExecutionReportStatus.EXECUTION_REPORT_STATUS_CANCELLED, 'cancelled'],
  [OrderExecutionReportStatus.EXECUTION_REPORT_STATUS_REJECTED, 'rejected'],
];

export function orderStatusToWire(s: WireOrderStatus): OrderExecutionReportStatus {
  return STATUSES.find(([, c]) => c === s)![0];
}

export function orderStatusFromWire(s: OrderExecutionReportStatus): WireOrderStatus | undefined {
  return STATUSES.find(([w]) => w === s)?.[1];
}

export function timeInForceFromWire(t: TimeInForceType | undefined): WireTimeInForce {
  if (t === TimeInForceType.TIME_IN_FORCE_FILL_AND_KILL) return 'fill-and-kill';
  if (t === TimeInForceType.TIME_IN_FORCE_FILL_OR_KILL) return 'fill-or-kill';
  return 'day';
}

export function timeInForceToWire(t: WireTimeInForce): TimeInForceType {
  if (t === 'fill-and-kill') return TimeInForceType.TIME_IN_FORCE_FILL_AND_KILL;
  if (t === 'fill-or-kill') return TimeInForceType.TIME_IN_FORCE_FILL_OR_KILL;
  return TimeInForceType.TIME_IN_FORCE_DAY;
}

const STOP_KINDS: [StopOrderType, WireStopKind][] = [
  [StopOrderType.STOP_ORDER_TYPE_TAKE_PROFIT, 'take-profit'],
  [StopOrderType.STOP_ORDER_TYPE_STOP_LOSS, 'stop-loss'],
  [StopOrderType.STOP_ORDER_TYPE_STOP_LIMIT, 'stop-limit'],
];

export function stopKindFromWire(t: StopOrderType): WireStopKind | undefined {
  return STOP_KINDS.find(([w]) => w === t)?.[1];
}

export function stopKindToWire(k: WireStopKind): StopOrderType {
  return STOP_KINDS.find(([, c]) => c === k)![0];
}

const STOP_STATUSES: [StopOrderStatusOption, WireStopStatus][] = [
  [StopOrderStatusOption.STOP_ORDER_STATUS_ACTIVE, 'active'],
  [StopOrderStatusOption.STOP_ORDER_STATUS_EXECUTED, 'executed'],
  [StopOrderStatusOption.STOP_ORDER_STATUS_CANCELED, 'cancelled'],
  [StopOrderStatusOption.STOP_ORDER_STATUS_EXPIRED, 'expired'],
];

export function stopStatusToWire(s: WireStopStatus): StopOrderStatusOption {
  return STOP_STATUSES.find(([, c]) => c === s)![0];
}

/** A GetStopOrders status filter; undefined for ALL and UNSPECIFIED. */
export function stopStatusFromWire(s: StopOrderStatusOption): WireStopStatus | undefined {
  return STOP_STATUSES.find(([w]) => w === s)?.[1];
}
