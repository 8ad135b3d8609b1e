/**
 * @module A Broker wrapper that tells an observer every submit, cancel and order event together
 * with where in the run it happened: how many execution candles the candle hook had seen (`at`),
 * inside which call an event was delivered (`phase`, `ref`), and, for a decision made while an
 * event was delivered out of step, that event's seq (`cause`). The journaling and the checking
 * brokers are this wrapper with different observers; the inner broker and the kernel see nothing.
 */
import type { Broker, OpenOrder, OrderAck, OrderRequest, OrderUpdate } from '../../engine/ports/broker.ts';
import type { CandleEvent } from '../../engine/candle-event.ts';
import type { Clock } from '../../engine/ports/clock.ts';
import type { EventPhase } from '../../engine/ports/order-journal.ts';

/** Where a submit or cancel happened. */
export interface CallPosition {
  seq: number;
  time: number;
  at: number;
  cause?: number;
}

/** Where an event was delivered. */
export interface EventPosition {
  seq: number;
  phase: EventPhase;
  at: number;
  ref?: number;
}

/** What the wrapper reports; any method may throw to stop the run (the call then fails). */
export interface BrokerObserver {
  /** Before the request reaches the inner broker (a check may refuse it here). */
  beforeSubmit?(request: OrderRequest, pos: CallPosition): void;
  submitted(request: OrderRequest, ack: OrderAck, pos: CallPosition): void;
  cancelled(orderId: string, ok: boolean, pos: CallPosition): void;
  /** Before the kernel receives the event. */
  event(update: OrderUpdate, pos: EventPosition): void;
  /** At the start of the candle hook of execution candle number `at` (from 1). */
  hook?(at: number): void;
}

/** Counters to continue from (a resumed run's). */
export interface PositionStart {
  decisions: number;
  cancels: number;
  events: number;
  at: number;
}

/** The observing wrapper. */
export class ObservedBroker implements Broker {
  private decisions: number;
  private cancels: number;
  private events: number;
  private at: number;
  private phase: EventPhase = 'outside';
  private ref: number | undefined;
  /** Seq of the out-of-step event being delivered to the kernel, if one is. */
  private delivering: number | undefined;

  constructor(
    private readonly inner: Broker,
    private readonly clock: Clock,
    private readonly observer: BrokerObserver,
    start: PositionStart = { decisions: 0, cancels: 0, events: 0, at: 0 },
  ) {
    this.decisions = start.decisions;
    this.cancels = start.cancels;
    this.events = start.events;
    this.at = start.at;
  }

  setUpdateListener(listener: (update: OrderUpdate) => void): void {
    this.inner.setUpdateListener((u) => {
      const pos: EventPosition = { seq: this.events++, phase: this.phase, at: this.at };
      if (this.ref !== undefined) pos.ref = this.ref;
      this.observer.event(u, pos);
      const outer = this.delivering;
      if (outer === undefined && pos.phase === 'outside') this.delivering = pos.seq;
      try {
        listener(u);
      } finally {
        this.delivering = outer;
      }
    });
  }

  private position(seq: number): CallPosition {
    const pos: CallPosition = { seq, time: this.clock.now(), at: this.at };
    if (this.delivering !== undefined) pos.cause = this.delivering;
    return pos;
  }

  private within<T>(phase: EventPhase, ref: number | undefined, call: () => T): T {
    const was = [this.phase, this.ref] as const;
    this.phase = phase;
    this.ref = ref;
    try {
      return call();
    } finally {
      [this.phase, this.ref] = was;
    }
  }

  submit(request: OrderRequest): OrderAck {
    const pos = this.position(this.decisions);
    this.observer.beforeSubmit?.(request, pos);
    this.decisions++;
    const ack = this.within('submit', pos.seq, () => this.inner.submit(request));
    this.observer.submitted(request, ack, pos);
    return ack;
  }

  cancel(orderId: string): boolean {
    const pos = this.position(this.cancels++);
    const ok = this.within('cancel', pos.seq, () => this.inner.cancel(orderId));
    this.observer.cancelled(orderId, ok, pos);
    return ok;
  }

  openOrders(instrumentUid?: string): readonly OpenOrder[] {
    return this.inner.openOrders(instrumentUid);
  }

  // Always present, even when the inner broker has no hook: the count of candles is the clock
  // every position is measured on.
  onCandle(candle: CandleEvent): void {
    this.at++;
    this.observer.hook?.(this.at);
    const inner = this.inner;
    if (inner.onCandle !== undefined) this.within('hook', undefined, () => inner.onCandle?.(candle));
  }
}
