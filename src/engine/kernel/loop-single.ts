/**
 * @module The one-series loop: a tight synchronous pass over each batch's typed arrays with no
 * allocation of its own. Per candle, in event order: the broker's candle hook sees it (a simulated
 * broker's fills happened inside it, so the strategy hears of them first), the candle joins the
 * history, the strategy sees it at its close time, updates it caused are delivered, and equity is
 * marked.
 */
import type { KernelState } from './kernel-state.ts';
import type { SeriesCursor } from './series-cursor.ts';

/** Processes every candle of the cursor's current batch. */
function processBatch(s: KernelState, cur: SeriesCursor): void {
  const b = cur.batch;
  if (b === null) return;
  const n = cur.n;
  const T = b.time;
  const O = b.open;
  const H = b.high;
  const L = b.low;
  const C = b.close;
  const V = b.volume;
  const view = cur.view;
  const hist = cur.history;
  const advance = s.advance;
  const onBrokerCandle = s.brokerOnCandle;
  const pf = s.portfolio;
  const units = pf.units;
  const last = pf.last;
  const strategy = s.strategy;
  const ctx = s.ctx;
  const queue = s.queue;
  const stats = s.stats;
  const benchStats = s.benchStats;
  const recorder = s.recorder;
  const holdUnits = s.hold.units[0];
  const holdCash = s.hold.cash;
  const fixed = cur.ivMs === cur.ivMs;
  const ivMs = cur.ivMs;
  let closeAt = 0;
  for (let i = 0; i < n; i++) {
    const t = T[i];
    const c = C[i];
    closeAt = fixed ? t + ivMs : cur.closeOf(t);
    if (s.timers.next < closeAt) s.fireTimers(closeAt, true);
    view.time = t;
    view.open = O[i];
    view.high = H[i];
    view.low = L[i];
    view.close = c;
    view.volume = V[i];
    view.closeTime = closeAt;
    if (advance !== undefined) advance(closeAt);
    if (onBrokerCandle !== undefined) {
      onBrokerCandle(view);
      if (queue.length !== 0) s.drain();
    }
    last[0] = c;
    hist.pushFrom(b, i);
    strategy.onCandle(view, ctx);
    if (queue.length !== 0) s.drain();
    if (s.timers.next <= closeAt) s.fireTimers(closeAt, false);
    const eq = pf.cash + units[0] * c;
    const beq = holdCash + holdUnits * c;
    stats.push(t, eq, units[0] !== 0);
    benchStats.push(t, beq, true);
    recorder.push(t, eq, beq);
  }
  s.lastClose = closeAt;
}

/**
 * Awaits the feed outside a step: an update a broker delivers meanwhile (a live venue's) goes to the
 * strategy at once instead of waiting for the next candle, and on a clock that moves by itself a
 * timer falling due meanwhile fires at its time.
 */
export async function idle<T>(s: KernelState, p: Promise<T>): Promise<T> {
  s.inStep = false;
  if (s.queue.length !== 0) s.drain();
  try {
    const sleep = s.sleepUntil;
    if (sleep === undefined) return await p;
    const answer = p.then((value) => ({ value }));
    for (;;) {
      const at = s.timers.next;
      if (at === Infinity) return (await answer).value;
      const woke = await Promise.race([answer, sleep(at).then(() => null)]);
      if (woke !== null) return woke.value;
      s.inStep = true;
      s.fireTimers(s.clock.now(), false);
      s.inStep = false;
    }
  } finally {
    s.inStep = true;
  }
}

/** Runs a single-series run to the end of the feed. */
export async function runSingle(s: KernelState, cur: SeriesCursor): Promise<void> {
  for (;;) {
    let more = cur.advance();
    if (more !== true && more !== false) more = await idle(s, more);
    if (!more) return;
    if (s.firstOpen !== s.firstOpen) {
      s.firstOpen = (cur.batch as NonNullable<typeof cur.batch>).time[0];
      s.hold.enter(0, (cur.batch as NonNullable<typeof cur.batch>).open[0]);
    }
    processBatch(s, cur);
  }
}
