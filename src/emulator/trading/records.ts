/**
 * @module The venue's trading records: accounts, their money and securities, orders with their
 * fills, stop orders, and operations. Plain data (amounts as bigint nanos, times as epoch ms) so
 * that the state file can store and restore them exactly.
 */
import type { TrailingRec } from './trailing-stop.ts';

/** Which venue an account, order or call belongs to. */
export type Host = 'sandbox' | 'prod';

export interface AccountRec {
  id: string;
  host: Host;
  name: string;
  status: 'open' | 'closed';
  openedAt: number;
  closedAt: number | null;
}

/** One currency of an account in nanos: the balance and the part of it orders have blocked. */
export interface MoneyRec {
  balance: bigint;
  blocked: bigint;
}

/** One security of an account: pieces (not lots) held, pieces blocked by sell orders, avg price. */
export interface SecurityRec {
  balance: number;
  blocked: number;
  /** Average price per piece in nanos (0 when flat). */
  avgPrice: bigint;
}

/** Money and securities of one account. */
export interface BookRec {
  accountId: string;
  money: Record<string, MoneyRec>;
  securities: Record<string, SecurityRec>;
}

/** One execution of an order. */
export interface FillRec {
  tradeId: string;
  time: number;
  lots: number;
  /** Price per piece, nanos. */
  price: bigint;
}

export type Direction = 'buy' | 'sell';
export type OrderKind = 'limit' | 'market' | 'bestprice';
export type TimeInForce = 'day' | 'fill-and-kill' | 'fill-or-kill';
export type OrderStatus = 'new' | 'partial' | 'fill' | 'cancelled' | 'rejected';

/** The instrument facts an order carries with it. */
export interface OrderInstrument {
  uid: string;
  figi: string;
  ticker: string;
  classCode: string;
  kind: string;
  lot: number;
  currency: string;
}

export interface OrderRec extends OrderInstrument {
  /** Exchange order id. */
  id: string;
  /** The client's idempotency key. */
  requestId: string;
  accountId: string;
  host: Host;
  direction: Direction;
  type: OrderKind;
  tif: TimeInForce;
  lotsRequested: number;
  lotsExecuted: number;
  /** Limit price per piece in nanos; null for market orders. */
  price: bigint | null;
  /** The price the order was valued at when placed (limit price, or last price for market). */
  initialPrice: bigint;
  status: OrderStatus;
  createdAt: number;
  updatedAt: number;
  /** When a day order still resting is cancelled (the end of its trading day's last session). */
  expiresAt: number;
  fills: FillRec[];
  /** Sum of price × pieces over the fills. */
  executedValue: bigint;
  commission: bigint;
  initialCommission: bigint;
  /** Money still blocked for this order (buys). */
  blockedMoney: bigint;
  /** Pieces still blocked for this order (sells). */
  blockedPieces: number;
  /** Why it was cancelled or rejected. */
  message: string;
  stopOrderId: string | null;
}

export type StopKind = 'take-profit' | 'stop-loss' | 'stop-limit';
export type StopStatus = 'active' | 'executed' | 'cancelled' | 'expired';

export interface StopOrderRec extends OrderInstrument {
  id: string;
  requestId: string;
  accountId: string;
  host: Host;
  direction: Direction;
  kind: StopKind;
  lots: number;
  stopPrice: bigint;
  /** Price of the exchange order placed on trigger; null places a market order. */
  price: bigint | null;
  /** null = good till cancel. */
  expiresAt: number | null;
  status: StopStatus;
  createdAt: number;
  activatedAt: number | null;
  closedAt: number | null;
  exchangeOrderId: string | null;
  /** A trailing take-profit's parameters and state (absent: a regular stop order). */
  trailing?: TrailingRec;
}

export type OperationKind = 'input' | 'output' | 'buy' | 'sell' | 'broker-fee';

export interface OperationRec {
  id: string;
  /** Position in the account's history (the cursor order). */
  seq: number;
  accountId: string;
  parentId: string;
  kind: OperationKind;
  currency: string;
  /** Signed money effect on the account, nanos. */
  payment: bigint;
  /** Average price per piece, nanos (0 for money operations). */
  price: bigint;
  /** Pieces. */
  quantity: number;
  quantityRest: number;
  uid: string;
  figi: string;
  instrumentKind: string;
  time: number;
  trades: FillRec[];
  /** The order an execution operation belongs to. */
  orderId: string;
}
