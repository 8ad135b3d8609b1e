/**
 * @module ReplayBroker: a Broker that plays a recorded sandbox or live run back offline. Each submit
 * must equal the recorded decision (else a ReplayDivergenceError, see decision-matcher.ts) and is
 * answered with the recorded ack; the recorded order events are delivered again at the same points
 * of the candle sequence: inside the submit or cancel that produced them, inside the candle hook of
 * the same candle, and an event that arrived between two candles (a venue's stream) at the start of
 * the next candle's hook. Open orders follow from the replayed events.
 */
import type { CandleEvent } from '../../engine/candle-event.ts';
import type {
  Broker,
  OpenOrder,
  OrderAck,
  OrderRequest,
  OrderUpdate,
} from '../../engine/ports/broker.ts';
import { isTerminal } from '../../engine/ports/broker.ts';
import type { Clock } from '../../engine/ports/clock.ts';
import type { JournalEvent, RunSoFar } from '../../engine/ports/order-journal.ts';
import { DecisionMatcher, type MatcherOptions } from './decision-matcher.ts';

/** How far a replay got. */
export interface ReplayProgress {
  decisions: number;
  cancels: number;
  eventsDelivered: number;
  /** Recorded events the replay never reached (e.g. ones that arrived after the last candle). */
  eventsLeft: number;
}

/** Plays a recorded run's broker side back. */
export class ReplayBroker implements Broker {
  private listener: (u: OrderUpdate) => void = () => {};
  private readonly matcher: DecisionMatcher;
  private readonly events: readonly JournalEvent[];
  private next = 0;
  private at = 0;
  private readonly open = new Map<string, OpenOrder>();
  private readonly recordedDecisions: number;
  private readonly recordedCancels: number;

  constructor(
    run: Pick<RunSoFar, 'decisions' | 'cancels' | 'events'>,
    private readonly clock: Clock,
    options: MatcherOptions = {},
  ) {
    this.matcher = new DecisionMatcher(run, options);
    this.events = [...run.events].sort((a, b) => a.seq - b.seq);
    this.recordedDecisions = run.decisions.length;
    this.recordedCancels = run.cancels.length;
  }

  setUpdateListener(listener: (update: OrderUpdate) => void): void {
    this.listener = listener;
  }

  submit(request: OrderRequest): OrderAck {
    const d = this.matcher.submit(request, this.at, this.clock.now());
    if (d.ack.accepted) {
      this.open.set(d.orderId, {
        orderId: d.orderId,
        request: d.request,
        createdAt: d.time,
        remainingLots: d.request.lots,
      });
    }
    const ack: OrderAck = { orderId: d.orderId, ...d.ack };
    this.deliver();
    return ack;
  }

  cancel(orderId: string): boolean {
    const c = this.matcher.cancel(orderId, this.at);
    this.deliver();
    return c.ok;
  }

  openOrders(instrumentUid?: string): readonly OpenOrder[] {
    const all = [...this.open.values()];
    return instrumentUid === undefined
      ? all
      : all.filter((o) => o.request.instrumentUid === instrumentUid);
  }

  onCandle(_candle: CandleEvent): void {
    this.at++;
    this.matcher.hook(this.at);
    this.deliver();
  }

  /**
   * Ends the replay: every recorded decision and cancel must have been made.
   * @throws ReplayDivergenceError naming the first one that was not.
   */
  finish(): ReplayProgress {
    this.matcher.finish(this.at);
    return this.progress();
  }

  /** True while recorded decisions remain to be made again. */
  decisionsLeft(): boolean {
    return this.matcher.decisions < this.recordedDecisions;
  }

  /** True while recorded cancels remain to be made again. */
  cancelsLeft(): boolean {
    return this.matcher.cancels < this.recordedCancels;
  }

  /**
   * Delivers every recorded event not yet delivered, in order (a resumed run hands over to the
   * venue after the last recorded candle: what the record holds after it is delivered first).
   */
  deliverRest(): void {
    while (this.next < this.events.length) {
      const u = this.events[this.next++].update;
      this.track(u);
      this.listener(u);
    }
  }

  progress(): ReplayProgress {
    return {
      decisions: this.matcher.decisions,
      cancels: this.matcher.cancels,
      eventsDelivered: this.next,
      eventsLeft: this.events.length - this.next,
    };
  }

  /** Delivers the recorded events that are due, strictly in their recorded order. */
  private deliver(): void {
    while (this.next < this.events.length && this.due(this.events[this.next])) {
      const u = this.events[this.next++].update;
      this.track(u);
      this.listener(u);
    }
  }

  private due(e: JournalEvent): boolean {
    if (e.phase === 'submit') return (e.ref ?? 0) < this.matcher.decisions;
    if (e.phase === 'cancel') return (e.ref ?? 0) < this.matcher.cancels;
    if (e.phase === 'hook') return e.at <= this.at;
    return e.at < this.at;
  }

  private track(u: OrderUpdate): void {
    const o = this.open.get(u.orderId);
    if (o === undefined) return;
    if (isTerminal(u)) this.open.delete(u.orderId);
    else if (u.status === 'partially-filled') this.open.set(u.orderId, { ...o, remainingLots: u.remainingLots });
  }
}
