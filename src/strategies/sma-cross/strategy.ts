/**
 * @module `sma-cross`, the reference strategy outside tools are compared against, so its rule is
 * fixed. With fast_t and slow_t the SMAs of the close after candle t: on the candle where
 * fast[t-1] <= slow[t-1] and fast[t] > slow[t] (up-cross) it buys `lots` if flat; where
 * fast[t-1] >= slow[t-1] and fast[t] < slow[t] (down-cross) it closes the position. With short=true
 * the down-cross also goes short `lots` (long → short in one order, or short from flat) and the
 * up-cross covers a short and goes long `lots`. Market orders only. Every subscribed series is traded
 * on its own (its own SMAs, orders in its instrument). Both inequalities are decided on the exact
 * means (`Sma.compare`), so an exact tie is a tie and never a cross.
 */
import type { CandleEvent, Sma, Strategy, StrategyContext } from '../../engine/index.ts';
import type { SmaCrossParams } from './config.ts';

interface SeriesState {
  fast: Sma;
  slow: Sma;
  /** Sign of fast - slow after the previous candle (NaN until both SMAs have a value). */
  prev: number;
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
        prev: NaN,
      };
      this.states[c.series] = st;
    }
    st.fast.nextValue(c.close);
    st.slow.nextValue(c.close);
    const prev = st.prev;
    // NaN while either SMA warms up; NaN compares false, so nothing happens until both have two values.
    const now = st.fast.compare(st.slow);
    st.prev = now;
    if (prev <= 0 && now > 0) this.crossUp(c, ctx);
    else if (prev >= 0 && now < 0) this.crossDown(c, ctx);
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
