/**
 * @module How a venue fills orders: the contract both execution models (the documented sandbox and
 * the production-like exchange) implement, and the market facts they read from the tape.
 */
import { numberToNanos } from '../../wire/convert/nanos.ts';
import type { BookLevel, MarketTape, TapeTrade } from '../venue/venue-ports.ts';
import type { OrderRec } from './records.ts';

/** One fill an execution model decides on; the venue books it. */
export interface PlannedFill {
  lots: number;
  /** Price per piece, nanos. */
  price: bigint;
  time: number;
}

/** The decision on a newly placed order. */
export interface Placement {
  fills: PlannedFill[];
  /** Cancel what the fills leave (market remainder on an empty book, fill-and-kill). */
  cancelRest?: string;
}

/** Fill rules of one venue. */
export interface ExecutionModel {
  /** Fills at placement, at venue time `now`. */
  place(order: OrderRec, now: number): Placement;
  /** Fills of a resting order from tape trades after it was placed, oldest first. */
  onTrades(order: OrderRec, trades: readonly TapeTrade[]): PlannedFill[];
}

/** A book level with its price in nanos. */
export interface Level {
  price: bigint;
  lots: number;
}

/** The market as execution reads it: last trade price and book sides in nanos. */
export class MarketView {
  constructor(readonly tape: MarketTape) {}

  /** Last trade price of `uid` at `at` (nanos), if any trade happened. */
  lastPrice(uid: string, at: number): bigint | undefined {
    const t = this.tape.lastTrade(uid, at);
    return t ? numberToNanos(t.price) : undefined;
  }

  /** The side a `direction` order meets (asks for a buy, bids for a sell), best first. */
  opposite(uid: string, at: number, direction: 'buy' | 'sell', depth = 50): Level[] {
    const book = this.tape.book(uid, at, depth);
    if (!book) return [];
    const side: readonly BookLevel[] = direction === 'buy' ? book.asks : book.bids;
    return side
      .filter((l) => l.lots > 0)
      .map((l) => ({ price: numberToNanos(l.price), lots: l.lots }));
  }
}

/** True when `price` is acceptable to a limit order at `limit` in `direction`. */
export function crosses(direction: 'buy' | 'sell', price: bigint, limit: bigint): boolean {
  return direction === 'buy' ? price <= limit : price >= limit;
}

/** Lots an order still waits to fill. */
export function lotsLeft(order: OrderRec): number {
  return order.lotsRequested - order.lotsExecuted;
}

/** Tape trades strictly after `after`, as nanos prices. */
export function tradesAfter(trades: readonly TapeTrade[], after: number): TapeTrade[] {
  return trades.filter((t) => t.time > after);
}
