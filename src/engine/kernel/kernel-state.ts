/**
 * @module The mutable state of one kernel run and the steps both loops share: applying order events
 * to the portfolio and queueing them for the strategy, delivering the queue, firing timers, moving a
 * replay clock and marking equity. It knows the broker and the clock only through their ports.
 */
import type { Instrument } from '../../core/instrument.ts';
import { EquityStats } from '../metrics/equity-stats.ts';
import type { Broker, OrderUpdate, RejectCode } from '../ports/broker.ts';
import type { Clock } from '../ports/clock.ts';
import type { Portfolio } from '../portfolio/portfolio.ts';
import type { Strategy } from '../strategy.ts';
import { BuyAndHold } from './buy-and-hold.ts';
import type { EngineContext } from './context.ts';
import { EquityRecorder } from './equity-recorder.ts';
import { TimerQueue } from './timers.ts';
import type { EconomicsBook } from '../economics/economics-book.ts';

/** What a run's state is built from. */
export interface KernelStateOptions {
  instruments: readonly Instrument[];
  /** The account, empty at its starting cash. */
  portfolio: Portfolio;
  clock: Clock;
  broker: Broker;
  strategy: Strategy;
  recordEquity: boolean;
  /** The run's instrument economics, when it has any. */
  economics?: EconomicsBook | undefined;
  /** Upper estimate of the equity marks (sizes the curve's storage). */
  expectedMarks: number;
}

/** State shared by the loops of one run. */
export class KernelState {
  readonly portfolio: Portfolio;
  readonly stats: EquityStats;
  readonly benchStats: EquityStats;
  readonly hold: BuyAndHold;
  /** The run's instrument economics (dated events, total-return benchmark), when it has any. */
  readonly economics: EconomicsBook | undefined;
  readonly recorder: EquityRecorder;
  /** Updates waiting for the strategy, delivered in order after the current step. */
  readonly queue: OrderUpdate[] = [];
  readonly timers = new TimerQueue();
  ctx!: EngineContext;
  /** Open time of the first candle and close time of the last one (NaN before any). */
  firstOpen = NaN;
  lastClose = NaN;
  /** Rejected orders by reason code. */
  readonly rejections: Partial<Record<RejectCode, number>> = {};
  rejected = 0;
  /** True while a step runs; an update arriving outside one (a live broker's) is delivered at once. */
  inStep = false;
  private readonly slotOf = new Map<string, number>();

  readonly instruments: readonly Instrument[];
  readonly clock: Clock;
  /** The replay clock's setter, or undefined for a clock that moves itself. */
  readonly advance: ((t: number) => void) | undefined;
  /** The wall clock's sleep, or undefined for a replay clock (timers then fire at candle steps). */
  readonly sleepUntil: ((t: number) => Promise<void>) | undefined;
  readonly broker: Broker;
  /** The broker's candle hook, or undefined when it has none. */
  readonly brokerOnCandle: Broker['onCandle'];
  readonly strategy: Strategy;

  constructor(o: KernelStateOptions) {
    this.instruments = o.instruments;
    this.clock = o.clock;
    this.advance = o.clock.advanceTo?.bind(o.clock);
    this.sleepUntil = o.clock.sleepUntil?.bind(o.clock);
    this.broker = o.broker;
    this.brokerOnCandle = o.broker.onCandle?.bind(o.broker);
    this.strategy = o.strategy;
    this.portfolio = o.portfolio;
    const cash = o.portfolio.startingCash;
    this.stats = new EquityStats(cash);
    this.benchStats = new EquityStats(cash);
    this.economics = o.economics;
    this.hold = o.economics?.hold ?? new BuyAndHold(o.instruments.length, cash);
    this.recorder = new EquityRecorder(o.recordEquity, o.expectedMarks);
    o.instruments.forEach((inst, slot) => this.slotOf.set(inst.uid, slot));
  }

  /** The broker's listener: executions change the portfolio at once; every update is queued. */
  readonly onUpdate = (u: OrderUpdate): void => {
    if (u.status === 'filled' || u.status === 'partially-filled') {
      const slot = this.slotOf.get(u.request.instrumentUid);
      if (slot !== undefined) {
        this.portfolio.applyFill(slot, {
          orderId: u.orderId,
          instrumentUid: u.request.instrumentUid,
          side: u.request.side,
          lots: u.lots,
          price: u.price,
          time: u.time,
          commission: u.commission,
        });
      }
    } else if (u.status === 'rejected') {
      this.rejected++;
      this.rejections[u.code] = (this.rejections[u.code] ?? 0) + 1;
    }
    this.queue.push(u);
    if (!this.inStep) this.drain();
  };

  /** Delivers queued updates to the strategy (including any its handlers cause). */
  drain(): void {
    const q = this.queue;
    const s = this.strategy;
    const was = this.inStep;
    this.inStep = true;
    for (let k = 0; k < q.length; k++) {
      if (s.onOrderUpdate !== undefined) s.onOrderUpdate(q[k], this.ctx);
    }
    q.length = 0;
    this.inStep = was;
  }

  /**
   * Fires the timers due before `t` (`strict`) or at or before it, each at its own time, delivering
   * the updates each one causes before the next.
   */
  fireTimers(t: number, strict: boolean): void {
    const s = this.strategy;
    for (let timer = this.timers.pop(t, strict); timer; timer = this.timers.pop(t, strict)) {
      this.advance?.(timer.at);
      if (s.onTimer !== undefined) s.onTimer(timer.tag, this.ctx);
      if (this.queue.length !== 0) this.drain();
    }
  }

  /** Marks equity and the benchmark at the close of the candle stamped `t`. */
  mark(t: number): void {
    const pf = this.portfolio;
    const eq = pf.equity();
    const beq = this.hold.equity(pf.last);
    this.stats.push(t, eq, pf.openCount !== 0);
    this.benchStats.push(t, beq, this.hold.boughtCount !== 0);
    this.recorder.push(t, eq, beq);
  }
}
