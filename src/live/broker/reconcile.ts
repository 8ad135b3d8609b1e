/**
 * @module Reconciliation on start: the venue's open orders and security positions against what the
 * caller expected (the journal's view), as a list of differences. An order is matched by its key
 * (the venue's `order_request_id` is the port's orderId), looked up by that key when it is no longer
 * open (it may have filled while the caller was away); positions are compared in lots, counting
 * those executions.
 */
import type { Instrument } from '../../core/instrument.ts';
import type { OrderRequest, OrderUpdate } from '../../engine/ports/broker.ts';
import type { VenueOrderView } from '../../wire/convert/index.ts';
import { orderByKey } from './order-placement.ts';
import { executionUpdates, newTracked, rejection, type TrackedOrder } from './order-tracker.ts';
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
  /** `expectedLots` counts the venue's executions of the caller's orders made while it was away. */
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
  /** Expected orders the venue has (open, or finished while the caller was away): tracked on. */
  adopt: AdoptedOrder[];
  /** Expected orders the venue has never seen under their key (never sent): to be rejected. */
  missing: ExpectedOrder[];
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
  const missing: ExpectedOrder[] = [];
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
  // Executions the venue made while the caller was away: they explain part of a position change.
  const awayLots = new Map<string, number>();
  for (const e of expected.openOrders) {
    // Not open any more: it may have finished (filled, cancelled) while the caller was away.
    const v = byKey.get(e.orderId) ?? (await orderByKey(api, e.orderId));
    const uid = e.request.instrumentUid;
    if (!v) {
      missing.push(e);
      diffs.push({ what: 'order-missing-at-venue', orderId: e.orderId, instrumentUid: uid });
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
      const signed = (e.request.side === 'buy' ? 1 : -1) * (v.lotsExecuted - seen);
      awayLots.set(uid, (awayLots.get(uid) ?? 0) + signed);
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
    const want = (expected.positions[uid] ?? 0) + (awayLots.get(uid) ?? 0);
    const have = venueLots.get(uid) ?? 0;
    if (want !== have)
      diffs.push({
        what: 'position-differs',
        instrumentUid: uid,
        expectedLots: want,
        venueLots: have,
      });
  }
  return { diffs, adopt, missing };
}

/** The tracked orders of a report's adopted ones, with the fills the caller saw marked delivered. */
export function adoptedOrders(
  report: ReconcileReport,
  instruments: ReadonlyMap<string, Instrument>,
  now: number,
): TrackedOrder[] {
  return report.adopt.map((a) =>
    adoptedOrder(a, instruments.get(a.request.instrumentUid)?.lot ?? 1, now),
  );
}

function adoptedOrder(a: AdoptedOrder, lot: number, now: number): TrackedOrder {
  const o = newTracked(a.orderId, a.request, lot, a.view.createdAt ?? now);
  executionUpdates(o, a.view.fills.slice(0, a.deliveredFills), undefined);
  o.venueId = a.view.venueId;
  o.accepted = true;
  if (o.phase !== 'done') o.phase = 'open';
  return o;
}

/** The `rejected` updates of expected orders the venue never received (a report's `missing`). */
export function neverSentRejections(
  missing: readonly ExpectedOrder[],
  instruments: ReadonlyMap<string, Instrument>,
  now: number,
): OrderUpdate[] {
  return missing.map((e) => {
    const o = newTracked(
      e.orderId,
      e.request,
      instruments.get(e.request.instrumentUid)?.lot ?? 1,
      now,
    );
    return rejection(o, 'venue', 'the venue has no order under its key (never sent)', now);
  });
}
