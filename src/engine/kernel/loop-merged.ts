/**
 * @module The multi-series loop: candles of every subscribed series merged by close time. Cursors are
 * kept sorted by interval length, then subscription order; that order breaks ties. One step handles
 * every candle closing at the same instant T: first the broker's candle hook sees those candles of
 * each instrument's execution series (a simulated broker's fills happened inside them, before T),
 * then the strategy sees each candle at T, then the updates it caused are delivered, then equity is
 * marked once, stamped with the open time of the first candle of the step.
 */
import type { KernelState } from './kernel-state.ts';
import { idle } from './loop-single.ts';
import type { SeriesCursor } from './series-cursor.ts';

/** Loads the cursor's current candle into its view. */
function load(cur: SeriesCursor, closeAt: number): void {
  const b = cur.batch as NonNullable<SeriesCursor['batch']>;
  const i = cur.i;
  const v = cur.view;
  v.time = b.time[i];
  v.open = b.open[i];
  v.high = b.high[i];
  v.low = b.low[i];
  v.close = b.close[i];
  v.volume = b.volume[i];
  v.closeTime = closeAt;
}

/**
 * Runs a multi-series backtest. `cursors` must be in tie-break order, each with `isExec` set when it
 * is its instrument's execution series (its finest interval).
 */
export async function runMerged(s: KernelState, cursors: readonly SeriesCursor[]): Promise<void> {
  for (const c of cursors) {
    const r = c.advance();
    if (r !== true && r !== false) await idle(s, r);
  }
  const group: SeriesCursor[] = [];
  const pf = s.portfolio;
  const onBrokerCandle = s.brokerOnCandle;
  for (;;) {
    // One pass finds the earliest close time and, in tie-break order, every cursor closing then.
    let T = Infinity;
    group.length = 0;
    for (const c of cursors) {
      const t = c.nextClose;
      if (t < T) {
        T = t;
        group.length = 0;
        group.push(c);
      } else if (t === T && t !== Infinity) {
        group.push(c);
      }
    }
    if (T === Infinity) return;
    if (s.timers.next < T) s.fireTimers(T, true);
    s.advance?.(T);
    for (const c of group) {
      load(c, T);
      // The earliest open of any candle starts the run's span (NaN-safe: true while unset).
      if (!(c.view.time >= s.firstOpen)) s.firstOpen = c.view.time;
      if (!c.isExec) continue;
      s.hold.enter(c.slot, c.view.open);
      if (onBrokerCandle !== undefined) onBrokerCandle(c.view);
    }
    if (s.queue.length !== 0) s.drain();
    for (const c of group) {
      pf.last[c.slot] = c.view.close;
      c.history.pushFrom(c.batch as NonNullable<SeriesCursor['batch']>, c.i);
      s.strategy.onCandle(c.view, s.ctx);
    }
    if (s.queue.length !== 0) s.drain();
    if (s.timers.next <= T) s.fireTimers(T, false);
    s.mark(group[0].view.time);
    s.lastClose = T;
    for (const c of group) {
      c.i++;
      if (c.i < c.n) {
        c.nextClose = c.closeOf((c.batch as NonNullable<SeriesCursor['batch']>).time[c.i]);
        continue;
      }
      const r = c.advance();
      if (r !== true && r !== false) await idle(s, r);
    }
  }
}
