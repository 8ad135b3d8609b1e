/**
 * @module `breakout`: a long-only Donchian channel breakout traded with stop orders, on the first
 * instrument's execution series. While flat it keeps a buy stop one tick above the highest high of
 * the last `entry` closed candles; once long, a sell stop one tick below the lowest low of the last
 * `exit` closed candles. Both are moved (cancel and replace) when the channel moves, so a breakout
 * fills at the stop, or at the open when the price gaps through it.
 */
import type {
  CandleEvent,
  Highest,
  Lowest,
  OrderUpdate,
  Strategy,
  StrategyContext,
} from '../../engine/index.ts';
import { isTerminal } from '../../engine/index.ts';
import type { BreakoutParams } from './config.ts';

/** Donchian breakout with stop orders. */
export class Breakout implements Strategy {
  private high!: Highest;
  private low!: Lowest;
  private series = -1;
  private orderId: string | undefined;
  private level = NaN;

  constructor(readonly params: BreakoutParams) {}

  onStart(ctx: StrategyContext): void {
    this.high = ctx.indicators.highest(this.params.entry);
    this.low = ctx.indicators.lowest(this.params.exit);
    this.series = -1;
    this.orderId = undefined;
  }

  onCandle(c: CandleEvent, ctx: StrategyContext): void {
    // Trade the first series that arrives for the first instrument (its execution series).
    if (c.instrumentUid !== ctx.instruments[0].uid) return;
    if (this.series < 0) this.series = c.series;
    if (c.series !== this.series) return;
    const hi = this.high.nextValue(c.high);
    const lo = this.low.nextValue(c.low);
    const tick = ctx.instrument().minPriceIncrement;
    const held = ctx.positionLots();
    if (held === 0 && hi !== undefined) this.place(ctx, 'buy', hi + tick, this.params.lots);
    else if (held > 0 && lo !== undefined) this.place(ctx, 'sell', lo - tick, held);
  }

  onOrderUpdate(u: OrderUpdate): void {
    // Only the end of the order's life frees the slot; its acceptance does not.
    if (u.orderId === this.orderId && isTerminal(u)) this.orderId = undefined;
  }

  /** Keeps exactly one stop order of `side` at `level`. */
  private place(ctx: StrategyContext, side: 'buy' | 'sell', level: number, lots: number): void {
    const id = this.orderId;
    if (id !== undefined) {
      const same = ctx.openOrders().find((o) => o.orderId === id);
      if (same && same.request.side === side && this.level === level) return;
      ctx.cancel(id);
    }
    const ack = side === 'buy' ? ctx.buy(lots, { stop: level }) : ctx.sell(lots, { stop: level });
    this.orderId = ack.accepted ? ack.orderId : undefined;
    this.level = level;
  }
}
