/**
 * @module `rsi-reversion`: RSI mean reversion on each subscribed series. When flat it buys `lots` at
 * market on the close of a candle whose RSI is below `oversold` (and, with short=true, sells `lots`
 * short when RSI is above `overbought`); it closes a long once RSI closes above `exit`, a short once
 * RSI closes below it. RSI is Wilder's, as technicalindicators computes it.
 */
import type { CandleEvent, Rsi, Strategy, StrategyContext } from '../../engine/index.ts';
import type { RsiReversionParams } from './config.ts';

/** RSI mean reversion. */
export class RsiReversion implements Strategy {
  private rsi: Rsi[] = [];

  constructor(readonly params: RsiReversionParams) {}

  onStart(): void {
    this.rsi = [];
  }

  onCandle(c: CandleEvent, ctx: StrategyContext): void {
    const ind = (this.rsi[c.series] ??= ctx.indicators.rsi(this.params.period));
    const r = ind.nextValue(c.close);
    if (r === undefined) return;
    const p = this.params;
    const uid = c.instrumentUid;
    const held = ctx.positionLots(uid);
    if (ctx.openOrders(uid).length > 0) return;
    if (held === 0) {
      if (r < p.oversold) ctx.buy(p.lots, { instrument: uid });
      else if (p.short && r > p.overbought) ctx.sell(p.lots, { instrument: uid });
    } else if (held > 0 && r > p.exit) {
      ctx.sell(held, { instrument: uid });
    } else if (held < 0 && r < p.exit) {
      ctx.buy(-held, { instrument: uid });
    }
  }
}
