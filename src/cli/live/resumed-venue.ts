/**
 * @module The venue side of a resumed sandbox or live run: the broker at the venue is told what the
 * journal says is open and held (so it adopts the run's orders and reports every difference), and
 * sits behind a HandoverBroker that replays the recorded part of the run first.
 */
import { journaledState } from '../../data/journal/run-state.ts';
import { ReplayBroker } from '../../data/journal/replay-broker.ts';
import type { VenueBroker } from '../../engine/index.ts';
import type { RunSoFar } from '../../engine/ports/order-journal.ts';
import type { ExpectedState } from '../../live/index.ts';
import { HandoverBroker, belowGuards } from './handover-broker.ts';
import { recordedThrough } from './spliced-feed.ts';

/** What the journal says the run has open and holds, as the venue broker's reconciliation expects it. */
export function expectedStateOf(soFar: Pick<RunSoFar, 'decisions' | 'events'>): ExpectedState {
  const state = journaledState(soFar);
  return {
    openOrders: state.openOrders.map((o) => ({
      orderId: o.orderId,
      request: o.request,
      filledLots: o.request.lots - o.remainingLots,
    })),
    positions: state.lots,
  };
}

/** `venue` behind the replay of `soFar`: the kernel's broker of the resumed run. */
export function resumedVenue(venue: VenueBroker, soFar: RunSoFar): VenueBroker {
  const cut = recordedThrough(soFar.lastCandle);
  const recordedIds = new Set(soFar.decisions.map((d) => d.orderId));
  return {
    label: venue.label,
    create: (account, clock) =>
      new HandoverBroker(
        new ReplayBroker(belowGuards(soFar), clock),
        venue.create(account, clock),
        recordedIds,
        cut,
      ),
  };
}
