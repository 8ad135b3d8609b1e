/**
 * @module Fill models: at what price a pending order executes in a candle of its instrument (one that
 * opened at or after the order was placed), or NaN when it does not execute in that candle.
 *
 * `next-bar` (the default): market at the open plus slippage; a buy limit when low <= limit, at
 * min(open, limit) (the open when the price gapped through the limit), a sell limit mirrored; a buy
 * stop when high >= stop, at the open if the open is already at or past the stop, else at the stop,
 * plus slippage (a sell stop mirrored).
 *
 * `sandbox`: the T-Invest sandbox's documented execution replayed on candles. Market orders fill at
 * the last trade price with no slippage; the first trade after the decision is the next candle's
 * open, so at that open. A limit order marketable against that first price fills whole at it;
 * otherwise it rests and fills when the price crosses it, at the order's own price even if a later
 * candle gaps through it. Stops trigger as in `next-bar`, without slippage. Unfilled limit orders
 * expire at the end of their day, as the sandbox cancels them after the session.
 */
import type { OrderRequest, OrderSide, OrderType } from '../ports/broker.ts';
import type { CandleEvent } from '../candle-event.ts';
import type { Slipper } from './slippage-model.ts';

/** Names of the built-in fill models. */
export type FillModelName = 'next-bar' | 'sandbox';

/** Every fill model name, default first. */
export const FILL_MODELS: readonly FillModelName[] = ['next-bar', 'sandbox'];

/** An accepted order waiting in the simulated broker. */
export interface PendingOrder {
  readonly id: string;
  readonly slot: number;
  readonly request: Readonly<OrderRequest>;
  readonly side: OrderSide;
  readonly type: OrderType;
  readonly lots: number;
  /** Limit price on the tick grid, NaN when not a limit order. */
  readonly limit: number;
  /** Stop price on the tick grid, NaN when not a stop order. */
  readonly stop: number;
  readonly createdAt: number;
  /** End of the order's day for day orders, Infinity otherwise. */
  readonly expiresAt: number;
  /** Candles of its instrument the order has been checked against. */
  candlesSeen: number;
}

/** Decides execution prices. */
export interface FillModel {
  /** Recorded in the fingerprint: the built-in models' names, or your own model's. */
  readonly name: string;
  /** Limit orders expire at the end of their day whatever their time in force. */
  readonly limitsAreDayOrders: boolean;
  /**
   * The execution price of `order` in candle `c`, or NaN when it does not execute there. `slip`
   * is the run's slippage model, applied where the model says executions slip.
   */
  price(order: PendingOrder, c: CandleEvent, tick: number, slip: Slipper): number;
}

function stopPrice(o: PendingOrder, c: CandleEvent): number {
  const s = o.stop;
  if (o.side === 'buy') return c.high >= s ? (c.open >= s ? c.open : s) : NaN;
  return c.low <= s ? (c.open <= s ? c.open : s) : NaN;
}

/** Builds a built-in fill model; `next-bar` slips market and stop executions, `sandbox` none. */
export function createFillModel(name: FillModelName): FillModel {
  if (name === 'sandbox') {
    return {
      name,
      limitsAreDayOrders: true,
      price(o, c) {
        if (o.type === 'market') return c.open;
        if (o.type === 'stop') return stopPrice(o, c);
        const L = o.limit;
        if (o.side === 'buy') {
          if (o.candlesSeen === 0 && c.open <= L) return c.open;
          return c.low <= L ? L : NaN;
        }
        if (o.candlesSeen === 0 && c.open >= L) return c.open;
        return c.high >= L ? L : NaN;
      },
    };
  }
  return {
    name,
    limitsAreDayOrders: false,
    price(o, c, tick, slip) {
      if (o.type === 'market') return slip(c.open, o.side, tick);
      if (o.type === 'stop') {
        const p = stopPrice(o, c);
        return p === p ? slip(p, o.side, tick) : NaN;
      }
      const L = o.limit;
      if (o.side === 'buy') return c.low <= L ? Math.min(c.open, L) : NaN;
      return c.high >= L ? Math.max(c.open, L) : NaN;
    },
  };
}
