/**
 * @module Reconciliation on start: the venue's open orders and security positions against what the
 * caller expected (the journal's view), as a list of differences. An order is matched by its key
 * (the venue's `order_request_id` is the port's orderId); positions are compared in lots.
 */
import type { Instrument } from '../../core/instrument.ts';
import type { OrderRequest } from '../../engine/ports/broker.ts';
import type { VenueOrderView } from '../../wire/convert/index.ts';
import { executionUpdates, newTracked, type TrackedOrder } from './order-tracker.ts';
import type { VenueApi } from './venue-api.ts';

/** An order the caller believes is still open. */
export interface ExpectedOrder {
  orderId: string;
  request: OrderRequest;
  /** Lots the caller has already seen executed (default 0). */
  filledLots?: number;
}

/** What the caller believes the account holds. */
export interface ExpectedState {
  openOrders: readonly ExpectedOrder[];
  /** Signed lots by instrument uid; instruments absent here are expected flat. */
  positions: Readonly<Record<string, number>>;
}

/** One difference between the caller's view and the venue's. */
export type ReconcileDiff =
  | {
      what: 'order-unknown-to-caller';
      venueOrderId: string;
      orderId: string;
      instrumentUid: string;
      remainingLots: number;
    }
  | { what: 'order-missing-at-venue'; orderId: string; instrumentUid: string }
  | {
      what: 'order-fills-differ';
      orderId: string;
      expectedFilledLots: number;
      venueFilledLots: number;
    }
  | { what: 'position-differs'; instrumentUid: string; expectedLots: number; venueLots: number };

/** An expected order that the venue still has open, for the broker to track. */
export interface AdoptedOrder {
  orderId: string;
  request: OrderRequest;
  view: VenueOrderView;
  /** How many of the venue's fills the caller has seen already (oldest first). */
  deliveredFills: number;
}

export interface ReconcileReport {
  diffs: ReconcileDiff[];
  adopt: AdoptedOrder[];
}

/** Fills (oldest first) whose lots add up to `lots`. */
function fillsCovering(view: VenueOrderView, lots: number): number {
  let n = 0;
  let sum = 0;
  for (const f of [...view.fills].sort((a, b) => a.time - b.time)) {
    if (sum >= lots) break;
    sum += f.lots;
    n++;
  }
  return n;
}

/** Reads the venue and lists the differences. */
export async function reconcileWithVenue(
  api: VenueApi,
  expected: ExpectedState,
  instruments: ReadonlyMap<string, Instrument>,
): Promise<ReconcileReport> {
  const [venueOrders, positions] = await Promise.all([api.openOrders(), api.positions()]);
  const diffs: ReconcileDiff[] = [];
  const adopt: AdoptedOrder[] = [];
  const byKey = new Map(venueOrders.map((v) => [v.requestId, v]));
  const wanted = new Set(expected.openOrders.map((e) => e.orderId));
  for (const v of venueOrders) {
    if (wanted.has(v.requestId)) continue;
    diffs.push({
      what: 'order-unknown-to-caller',
      venueOrderId: v.venueId,
      orderId: v.requestId,
      instrumentUid: v.instrumentUid,
      remainingLots: v.lotsRequested - v.lotsExecuted,
    });
  }
  for (const e of expected.openOrders) {
    const v = byKey.get(e.orderId);
    if (!v) {
      diffs.push({
        what: 'order-missing-at-venue',
        orderId: e.orderId,
        instrumentUid: e.request.instrumentUid,
      });
      continue;
    }
    const seen = e.filledLots ?? 0;
    if (seen !== v.lotsExecuted) {
      diffs.push({
        what: 'order-fills-differ',
        orderId: e.orderId,
        expectedFilledLots: seen,
        venueFilledLots: v.lotsExecuted,
      });
    }
    adopt.push({
      orderId: e.orderId,
      request: e.request,
      view: v,
      deliveredFills: fillsCovering(v, seen),
    });
  }
  const venueLots = new Map<string, number>();
  for (const p of positions) {
    const lot = instruments.get(p.instrumentUid)?.lot ?? 1;
    venueLots.set(p.instrumentUid, p.pieces / lot);
  }
  const uids = new Set([...Object.keys(expected.positions), ...venueLots.keys()]);
  for (const uid of [...uids].sort()) {
    const want = expected.positions[uid] ?? 0;
    const have = venueLots.get(uid) ?? 0;
    if (want !== have)
      diffs.push({
        what: 'position-differs',
        instrumentUid: uid,
        expectedLots: want,
        venueLots: have,
      });
  }
  return { diffs, adopt };
}

/** The tracked order of an adopted one, with the fills the caller has seen marked delivered. */
export function adoptedOrder(a: AdoptedOrder, lot: number, now: number): TrackedOrder {
  const o = newTracked(a.orderId, a.request, lot, a.view.createdAt ?? now);
  executionUpdates(o, a.view.fills.slice(0, a.deliveredFills), undefined);
  o.venueId = a.view.venueId;
  o.accepted = true;
  if (o.phase !== 'done') o.phase = 'open';
  return o;
}
