/**
 * @module A strategy driven by a script, for engine tests: `onCandle` calls the script with the
 * candle's index in the run and records copies of every candle it saw (with ctx.now()) and every
 * order update, so tests can assert on event order and timing.
 */
import type { Candle } from '../../src/core/candle.ts';
import type {
  CandleEvent,
  OrderUpdate,
  Strategy,
  StrategyContext,
} from '../../src/engine/index.ts';

/** One candle as the strategy saw it. */
export interface SeenCandle extends Candle {
  ticker: string;
  interval: string;
  now: number;
  closeTime: number;
}

/** A step of the script: `k` counts candles delivered so far (0-based) across all series. */
export type Script = (k: number, c: CandleEvent, ctx: StrategyContext) => void;

/** Records everything; acts through the script. */
export class ScriptedStrategy implements Strategy {
  readonly seen: SeenCandle[] = [];
  readonly updates: (OrderUpdate & { now: number })[] = [];
  /** Event log: `candle <ticker> <interval> <iso open>`, `update <status> <orderId>`, `timer <tag> <iso now>`. */
  readonly log: string[] = [];
  startedAt = NaN;
  stoppedAt = NaN;

  constructor(
    private readonly script: Script = () => {},
    private readonly onUpdate?: (u: OrderUpdate, ctx: StrategyContext) => void,
    private readonly onBegin?: (ctx: StrategyContext) => void,
  ) {}

  onStart(ctx: StrategyContext): void {
    this.startedAt = ctx.now();
    this.onBegin?.(ctx);
  }

  onCandle(c: CandleEvent, ctx: StrategyContext): void {
    this.seen.push({
      ...c.toCandle(),
      ticker: c.ticker,
      interval: c.interval,
      now: ctx.now(),
      closeTime: c.closeTime,
    });
    this.log.push(`candle ${c.ticker} ${c.interval} ${new Date(c.time).toISOString()}`);
    this.script(this.seen.length - 1, c, ctx);
  }

  onOrderUpdate(u: OrderUpdate, ctx: StrategyContext): void {
    this.updates.push({ ...u, now: ctx.now() });
    this.log.push(`update ${u.status} ${u.orderId}`);
    this.onUpdate?.(u, ctx);
  }

  onTimer(tag: string, ctx: StrategyContext): void {
    this.log.push(`timer ${tag} ${new Date(ctx.now()).toISOString()}`);
    this.onTimerHook?.(tag, ctx);
  }

  /** Called from onTimer when set. */
  onTimerHook?: (tag: string, ctx: StrategyContext) => void;

  onStop(ctx: StrategyContext): void {
    this.stoppedAt = ctx.now();
  }
}
