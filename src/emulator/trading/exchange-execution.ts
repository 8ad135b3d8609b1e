/**
 * @module Production-like fills: an order meets the synthetic book and tape as on the exchange. At
 * placement it takes the opposite book level by level while the limit accepts the price (a market
 * order takes whatever is there; its unfilled rest is cancelled). A resting limit order is filled
 * at its own price by later tape trades at or through it, each trade giving at most its own lots, so
 * large orders fill partially and over several trades.
 */
import { numberToNanos } from '../../wire/convert/nanos.ts';
import type { TapeTrade } from '../venue/venue-ports.ts';
import {
  crosses,
  lotsLeft,
  type ExecutionModel,
  type MarketView,
  type Placement,
  type PlannedFill,
} from './execution.ts';
import type { OrderRec } from './records.ts';

export class ExchangeExecution implements ExecutionModel {
  constructor(private readonly market: MarketView) {}

  place(order: OrderRec, now: number): Placement {
    let left = lotsLeft(order);
    const fills: PlannedFill[] = [];
    for (const level of this.market.opposite(order.uid, now, order.direction)) {
      if (left === 0) break;
      if (order.price !== null && !crosses(order.direction, level.price, order.price)) break;
      const lots = Math.min(left, level.lots);
      fills.push({ lots, price: level.price, time: now });
      left -= lots;
    }
    if (left > 0 && order.price === null) {
      return { fills, cancelRest: 'not enough liquidity in the book for the market order' };
    }
    return { fills };
  }

  onTrades(order: OrderRec, trades: readonly TapeTrade[]): PlannedFill[] {
    if (order.price === null) return [];
    let left = lotsLeft(order);
    const fills: PlannedFill[] = [];
    for (const t of trades) {
      if (left === 0) break;
      if (!crosses(order.direction, numberToNanos(t.price), order.price)) continue;
      const lots = Math.min(left, t.lots);
      fills.push({ lots, price: order.price, time: t.time });
      left -= lots;
    }
    return fills;
  }
}
