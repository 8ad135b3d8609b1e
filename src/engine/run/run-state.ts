/**
 * @module The mutable state of one run and the steps both loops share: applying order updates to
 * the portfolio and queueing them for the strategy, delivering the queue, and marking equity.
 */
import type { Instrument } from '../../core/instrument.ts';
import type { ReplayClock } from '../clock/replay-clock.ts';
import { EquityStats } from '../metrics/equity-stats.ts';
import type { OrderUpdate } from '../ports/broker.ts';
import { Portfolio } from '../portfolio/portfolio.ts';
import type { SimulatedBroker } from '../sim/simulated-broker.ts';
import type { Strategy } from '../strategy.ts';
import { BuyAndHold } from './buy-and-hold.ts';
import type { EngineContext } from './context.ts';
import { EquityRecorder } from './equity-recorder.ts';
import { TimerQueue } from './timers.ts';

/** What a run's state is built from. */
export interface RunStateOptions {
  instruments: readonly Instrument[];
  startingCash: number;
  clock: ReplayClock;
  strategy: Strategy;
  recordEquity: boolean;
  /** Upper estimate of the equity marks (sizes the curve's storage). */
  expectedMarks: number;
}

/** State shared by the loops of one run. */
export class RunState {
  readonly portfolio: Portfolio;
  readonly stats: EquityStats;
  readonly benchStats: EquityStats;
  readonly hold: BuyAndHold;
  readonly recorder: EquityRecorder;
  /** Updates waiting for the strategy, delivered in order after the current step. */
  readonly queue: OrderUpdate[] = [];
  readonly timers = new TimerQueue();
  broker!: SimulatedBroker;
  ctx!: EngineContext;
  /** Open time of the first candle and close time of the last one (NaN before any). */
  firstOpen = NaN;
  lastClose = NaN;
  rejected = 0;
  private readonly slotOf = new Map<string, number>();

  readonly instruments: readonly Instrument[];
  readonly clock: ReplayClock;
  readonly strategy: Strategy;

  constructor(o: RunStateOptions) {
    this.instruments = o.instruments;
    this.clock = o.clock;
    this.strategy = o.strategy;
    this.portfolio = new Portfolio(o.instruments, o.startingCash);
    this.stats = new EquityStats(o.startingCash);
    this.benchStats = new EquityStats(o.startingCash);
    this.hold = new BuyAndHold(o.instruments.length, o.startingCash);
    this.recorder = new EquityRecorder(o.recordEquity, o.expectedMarks);
    o.instruments.forEach((inst, slot) => this.slotOf.set(inst.uid, slot));
  }

  /** The broker's listener: fills change the portfolio at once; every update is queued. */
  readonly onUpdate = (u: OrderUpdate): void => {
    if (u.status === 'filled') {
      const slot = this.slotOf.get(u.request.instrumentUid) as number;
      this.portfolio.applyFill(slot, {
        orderId: u.orderId,
        instrumentUid: u.request.instrumentUid,
        side: u.request.side,
        lots: u.lots as number,
        price: u.price as number,
        time: u.time,
        commission: u.commission as number,
      });
    } else if (u.status === 'rejected') {
      this.rejected++;
    }
    this.queue.push(u);
  };

  /** Delivers queued updates to the strategy (including any its handlers cause). */
  drain(): void {
    const q = this.queue;
    const s = this.strategy;
    for (let k = 0; k < q.length; k++) {
      if (s.onOrderUpdate !== undefined) s.onOrderUpdate(q[k], this.ctx);
    }
    q.length = 0;
  }

  /**
   * Fires the timers due before `t` (`strict`) or at or before it, each at its own time, delivering
   * the updates each one causes before the next.
   */
  fireTimers(t: number, strict: boolean): void {
    const s = this.strategy;
    for (let timer = this.timers.pop(t, strict); timer; timer = this.timers.pop(t, strict)) {
      this.clock.set(timer.at);
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
