/**
 * The HandoverBroker of a resumed venue run, with a recorded run and a recording venue broker: the
 * recorded decisions are answered from the record (nothing reaches the venue), the venue's news of
 * the recorded orders waits until the last recorded event has been delivered, a decision on the
 * last recorded candle that the record lacks goes to the venue (the run stopped before journaling
 * it), one earlier diverges, and the first candle after the record hands over. belowGuards drops
 * what the guards refused above the broker.
 */
import { describe, expect, it } from 'vitest';
import { HandoverBroker, belowGuards } from '../../../src/cli/live/handover-broker.ts';
import { ReplayBroker } from '../../../src/data/journal/replay-broker.ts';
import { ReplayDivergenceError } from '../../../src/data/journal/decision-matcher.ts';
import { CandleEvent } from '../../../src/engine/candle-event.ts';
import type {
  Broker,
  OpenOrder,
  OrderRequest,
  OrderUpdate,
} from '../../../src/engine/ports/broker.ts';
import type { RunSoFar } from '../../../src/engine/ports/order-journal.ts';

const M = 60_000;
const T0 = Date.UTC(2024, 9, 2, 8);
const BUY: OrderRequest = { instrumentUid: 'u', side: 'buy', lots: 1, type: 'market' };
const SELL: OrderRequest = { ...BUY, side: 'sell' };

/** A venue broker that records what reaches it and lets the test speak for the venue. */
class VenueRecorder implements Broker {
  readonly submits: OrderRequest[] = [];
  listener: (u: OrderUpdate) => void = () => undefined;
  open: OpenOrder[] = [];
  setUpdateListener(l: (u: OrderUpdate) => void) {
    this.listener = l;
  }
  submit(r: OrderRequest) {
    this.submits.push(r);
    return { orderId: `venue-${this.submits.length}`, accepted: true, pending: true };
  }
  cancel() {
    return true;
  }
  openOrders() {
    return this.open;
  }
}

/** Two candles recorded; a buy after the first, its fill half in; a guard refusal before it. */
function recorded(): Pick<RunSoFar, 'decisions' | 'cancels' | 'events'> {
  const ack = { accepted: true, pending: true };
  const refused = { accepted: false, pending: false, code: 'risk-limit' as const, reason: 'x' };
  return {
    decisions: [
      { seq: 0, time: T0 + M, orderId: 'risk-1', request: SELL, ack: refused, at: 1 },
      { seq: 1, time: T0 + M, orderId: 'k-1', request: BUY, ack, at: 1 },
    ],
    cancels: [],
    events: [
      {
        seq: 0,
        update: {
          orderId: 'risk-1',
          status: 'rejected',
          request: SELL,
          time: T0 + M,
          code: 'risk-limit',
          reason: 'x',
        },
        phase: 'submit',
        at: 1,
        ref: 0,
      },
      {
        seq: 1,
        update: { orderId: 'k-1', status: 'accepted', request: BUY, time: T0 + M },
        phase: 'outside',
        at: 1,
      },
    ],
  };
}

function candle(k: number): CandleEvent {
  const c = new CandleEvent('u', 'U', '1m', 0);
  c.time = T0 + k * M;
  c.closeTime = c.time + M;
  return c;
}

function rig() {
  let now = T0;
  const venue = new VenueRecorder();
  const replay = new ReplayBroker(belowGuards(recorded()), { now: () => now });
  // The record's last candle is the second (k = 1), closing at T0 + 2m.
  const broker = new HandoverBroker(replay, venue, new Set(['risk-1', 'k-1']), T0 + 2 * M);
  const seen: string[] = [];
  broker.setUpdateListener((u) => seen.push(`${u.orderId} ${u.status}`));
  const step = (k: number) => {
    now = T0 + (k + 1) * M;
    broker.onCandle(candle(k));
  };
  return { venue, broker, seen, step };
}

describe('HandoverBroker', () => {
  it('replays, holds the venue news of recorded orders, then hands over', () => {
    const { venue, broker, seen, step } = rig();
    step(0);
    // The recorded buy is answered from the record; nothing reaches the venue.
    expect(broker.submit(BUY)).toEqual({ orderId: 'k-1', accepted: true, pending: true });
    expect(venue.submits).toEqual([]);
    // The venue (reconciled) reports the buy filled: held, the record's events come first.
    const fill: OrderUpdate = {
      orderId: 'k-1',
      status: 'filled',
      request: BUY,
      time: T0 + 2 * M,
      price: 100,
      lots: 1,
      commission: 0.05,
      filledLots: 1,
      remainingLots: 0,
    };
    venue.listener(fill);
    expect(seen).toEqual([]);
    step(1);
    expect(seen).toEqual(['k-1 accepted']);
    expect(broker.live).toBe(false);
    step(2);
    expect(broker.live).toBe(true);
    expect(seen).toEqual(['k-1 accepted', 'k-1 filled']);
    // From here on, decisions go to the venue.
    expect(broker.submit(SELL).orderId).toBe('venue-1');
    expect(venue.submits).toEqual([SELL]);
  });

  it('sends a decision the record lacks on its last candle, and diverges on one earlier', () => {
    const late = rig();
    late.step(0);
    late.broker.submit(BUY);
    late.step(1);
    expect(late.broker.submit(SELL).orderId).toBe('venue-1');

    const early = rig();
    early.step(0);
    early.broker.submit(BUY);
    expect(() => early.broker.submit(SELL)).toThrow(ReplayDivergenceError);
    expect(early.venue.submits).toEqual([]);
  });

  it('stops the run at the handover when a recorded decision was not made again', () => {
    const { step } = rig();
    step(0);
    expect(() => step(1)).toThrow(ReplayDivergenceError);
  });

  it('belowGuards leaves out the refusals of the guards and renumbers the rest', () => {
    const below = belowGuards(recorded());
    expect(below.decisions.map((d) => [d.seq, d.orderId])).toEqual([[0, 'k-1']]);
    expect(below.events.map((e) => e.update.orderId)).toEqual(['k-1']);
  });
});
