/**
 * @module `sma-cross`, the reference strategy outside tools are compared against, so its rule is
 * fixed. With fast_t and slow_t the SMAs of the close after candle t: on the candle where
 * fast[t-1] <= slow[t-1] and fast[t] > slow[t] (up-cross) it buys `lots` if flat; where
 * fast[t-1] >= slow[t-1] and fast[t] < slow[t] (down-cross) it closes the position. With short=true
 * the down-cross also goes short `lots` (long → short in one order, or short from flat) and the
 * up-cross covers a short and goes long `lots`. Market orders only. Every subscribed series is traded
 * on its own (its own SMAs, orders in its instrument).
 */
import type { CandleEvent, Sma, Strategy, StrategyContext } from '../../engine/index.ts';
import type { SmaCrossParams } from './config.ts';

interface SeriesState {
  fast: Sma;
  slow: Sma;
  prevFast: number;
  prevSlow: number;
}

/** Simple-moving-average crossover. */
export class SmaCross implements Strategy {
  private states: SeriesState[] = [];

  constructor(readonly params: SmaCrossParams) {}

  onStart(): void {
    this.states = [];
  }

  onCandle(c: CandleEvent, ctx: StrategyContext): void {
    let st = this.states[c.series];
    if (st === undefined) {
      st = {
        fast: ctx.indicators.sma(this.params.fast),
        slow: ctx.indicators.sma(this.params.slow),
        prevFast: NaN,
        prevSlow: NaN,
      };
      this.states[c.series] = st;
    }
    const f = st.fast.nextValue(c.close);
    const s = st.slow.nextValue(c.close);
    const pf = st.prevFast;
    const ps = st.prevSlow;
    st.prevFast = f === undefined ? NaN : f;
    st.prevSlow = s === undefined ? NaN : s;
    // NaN compares false, so nothing happens until both SMAs have two values.
    if (pf <= ps && (f as number) > (s as number)) this.crossUp(c, ctx);
    else if (pf >= ps && (f as number) < (s as number)) this.crossDown(c, ctx);
  }

  private crossUp(c: CandleEvent, ctx: StrategyContext): void {
    const held = ctx.positionLots(c.instrumentUid);
    const { lots, short } = this.params;
    if (held === 0) ctx.buy(lots, { instrument: c.instrumentUid });
    else if (short && held < 0) ctx.targetPosition(lots, { instrument: c.instrumentUid });
  }

  private crossDown(c: CandleEvent, ctx: StrategyContext): void {
    const held = ctx.positionLots(c.instrumentUid);
    const { lots, short } = this.params;
    if (short && held >= 0) ctx.targetPosition(-lots, { instrument: c.instrumentUid });
    else if (held > 0) ctx.sell(held, { instrument: c.instrumentUid });
  }
}
