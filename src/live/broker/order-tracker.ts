/**
 * @module One order's life at the venue as the broker tracks it, and the port's OrderUpdates its
 * venue reports turn into: every execution exactly once (by trade id, whatever order or how often
 * the venue repeats it), filled and remaining lots that always add up, commission from the venue's
 * own total, and one terminal event.
 */
import type { OpenOrder, OrderRequest, OrderUpdate } from '../../engine/ports/broker.ts';
import { nanosToDecimal } from '../../wire/convert/decimal.ts';
import type { BrokerOrderSpec, VenueFill, VenueOrderView } from '../../wire/convert/index.ts';

/** Where an order stands: being sent, open at the venue, done, or not known to have arrived. */
export type OrderPhase = 'sending' | 'open' | 'done' | 'unconfirmed';

/** An order the broker placed (or adopted at reconcile). */
export interface TrackedOrder {
  /** The port's order id, which is the venue's idempotency key (`order_id` of PostOrder). */
  readonly orderId: string;
  readonly request: Readonly<OrderRequest>;
  /** Units per lot of the instrument. */
  readonly lot: number;
  readonly createdAt: number;
  venueId?: string;
  phase: OrderPhase;
  accepted: boolean;
  cancelRequested: boolean;
  readonly delivered: Set<string>;
  filledLots: number;
  deliveredValueNanos: bigint;
  commissionNanos: bigint;
  /** Serialises everything done to this order (stream events, polls, cancels). */
  queue: Promise<void>;
}

/** A tracked order just submitted. */
export function newTracked(
  orderId: string,
  request: OrderRequest,
  lot: number,
  createdAt: number,
): TrackedOrder {
  return {
    orderId,
    request: Object.freeze({ ...request }),
    lot,
    createdAt,
    phase: 'sending',
    accepted: false,
    cancelRequested: false,
    delivered: new Set(),
    filledLots: 0,
    deliveredValueNanos: 0n,
    commissionNanos: 0n,
    queue: Promise.resolve(),
  };
}

const toNumber = (nanos: bigint) => Number(nanosToDecimal(nanos));

/** Lots of `o` not yet executed. */
export function remainingLots(o: TrackedOrder): number {
  return o.request.lots - o.filledLots;
}

/** The `accepted` update (marks the order accepted and open). */
export function acceptUpdate(o: TrackedOrder, time: number): OrderUpdate {
  o.accepted = true;
  if (o.phase !== 'done') o.phase = 'open';
  return { status: 'accepted', orderId: o.orderId, request: o.request, time };
}

/** Commission the venue charged for what has been delivered so far (its total once all is in). */
function commissionTarget(o: TrackedOrder, view: VenueOrderView | undefined): bigint {
  if (!view) return o.commissionNanos;
  if (o.filledLots >= view.lotsExecuted) return view.commissionNanos;
  const stateValue = view.fills.reduce((s, f) => s + f.priceNanos * BigInt(f.lots), 0n);
  if (stateValue === 0n) return o.commissionNanos;
  const share = (view.commissionNanos * o.deliveredValueNanos) / stateValue;
  return share < view.commissionNanos ? share : view.commissionNanos;
}

/**
 * Execution updates of the fills in `fills` not delivered before, oldest first; `view` (the order's
 * state at the venue) gives the commission. Fills beyond the order's size are ignored.
 */
export function executionUpdates(
  o: TrackedOrder,
  fills: readonly VenueFill[],
  view: VenueOrderView | undefined,
): OrderUpdate[] {
  const fresh = fills
    .filter(
      (f, k) =>
        !o.delivered.has(f.tradeId) && fills.findIndex((g) => g.tradeId === f.tradeId) === k,
    )
    .sort((a, b) => a.time - b.time || (a.tradeId < b.tradeId ? -1 : 1));
  const out: OrderUpdate[] = [];
  for (const f of fresh) {
    if (o.phase === 'done' || f.lots <= 0 || remainingLots(o) <= 0) break;
    const lots = Math.min(f.lots, remainingLots(o));
    o.delivered.add(f.tradeId);
    o.filledLots += lots;
    o.deliveredValueNanos += f.priceNanos * BigInt(lots);
    const target = commissionTarget(o, view);
    const fee = target > o.commissionNanos ? target - o.commissionNanos : 0n;
    o.commissionNanos += fee;
    const left = remainingLots(o);
    if (left === 0) o.phase = 'done';
    out.push({
      status: left === 0 ? 'filled' : 'partially-filled',
      orderId: o.orderId,
      request: o.request,
      time: f.time,
      price: toNumber(f.priceNanos),
      lots,
      commission: toNumber(fee),
      filledLots: o.filledLots,
      remainingLots: left,
    });
  }
  return out;
}

/** The terminal update a venue state calls for once its executions are in, if any. */
export function terminalUpdate(
  o: TrackedOrder,
  view: VenueOrderView,
  time: number,
): OrderUpdate | undefined {
  if (o.phase === 'done') return undefined;
  const base = { orderId: o.orderId, request: o.request, time };
  if (view.status === 'rejected' && o.filledLots === 0) {
    o.phase = 'done';
    const reason = view.message || 'rejected by the venue';
    return { ...base, status: 'rejected', code: 'venue', reason };
  }
  if (view.status !== 'cancelled' && view.status !== 'rejected') return undefined;
  // Wait for every execution the venue reports before ending the order.
  if (o.filledLots < view.lotsExecuted) return undefined;
  o.phase = 'done';
  const filledLots = o.filledLots;
  if (o.cancelRequested)
    return { ...base, status: 'cancelled', reason: 'cancelled on request', filledLots };
  if (o.request.type === 'limit') {
    const reason = view.message || 'the venue ended the day order at the close of its session';
    return { ...base, status: 'expired', reason, filledLots };
  }
  const reason = view.message || 'the venue cancelled what did not fill';
  return { ...base, status: 'cancelled', reason, filledLots };
}

/** Everything a venue state says about `o` that was not delivered yet: executions, then the end. */
export function updatesFromState(
  o: TrackedOrder,
  view: VenueOrderView,
  time: number,
): OrderUpdate[] {
  const out = executionUpdates(o, view.fills, view);
  const end = terminalUpdate(o, view, time);
  if (end) out.push(end);
  return out;
}

/** What PostOrder carries for `o` (its key is the port's orderId). */
export function placementSpec(o: TrackedOrder): Omit<BrokerOrderSpec, 'accountId'> {
  const r = o.request;
  return {
    key: o.orderId,
    instrumentUid: r.instrumentUid,
    side: r.side,
    lots: r.lots,
    type: r.type === 'limit' ? 'limit' : 'market',
    limitPrice: r.limitPrice,
  };
}

/** The port's view of the orders not done, oldest first, optionally of one instrument. */
export function openOrderViews(
  orders: Iterable<TrackedOrder>,
  instrumentUid?: string,
): OpenOrder[] {
  const out: OpenOrder[] = [];
  for (const o of orders) {
    if (o.phase === 'done') continue;
    if (instrumentUid !== undefined && o.request.instrumentUid !== instrumentUid) continue;
    out.push({
      orderId: o.orderId,
      request: o.request,
      createdAt: o.createdAt,
      remainingLots: remainingLots(o),
    });
  }
  return out;
}
