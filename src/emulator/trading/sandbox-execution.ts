/**
 * @module The documented sandbox's fill rules. A market order fills whole at the last trade price
 * whatever its size (or at the next trade when there has been none). A limit order fills whole at
 * the best opposite quote when the book has one the limit accepts at placement; otherwise it rests,
 * unseen by the market, and fills whole at its own price once a trade reaches it (a buy at 100 when
 * a trade is at or below 100, a sell at or above).
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

export class SandboxExecution implements ExecutionModel {
  constructor(private readonly market: MarketView) {}

  place(order: OrderRec, now: number): Placement {
    if (order.price === null) {
      const last = this.market.lastPrice(order.uid, now);
      return {
        fills: last === undefined ? [] : [{ lots: lotsLeft(order), price: last, time: now }],
      };
    }
    const best = this.market.opposite(order.uid, now, order.direction, 1)[0];
    if (best && crosses(order.direction, best.price, order.price)) {
      return { fills: [{ lots: lotsLeft(order), price: best.price, time: now }] };
    }
    return { fills: [] };
  }

  onTrades(order: OrderRec, trades: readonly TapeTrade[]): PlannedFill[] {
    for (const t of trades) {
      const price = numberToNanos(t.price);
      if (order.price === null) return [{ lots: lotsLeft(order), price, time: t.time }];
      if (crosses(order.direction, price, order.price)) {
        return [{ lots: lotsLeft(order), price: order.price, time: t.time }];
      }
    }
    return [];
  }
}
