/**
 * @module Port: where a strategy's orders go. The simulated broker implements it for backtests, the
 * sandbox and live brokers (src/live) for real accounts. `submit` only acknowledges; what happens to
 * the order afterwards (fill, rejection, cancellation, expiry) arrives later as an OrderUpdate event,
 * in every environment alike.
 */

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

/** The broker's immediate answer to `submit`. A refused order also gets a `rejected` update. */
export interface OrderAck {
  orderId: string;
  accepted: boolean;
  /** Why the order was refused, when it was. */
  reason?: string;
}

/** Life-cycle states an order reports. */
export type OrderStatus = 'filled' | 'rejected' | 'cancelled' | 'expired';

/**
 * One event in an order's life. Updates are immutable; a filled update carries the execution.
 * `time` is when it happened: for fills, the open time of the candle the order executed in.
 */
export interface OrderUpdate {
  readonly orderId: string;
  readonly status: OrderStatus;
  readonly request: Readonly<OrderRequest>;
  readonly time: number;
  /** Execution price per unit (filled only). */
  readonly price?: number;
  /** Executed lots (filled only; orders fill whole). */
  readonly lots?: number;
  /** Commission charged for this execution, in the account currency (filled only). */
  readonly commission?: number;
  /** Why an order was rejected, cancelled or expired. */
  readonly reason?: string;
}

/** A pending order as a strategy can inspect it. */
export interface OpenOrder {
  readonly orderId: string;
  readonly request: Readonly<OrderRequest>;
  /** When it was placed (epoch ms). */
  readonly createdAt: number;
}

/** Where orders go. Implementations deliver updates to the listener the engine registers. */
export interface Broker {
  /** Places an order; never blocks on a network round trip. */
  submit(request: OrderRequest): OrderAck;
  /** Cancels a pending order; false when no pending order has this id. */
  cancel(orderId: string): boolean;
  /** Pending orders, oldest first, optionally of one instrument. */
  openOrders(instrumentUid?: string): readonly OpenOrder[];
  /** The engine registers the one listener that receives every update. */
  setUpdateListener(listener: (update: OrderUpdate) => void): void;
}
