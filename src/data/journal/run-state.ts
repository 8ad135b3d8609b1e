/**
 * @module What a journaled run holds at the point it stopped, derived from its record: the orders
 * still open (accepted by the ack, no terminal event yet) and the signed lots per instrument from
 * its executions. A restart compares these with the venue (reconciliation) before trading again.
 */
import type { OpenOrder } from '../../engine/ports/broker.ts';
import { isTerminal } from '../../engine/ports/broker.ts';
import type { RunSoFar } from '../../engine/ports/order-journal.ts';

/** The journal's view of a run's orders and positions. */
export interface JournaledState {
  /** Orders open when the record ends, oldest first, with their remaining lots. */
  openOrders: OpenOrder[];
  /** Signed lots per instrument uid (negative = short); instruments never traded are absent. */
  lots: Record<string, number>;
}

/** Open orders and positions as the run's record leaves them. */
export function journaledState(run: Pick<RunSoFar, 'decisions' | 'events'>): JournaledState {
  const open = new Map<string, OpenOrder>();
  for (const d of run.decisions) {
    if (!d.ack.accepted) continue;
    open.set(d.orderId, {
      orderId: d.orderId,
      request: d.request,
      createdAt: d.time,
      remainingLots: d.request.lots,
    });
  }
  const lots: Record<string, number> = {};
  for (const { update: u } of run.events) {
    if (u.status === 'filled' || u.status === 'partially-filled') {
      const uid = u.request.instrumentUid;
      lots[uid] = (lots[uid] ?? 0) + (u.request.side === 'buy' ? u.lots : -u.lots);
    }
    const o = open.get(u.orderId);
    if (o === undefined) continue;
    if (isTerminal(u)) open.delete(u.orderId);
    else if (u.status === 'partially-filled') open.set(u.orderId, { ...o, remainingLots: u.remainingLots });
  }
  return { openOrders: [...open.values()], lots };
}
