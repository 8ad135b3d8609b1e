/**
 * @module The multi-series loop: candles of every subscribed series merged by close time. Cursors are
 * kept sorted by interval length, then subscription order; that order breaks ties. One step handles
 * every candle closing at the same instant T: first the broker's candle hook sees those candles of
 * each instrument's execution series (a simulated broker's fills happened inside them, before T),
 * then the strategy sees each candle at T, then the updates it caused are delivered, then equity is
 * marked once, stamped with the open time of the first candle of the step.
 *
 * A live feed's next candle may still be on its way. The merge then goes on with the other series as
 * long as the candle it waits for cannot close before them (see SeriesCursor.nextCloseBound), so a
 * 1-hour series does not hold back the 1-minute one; it waits only when the order depends on it. A
 * backtest's feeds answer at once and never take that path.
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

/** Asks the cursor for its next batch; a pending answer is parked on the cursor. */
function pull(c: SeriesCursor): void {
  const r = c.advance();
  if (r === true || r === false) return;
  c.pending = r;
  // Until the answer comes, the cursor has no current candle.
  c.nextClose = Infinity;
  // A failed read stays parked (pending) and is raised when the merge awaits it.
  void r.then(
    () => {
      if (c.pending === r) c.pending = null;
    },
    () => undefined,
  );
}

/**
 * Earliest close a pending cursor can still deliver, or Infinity when none is pending; the
 * pending cursors are collected into `waiting`.
 */
function pendingBound(cursors: readonly SeriesCursor[], waiting: SeriesCursor[]): number {
  waiting.length = 0;
  let B = Infinity;
  for (const c of cursors) {
    if (c.pending === null) continue;
    waiting.push(c);
    const b = c.nextCloseBound();
    if (b < B) B = b;
  }
  return B;
}

/** Waits, outside the step, until one of the pending cursors has its answer (or its failure). */
async function awaitAny(s: KernelState, waiting: readonly SeriesCursor[]): Promise<void> {
  await idle(s, Promise.race(waiting.map((c) => c.pending as Promise<boolean>)));
}

/**
 * Runs a multi-series backtest. `cursors` must be in tie-break order, each with `isExec` set when it
 * is its instrument's execution series (its finest interval).
 */
export async function runMerged(s: KernelState, cursors: readonly SeriesCursor[]): Promise<void> {
  for (const c of cursors) pull(c);
  const group: SeriesCursor[] = [];
  const waiting: SeriesCursor[] = [];
  const pf = s.portfolio;
  const onBrokerCandle = s.brokerOnCandle;
  const econ = s.economics;
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
    if (pendingBound(cursors, waiting) <= T && waiting.length !== 0) {
      await awaitAny(s, waiting);
      continue;
    }
    if (T === Infinity) return;
    if (s.timers.next < T) s.fireTimers(T, true);
    // Dated economics (clearings, dividends, expiries) before T, at the prices seen by then.
    if (econ !== undefined && econ.next < T) econ.process(T, true);
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
    if (econ !== undefined && econ.next <= T) econ.process(T, false);
    if (s.timers.next <= T) s.fireTimers(T, false);
    s.mark(group[0].view.time);
    s.lastClose = T;
    for (const c of group) {
      c.i++;
      if (c.i < c.n) {
        c.nextClose = c.closeOf((c.batch as NonNullable<SeriesCursor['batch']>).time[c.i]);
        continue;
      }
      pull(c);
    }
  }
}
