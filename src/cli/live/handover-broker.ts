/**
 * @module The broker of a resumed sandbox or live run: while the strategy is re-warmed over the
 * candles its journal holds, a ReplayBroker answers with the recorded acks and delivers the
 * recorded order events (nothing reaches the venue); at the first candle after the recorded ones it
 * hands over to the broker at the venue, which has reconciled the run's orders meanwhile. What the
 * venue reports about the run's earlier orders before then is held and delivered right after the
 * last recorded event, so the kernel sees every execution once and in order.
 */
import type { CandleEvent } from '../../engine/candle-event.ts';
import type {
  Broker,
  OpenOrder,
  OrderAck,
  OrderRequest,
  OrderUpdate,
} from '../../engine/ports/broker.ts';
import type { RunSoFar } from '../../engine/ports/order-journal.ts';
import type { ReplayBroker } from '../../data/journal/replay-broker.ts';

/** Order ids the risk guards give the orders they refuse (guarded-broker.ts). */
const GUARD_REFUSAL = /^risk-\d+$/;

/**
 * The part of a run's record the broker below the risk guards saw: the journal is written above
 * the guards, so the decisions they refused (and the rejections they delivered) are left out, and
 * the remaining decisions' positions renumbered for the replay.
 */
export function belowGuards(
  run: Pick<RunSoFar, 'decisions' | 'cancels' | 'events'>,
): Pick<RunSoFar, 'decisions' | 'cancels' | 'events'> {
  const refused = (d: RunSoFar['decisions'][number]) =>
    !d.ack.accepted && GUARD_REFUSAL.test(d.orderId);
  const index = new Map<number, number>();
  const decisions = [];
  for (const d of run.decisions) {
    if (refused(d)) continue;
    index.set(d.seq, decisions.length);
    decisions.push({ ...d, seq: decisions.length });
  }
  const events = [];
  for (const e of run.events) {
    if (e.phase !== 'submit') events.push(e);
    else if (index.has(e.ref ?? -1)) events.push({ ...e, ref: index.get(e.ref ?? -1) });
  }
  return { decisions, cancels: run.cancels, events };
}

/** Replay first, then the venue. */
export class HandoverBroker implements Broker {
  private listener: (u: OrderUpdate) => void = () => undefined;
  private handedOver = false;
  private held: OrderUpdate[] = [];
  private closeNow = -Infinity;

  /**
   * @param recordedIds order ids the journal holds: the venue's updates about them wait for the handover.
   * @param cut close time of the last recorded candle: the first candle closing after it hands over.
   */
  constructor(
    private readonly replay: ReplayBroker,
    private readonly venue: Broker,
    private readonly recordedIds: ReadonlySet<string>,
    private readonly cut: number,
  ) {
    replay.setUpdateListener((u) => this.listener(u));
    venue.setUpdateListener((u) => {
      if (this.handedOver || !recordedIds.has(u.orderId)) this.listener(u);
      else this.held.push(u);
    });
  }

  /** True once the venue broker trades. */
  get live(): boolean {
    return this.handedOver;
  }

  setUpdateListener(listener: (update: OrderUpdate) => void): void {
    this.listener = listener;
  }

  submit(request: OrderRequest): OrderAck {
    if (this.handedOver) return this.venue.submit(request);
    if (this.replay.decisionsLeft()) return this.replay.submit(request);
    // Past the record on its last candle: the run stopped before it could journal (so before it
    // could send) these. Earlier, a decision the record lacks means the strategy changed.
    if (this.closeNow < this.cut) return this.replay.submit(request);
    return this.venue.submit(request);
  }

  cancel(orderId: string): boolean {
    if (!this.handedOver && this.replay.cancelsLeft()) return this.replay.cancel(orderId);
    return this.venue.cancel(orderId);
  }

  openOrders(instrumentUid?: string): readonly OpenOrder[] {
    const venue = this.venue.openOrders(instrumentUid);
    if (this.handedOver) return venue;
    const replayed = this.replay.openOrders(instrumentUid);
    const ids = new Set(replayed.map((o) => o.orderId));
    return [...replayed, ...venue.filter((o) => !ids.has(o.orderId))];
  }

  onCandle(candle: CandleEvent): void {
    this.closeNow = candle.closeTime;
    if (this.handedOver) return this.venue.onCandle?.(candle);
    this.replay.onCandle(candle);
    if (candle.closeTime > this.cut) this.handOver();
  }

  /** Ends the replay (every recorded call made, every recorded event delivered), then the venue's held news. */
  private handOver(): void {
    this.replay.deliverRest();
    // A recorded decision or cancel the strategy did not make again: ReplayDivergenceError.
    this.replay.finish();
    this.handedOver = true;
    const held = this.held;
    this.held = [];
    for (const u of held) this.listener(u);
  }
}
