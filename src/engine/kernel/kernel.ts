/**
 * @module The kernel: one run of a strategy in any environment. It owns the event queue, the
 * strategy context, the portfolio, the timers and the delivery of order events, and it reaches the
 * world only through its ports: a MarketDataFeed for closed candles, a Broker for orders (whose
 * events it applies to the portfolio and hands to the strategy) and a Clock for now. A backtest,
 * a paper run and a live run are this same code with different adapters behind the ports.
 */
import type { Instrument } from '../../core/instrument.ts';
import type { TimeRange } from '../../core/time.ts';
import type { AccountView, Broker } from '../ports/broker.ts';
import type { Clock } from '../ports/clock.ts';
import type { MarketDataFeed, SeriesKey } from '../ports/market-data-feed.ts';
import type { Strategy } from '../strategy.ts';
import type { EconomicsBook } from '../economics/economics-book.ts';
import { intervalRank } from '../../core/interval.ts';
import { Portfolio } from '../portfolio/portfolio.ts';
import { EngineContext } from './context.ts';
import { KernelState } from './kernel-state.ts';
import { runMerged } from './loop-merged.ts';
import { runSingle } from './loop-single.ts';
import { SeriesCursor } from './series-cursor.ts';

/** What one kernel run is composed of. */
export interface KernelOptions {
  strategy: Strategy;
  /** Instruments of the run; the first is the default one for `ctx` helpers. */
  instruments: readonly Instrument[];
  /** Series to deliver, each of an instrument in `instruments`. */
  subscriptions: readonly SeriesKey[];
  /** Candles whose open time lies in [from, to). */
  range: TimeRange;
  feed: MarketDataFeed;
  /**
   * Where orders go: a broker, or a function that builds one from a read-only view of the kernel's
   * account (a simulated broker checks cash and shorts against it).
   */
  broker: Broker | ((account: AccountView) => Broker);
  clock: Clock;
  startingCash: number;
  /** Candles kept per series for `ctx.history`. */
  historyLength: number;
  /** Keep the equity curve (metrics do not need it). */
  recordEquity: boolean;
  /**
   * Instrument economics (futures, bonds, currencies, dividends and coupons): the portfolio books
   * through it and its dated events run between candles. Absent: plain shares in one currency.
   */
  economics?: EconomicsBook;
}

/** One run: build it with its ports, then `run` it once over a range. */
export class Kernel {
  readonly state: KernelState;
  readonly broker: Broker;
  /** Cursors in subscription order (their digests go into the fingerprint). */
  readonly cursors: readonly SeriesCursor[];
  private readonly ordered: readonly SeriesCursor[];

  constructor(private readonly o: KernelOptions) {
    const slotOf = new Map(o.instruments.map((inst, slot) => [inst.uid, slot]));
    this.cursors = o.subscriptions.map((s, k) => {
      const slot = slotOf.get(s.instrumentUid) as number;
      return new SeriesCursor(s, o.instruments[slot].ticker, k, slot, o.historyLength);
    });
    this.ordered = [...this.cursors].sort(
      (a, b) => intervalRank(a.key.interval) - intervalRank(b.key.interval) || a.index - b.index,
    );
    for (const c of this.ordered) c.isExec = this.ordered.find((x) => x.slot === c.slot) === c;
    const portfolio = new Portfolio(o.instruments, o.startingCash, o.economics);
    o.economics?.attach(portfolio);
    this.broker = typeof o.broker === 'function' ? o.broker(portfolio) : o.broker;
    this.state = new KernelState({
      instruments: o.instruments,
      portfolio,
      clock: o.clock,
      broker: this.broker,
      strategy: o.strategy,
      recordEquity: o.recordEquity,
      economics: o.economics,
      expectedMarks: Kernel.expectedMarks(o.subscriptions, o.range),
    });
    this.broker.setUpdateListener(this.state.onUpdate);
    this.state.ctx = new EngineContext({
      clock: o.clock,
      portfolio,
      broker: this.broker,
      instruments: o.instruments,
      series: this.ordered.map((c) => ({
        slot: c.slot,
        interval: c.key.interval,
        history: c.history,
      })),
      timers: this.state.timers,
    });
  }

  /** Sizes the equity curve's first chunk for a range (an upper estimate of its marks). */
  static expectedMarks(subscriptions: readonly SeriesKey[], range: TimeRange): number {
    const finest = Math.min(...subscriptions.map((s) => intervalRank(s.interval)));
    return Math.ceil((range.to - range.from) / finest) + 1;
  }

  /**
   * Delivers the feed's candles of the range to the strategy: onStart, every event in order,
   * onStop. Resolves when the feed is exhausted; the state then holds the run's outcome.
   */
  async run(): Promise<KernelState> {
    const s = this.state;
    s.inStep = true;
    try {
      for (const c of this.cursors) c.open(this.o.feed, this.o.range);
      this.o.strategy.onStart?.(s.ctx);
      s.drain();
      // The one-series loop marks plain equity inline; economics take the general loop.
      if (this.cursors.length === 1 && this.o.instruments.length === 1 && !this.o.economics) {
        await runSingle(s, this.cursors[0]);
      } else {
        await runMerged(s, this.ordered);
      }
    } finally {
      // A strategy or data error mid-run must not leave the feed's streams (a DB cursor) open.
      for (const c of this.cursors) c.close();
    }
    if (s.lastClose === s.lastClose) s.advance?.(s.lastClose);
    this.o.strategy.onStop?.(s.ctx);
    s.drain();
    s.inStep = false;
    return s;
  }
}
