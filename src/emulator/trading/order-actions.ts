/**
 * @module What can be done with orders after placement, and the pre-trade questions: cancel,
 * replace (cancel and place anew under a new key), look up by exchange id or client key, list
 * active orders, how many lots are affordable, and what an order would cost.
 */
import { valueOf } from './amounts.ts';
import { freeMoney, freePieces } from './funds.ts';
import type { OrderRequest } from './order-intake.ts';
import type { Direction, Host, OrderRec } from './records.ts';
import { tradingErrors as E } from './trading-errors.ts';
import { TradingVenue } from './venue.ts';

/** Finds an order of an account by exchange id, or by client key when `byRequest` (50005). */
export function findOrder(
  venue: TradingVenue,
  host: Host,
  accountId: string,
  id: string,
  byRequest = false,
): OrderRec {
  const acc = venue.account(host, accountId);
  const order = byRequest ? venue.byRequest(acc.id, id) : venue.orders.get(id.trim());
  if (!order || order.accountId !== acc.id) throw E.orderNotFound();
  return order;
}

/** Active orders of an account, oldest first. */
export function activeOrders(venue: TradingVenue, host: Host, accountId: string): OrderRec[] {
  const acc = venue.account(host, accountId);
  return [...venue.orders.values()].filter((o) => o.accountId === acc.id && TradingVenue.active(o));
}

/** Cancels an active order (30059 when it is no longer active); returns the cancel time. */
export function cancelOrder(venue: TradingVenue, order: OrderRec): number {
  if (!TradingVenue.active(order)) throw E.cancelError(`order ${order.id} is ${order.status}`);
  const at = venue.now;
  venue.deps.store.transaction(() => {
    venue.finish(order, 'cancelled', 'cancelled by the client', at);
    venue.save(order);
  });
  return at;
}

/** What ReplaceOrder asks for. */
export interface ReplaceRequest {
  accountId: string;
  orderId: string;
  idempotencyKey: string;
  lots: number;
  price: bigint | undefined;
}

/** Cancels an active order and places its successor under the new key. */
export function replaceOrder(venue: TradingVenue, host: Host, req: ReplaceRequest): OrderRec {
  const old = findOrder(venue, host, req.accountId, req.orderId);
  const seen = venue.byRequest(old.accountId, req.idempotencyKey);
  if (seen) return venue.post(host, { ...successor(old, req), requestId: req.idempotencyKey });
  if (!TradingVenue.active(old)) throw E.cancelError(`order ${old.id} is ${old.status}`);
  cancelOrder(venue, old);
  return venue.post(host, successor(old, req));
}

function successor(old: OrderRec, req: ReplaceRequest): OrderRequest {
  return {
    accountId: old.accountId,
    requestId: req.idempotencyKey,
    instrumentId: old.uid,
    direction: old.direction,
    type: old.type,
    tif: old.tif,
    lots: req.lots,
    price: req.price ?? old.price ?? undefined,
  };
}

/** Lot limits of GetMaxLots. */
export interface MaxLots {
  currency: string;
  money: bigint;
  buy: number;
  buyMarket: number;
  buyMargin: number;
  buyMarginMarket: number;
  moneyMargin: bigint;
  sell: number;
  sellMargin: number;
}

/** Lots one could buy or sell now, at `price` or at the best opposite quotes. */
export function maxLots(
  venue: TradingVenue,
  host: Host,
  accountId: string,
  instrumentId: string,
  price: bigint | undefined,
): MaxLots {
  const acc = venue.account(host, accountId);
  const inst = venue.instrument(instrumentId);
  const now = venue.now;
  const buyAt = price ?? venue.valuation(inst, 'buy', now);
  const marketAt = venue.valuation(inst, 'buy', now);
  const free = freeMoney(venue.ledger, acc.id, inst.currency);
  const leverage = host === 'sandbox' ? BigInt(venue.opts.sandboxLeverage) : 1n;
  const lotsFor = (money: bigint, at: bigint): number => {
    const lotValue = valueOf(at, 1, inst.lot);
    const withFee = lotValue + venue.commission(host, lotValue);
    return money <= 0n || withFee <= 0n ? 0 : Number(money / withFee);
  };
  const sell = Math.floor(freePieces(venue.ledger, acc.id, inst.uid) / inst.lot);
  const shortable = host === 'sandbox' || inst.shortEnabled;
  const sellAt = price ?? venue.valuation(inst, 'sell', now);
  const extra = shortable ? lotsFor(free * leverage, sellAt) : 0;
  return {
    currency: inst.currency,
    money: free,
    buy: lotsFor(free, buyAt),
    buyMarket: lotsFor(free, marketAt),
    moneyMargin: free * leverage,
    buyMargin: lotsFor(free * leverage, buyAt),
    buyMarginMarket: lotsFor(free * leverage, marketAt),
    sell,
    sellMargin: sell + extra,
  };
}

/** The cost of a prospective order (GetOrderPrice). */
export interface OrderPrice {
  currency: string;
  initial: bigint;
  commission: bigint;
  total: bigint;
  lots: number;
}

export function orderPrice(
  venue: TradingVenue,
  host: Host,
  q: { accountId: string; instrumentId: string; price: bigint; direction: Direction; lots: number },
): OrderPrice {
  venue.account(host, q.accountId);
  const inst = venue.instrument(q.instrumentId);
  if (q.lots <= 0) throw E.quantityNotPositive();
  if (q.price <= 0n) throw E.priceNotPositive();
  const initial = valueOf(q.price, q.lots, inst.lot);
  const commission = venue.commission(host, initial);
  const total = q.direction === 'sell' ? initial - commission : initial + commission;
  return { currency: inst.currency, initial, commission, total, lots: q.lots };
}
