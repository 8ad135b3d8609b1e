/**
 * @module The StrategyContext the kernel hands to strategies: a thin facade over the clock, the
 * portfolio, the broker port and the series histories. Instruments can be named by uid or ticker;
 * the default is the run's first instrument.
 */
import { UsageError } from '../../core/errors.ts';
import type { Instrument } from '../../core/instrument.ts';
import type { Interval } from '../../core/interval.ts';
import type { HistoryView, SeriesHistory } from '../history/series-history.ts';
import { indicators } from '../indicators/index.ts';
import type { Broker, OpenOrder, OrderAck, OrderRequest, OrderSide } from '../ports/broker.ts';
import type { Clock } from '../ports/clock.ts';
import type { PositionView, Portfolio } from '../portfolio/portfolio.ts';
import type { OrderOptions, StrategyContext } from '../strategy.ts';
import type { TimerQueue } from './timers.ts';

/** One subscribed series as the context finds it. */
export interface ContextSeries {
  slot: number;
  interval: Interval;
  history: SeriesHistory;
}

/** What a context is built from. */
export interface EngineContextOptions {
  clock: Clock;
  portfolio: Portfolio;
  broker: Broker;
  instruments: readonly Instrument[];
  /** Subscribed series, finest interval first for each instrument. */
  series: readonly ContextSeries[];
  timers: TimerQueue;
}

/** The engine's implementation of {@link StrategyContext}. */
export class EngineContext implements StrategyContext {
  readonly indicators = indicators;
  readonly instruments: readonly Instrument[];
  private readonly slots = new Map<string, number>();
  private readonly clock: Clock;
  private readonly portfolio: Portfolio;
  private readonly broker: Broker;
  private readonly series: readonly ContextSeries[];
  private readonly timers: TimerQueue;

  constructor(o: EngineContextOptions) {
    this.clock = o.clock;
    this.portfolio = o.portfolio;
    this.broker = o.broker;
    this.instruments = o.instruments;
    this.series = o.series;
    this.timers = o.timers;
    o.instruments.forEach((inst, slot) => {
      this.slots.set(inst.uid, slot);
      if (!this.slots.has(inst.ticker)) this.slots.set(inst.ticker, slot);
    });
  }

  now(): number {
    return this.clock.now();
  }

  cash(): number {
    return this.portfolio.cash;
  }

  equity(): number {
    return this.portfolio.equity();
  }

  position(instrument?: string): PositionView {
    return this.portfolio.position(this.slot(instrument));
  }

  positionLots(instrument?: string): number {
    return this.portfolio.lots[this.slot(instrument)];
  }

  instrument(instrument?: string): Instrument {
    return this.instruments[this.slot(instrument)];
  }

  buy(lots: number, options?: OrderOptions): OrderAck {
    return this.order('buy', lots, options);
  }

  sell(lots: number, options?: OrderOptions): OrderAck {
    return this.order('sell', lots, options);
  }

  submit(request: OrderRequest): OrderAck {
    return this.broker.submit(request);
  }

  targetPosition(
    lots: number,
    options?: { instrument?: string; tag?: string },
  ): OrderAck | undefined {
    if (!Number.isInteger(lots)) {
      throw new UsageError(`targetPosition(${lots}): lots must be a whole number`, 'round it');
    }
    const slot = this.slot(options?.instrument);
    const uid = this.instruments[slot].uid;
    let current = this.portfolio.lots[slot];
    for (const o of this.broker.openOrders(uid)) {
      if (o.request.type === 'market')
        current += o.request.side === 'buy' ? o.remainingLots : -o.remainingLots;
    }
    const diff = lots - current;
    if (diff === 0) return undefined;
    const side: OrderSide = diff > 0 ? 'buy' : 'sell';
    return this.broker.submit({
      instrumentUid: uid,
      side,
      lots: Math.abs(diff),
      type: 'market',
      tag: options?.tag,
    });
  }

  cancel(orderId: string): boolean {
    return this.broker.cancel(orderId);
  }

  openOrders(instrument?: string): readonly OpenOrder[] {
    if (instrument === undefined) return this.broker.openOrders();
    return this.broker.openOrders(this.instruments[this.slot(instrument)].uid);
  }

  history(instrument?: string, interval?: Interval): HistoryView {
    const slot = this.slot(instrument);
    const s = this.series.find(
      (x) => x.slot === slot && (interval === undefined || x.interval === interval),
    );
    if (s === undefined) {
      const have = this.series.filter((x) => x.slot === slot).map((x) => x.interval);
      throw new UsageError(
        `${this.instruments[slot].ticker} ${interval} is not a subscribed series`,
        `subscribe to it in the run config, or use one of: ${have.join(', ')}`,
      );
    }
    return s.history;
  }

  setTimer(at: number, tag = ''): void {
    this.timers.add(at, tag, this.clock.now());
  }

  private order(side: OrderSide, lots: number, o: OrderOptions | undefined): OrderAck {
    const uid = this.instruments[this.slot(o?.instrument)].uid;
    const request: OrderRequest =
      o?.limit !== undefined
        ? { instrumentUid: uid, side, lots, type: 'limit', limitPrice: o.limit }
        : o?.stop !== undefined
          ? { instrumentUid: uid, side, lots, type: 'stop', stopPrice: o.stop }
          : { instrumentUid: uid, side, lots, type: 'market' };
    if (o?.timeInForce !== undefined) request.timeInForce = o.timeInForce;
    if (o?.tag !== undefined) request.tag = o.tag;
    return this.broker.submit(request);
  }

  private slot(instrument: string | undefined): number {
    if (instrument === undefined) return 0;
    const s = this.slots.get(instrument);
    if (s === undefined) {
      throw new UsageError(
        `instrument '${instrument}' is not part of this run`,
        `use one of: ${this.instruments.map((i) => i.ticker).join(', ')}`,
      );
    }
    return s;
  }
}
