/**
 * @module The strategy contract. A strategy is an object with hooks; the engine calls them in event
 * order and hands each a context (`ctx`) that is the strategy's only window on the world: the clock,
 * the account, instrument specs, order helpers, rolling history and indicators. Nothing tells a hook
 * whether it runs in a backtest, so the same class runs on the cache, the sandbox and a live account.
 */
import type { Instrument } from '../core/instrument.ts';
import type { Interval } from '../core/interval.ts';
import type { CandleEvent } from './candle-event.ts';
import type { HistoryView } from './history/series-history.ts';
import type { IndicatorFactory } from './indicators/index.ts';
import type { PositionView } from './portfolio/portfolio.ts';
import type {
  OpenOrder,
  OrderAck,
  OrderRequest,
  OrderUpdate,
  TimeInForce,
} from './ports/broker.ts';

/** Options of the order helpers. Without `limit` or `stop` the order is a market order. */
export interface OrderOptions {
  /** Instrument uid or ticker; default: the run's first instrument. */
  instrument?: string;
  /** Makes it a limit order at this price (snapped to the nearest tick). */
  limit?: number;
  /** Makes it a stop (stop-market) order triggered at this price (snapped to the nearest tick). */
  stop?: number;
  timeInForce?: TimeInForce;
  tag?: string;
}

/** Everything a strategy may use. */
export interface StrategyContext {
  /** Current time (epoch ms UTC): in onCandle, the candle's close time. */
  now(): number;
  /** Free cash in the account currency. */
  cash(): number;
  /** Cash plus open positions at their last prices. */
  equity(): number;
  /** Position in one instrument (uid or ticker; default the first instrument); a fresh snapshot. */
  position(instrument?: string): PositionView;
  /** Signed lots held in one instrument (the cheap form of `position(...).lots`, no allocation). */
  positionLots(instrument?: string): number;
  /** Every instrument of the run, in the order given. */
  readonly instruments: readonly Instrument[];
  /** Spec (lot, tick, currency...) of one instrument by uid or ticker; default the first. */
  instrument(instrument?: string): Instrument;
  /** Buys `lots` lots: market by default, limit or stop with options. */
  buy(lots: number, options?: OrderOptions): OrderAck;
  /** Sells `lots` lots: market by default, limit or stop with options. */
  sell(lots: number, options?: OrderOptions): OrderAck;
  /** Submits a fully specified order. */
  submit(request: OrderRequest): OrderAck;
  /**
   * Trades toward a target position of `lots` (signed; negative = short) with one market order for
   * the difference between the target and the position plus pending market orders; undefined when
   * there is nothing to do.
   */
  targetPosition(
    lots: number,
    options?: { instrument?: string; tag?: string },
  ): OrderAck | undefined;
  /** Cancels a pending order; false when it is no longer pending. */
  cancel(orderId: string): boolean;
  /** Pending orders, optionally of one instrument (uid or ticker). */
  openOrders(instrument?: string): readonly OpenOrder[];
  /**
   * Rolling history of a subscribed series (instrument uid or ticker, default the first; interval
   * default the finest subscribed for it). Index 0 is the latest closed candle.
   */
  history(instrument?: string, interval?: Interval): HistoryView;
  /** Streaming indicator factories (technicalindicators' definitions). */
  readonly indicators: IndicatorFactory;
  /**
   * Calls the strategy's `onTimer(tag)` at time `at` (epoch ms, not before now): after the candles
   * closing at `at` and their order updates, with `ctx.now()` = `at`.
   */
  setTimer(at: number, tag?: string): void;
}

/**
 * A trading strategy. `onCandle` receives a reused view object (see CandleEvent): copy what you keep.
 * Hooks are synchronous; orders placed in a hook are acknowledged at once and their outcome arrives
 * through `onOrderUpdate`.
 */
export interface Strategy {
  onStart?(ctx: StrategyContext): void;
  onCandle(candle: CandleEvent, ctx: StrategyContext): void;
  onOrderUpdate?(update: OrderUpdate, ctx: StrategyContext): void;
  /** A timer set with `ctx.setTimer` came due. */
  onTimer?(tag: string, ctx: StrategyContext): void;
  onStop?(ctx: StrategyContext): void;
}
