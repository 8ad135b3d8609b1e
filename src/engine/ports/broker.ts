/**
 * @module Port: where a strategy's orders go. The simulated broker implements it for backtests, the
 * sandbox and live brokers (src/live) for real accounts. `submit` only acknowledges, and a live
 * broker's acknowledgement may be pending when `submit` returns; what happens to the order afterwards
 * (accepted, rejected, partially filled, filled, cancelled, expired) arrives later as one typed
 * OrderUpdate per event, in every environment alike.
 */
import type { CandleEvent } from '../candle-event.ts';

/** Direction of an order. */
export type OrderSide = 'buy' | 'sell';

/**
 * How an order executes: `market` at the next available price; `limit` at its limit price or better;
 * `stop` becomes a market order once the price trades at or through its stop price.
 */
export type OrderType = 'market' | 'limit' | 'stop';

/** `day` orders expire at the end of the UTC day they were placed on; `gtc` ones stay until filled. */
export type TimeInForce = 'day' | 'gtc';

/** What a strategy asks for. Quantities are whole lots; prices are per unit of the instrument. */
export interface OrderRequest {
  instrumentUid: string;
  side: OrderSide;
  /** Whole lots, > 0. */
  lots: number;
  type: OrderType;
  /** Required for `limit` orders. */
  limitPrice?: number;
  /** Required for `stop` orders. */
  stopPrice?: number;
  /** Default: `day` for limit orders, `gtc` for stop orders; market orders never expire. */
  timeInForce?: TimeInForce;
  /** Free text the strategy can use to recognise its own orders in updates. */
  tag?: string;
}

/**
 * Why the broker refused an order, as a code a report can count on: the cash check, the short rule,
 * a malformed request (lots, price, type), an instrument outside the run, a closed session, a risk
 * guard below the strategy, or the venue's own refusal (its text is in the event's `reason`).
 */
export type RejectCode =
  | 'insufficient-cash'
  | 'short-not-allowed'
  | 'invalid-order'
  | 'unknown-instrument'
  | 'session-closed'
  | 'risk-limit'
  | 'venue';

/**
 * The broker's immediate answer to `submit`. `accepted: false` means refused on the spot (a
 * `rejected` event follows too). `pending: true` means the venue's answer is still to come: it
 * arrives as an `accepted` or `rejected` event. Either way the order's life is told by its events.
 */
export interface OrderAck {
  orderId: string;
  accepted: boolean;
  pending: boolean;
  /** Why the order was refused, when it was. */
  reason?: string;
  code?: RejectCode;
}

/** Fields every order event carries. `time` is when it happened (epoch ms UTC). */
interface OrderEventBase {
  readonly orderId: string;
  readonly request: Readonly<OrderRequest>;
  readonly time: number;
}

/** The venue took the order; executions may follow. */
export interface OrderAccepted extends OrderEventBase {
  readonly status: 'accepted';
}

/** The order was refused; nothing of it executed. */
export interface OrderRejected extends OrderEventBase {
  readonly status: 'rejected';
  readonly code: RejectCode;
  readonly reason: string;
}

/** Fields of one execution. For a simulated fill, `time` is the open time of the candle it traded in. */
interface ExecutionFields {
  /** Execution price per unit. */
  readonly price: number;
  /** Lots executed in this event. */
  readonly lots: number;
  /** Commission charged for this execution, in the account currency. */
  readonly commission: number;
  /** Lots executed so far, this event included. */
  readonly filledLots: number;
  /** Lots still open after this event. */
  readonly remainingLots: number;
}

/** Part of the order executed; the rest stays open (`remainingLots` > 0). */
export interface OrderPartiallyFilled extends OrderEventBase, ExecutionFields {
  readonly status: 'partially-filled';
}

/** The last part of the order executed (`remainingLots` = 0); the order is done. */
export interface OrderFilled extends OrderEventBase, ExecutionFields {
  readonly status: 'filled';
}

/** The order was cancelled; `filledLots` of it had executed before. */
export interface OrderCancelled extends OrderEventBase {
  readonly status: 'cancelled';
  readonly reason: string;
  readonly filledLots: number;
}

/** The order's time in force ran out; `filledLots` of it had executed before. */
export interface OrderExpired extends OrderEventBase {
  readonly status: 'expired';
  readonly reason: string;
  readonly filledLots: number;
}

/** One event in an order's life: immutable, one type per kind. */
export type OrderUpdate =
  | OrderAccepted
  | OrderRejected
  | OrderPartiallyFilled
  | OrderFilled
  | OrderCancelled
  | OrderExpired;

/** Life-cycle states an order reports. */
export type OrderStatus = OrderUpdate['status'];

/** The events that move the position. */
export type OrderExecution = OrderPartiallyFilled | OrderFilled;

/** True for the events after which an order is done. */
export function isTerminal(u: OrderUpdate): boolean {
  return u.status !== 'accepted' && u.status !== 'partially-filled';
}

/** A pending order as a strategy can inspect it. */
export interface OpenOrder {
  readonly orderId: string;
  readonly request: Readonly<OrderRequest>;
  /** When it was placed (epoch ms). */
  readonly createdAt: number;
  /** Lots not yet executed. */
  readonly remainingLots: number;
}

/**
 * What a broker may read of the kernel's account (a simulated broker checks cash and shorts against
 * it, a risk guard the day's loss): free cash in the account currency, the signed lots per
 * instrument slot, and equity (cash plus positions at their last prices).
 */
export interface AccountView {
  readonly cash: number;
  readonly lots: ArrayLike<number>;
  equity(): number;
}

/** Where orders go. Implementations deliver updates to the listener the kernel registers. */
export interface Broker {
  /** Places an order; never blocks on a network round trip. */
  submit(request: OrderRequest): OrderAck;
  /** Asks to cancel a pending order; false when no pending order has this id. */
  cancel(orderId: string): boolean;
  /** Pending orders, oldest first, optionally of one instrument. */
  openOrders(instrumentUid?: string): readonly OpenOrder[];
  /** The kernel registers the one listener that receives every update. */
  setUpdateListener(listener: (update: OrderUpdate) => void): void;
  /**
   * Kernel hook: a closed candle of an instrument's execution series (its finest subscribed
   * interval), shown before any strategy sees it. A simulated broker matches its pending orders
   * here; a broker at a real venue has no use for it and leaves it out.
   */
  onCandle?(candle: CandleEvent): void;
}
