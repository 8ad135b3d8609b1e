/**
 * @module The broker at the venue for `tlab sandbox` and `tlab live`: a TinvestBroker on the
 * account, its TradesStream started, and a reconciliation with the venue at start against what the
 * run expects (flat for a new run, the journal's open orders and positions for a resumed one): every
 * difference is reported by the broker as a `reconcile-diff` event, then `broker-reconciled`.
 */
import {
  TinvestBroker,
  type ExpectedState,
  type LiveEventSink,
  type TinvestBrokerOptions,
} from '../../live/index.ts';
import type { ModeVenue } from './live-command.ts';
import type { VenueLink } from './venue-link.ts';

/** Kind of the event a session waits for before it reports the broker ready. */
export const BROKER_RECONCILED = 'broker-reconciled';

/** A fresh run expects a flat account with no open orders of its own. */
const FRESH: ExpectedState = { openOrders: [], positions: {} };

/** Reconciles the run with the venue and reports what differs. */
async function reconcileRun(
  broker: TinvestBroker,
  expected: ExpectedState,
  onEvent: LiveEventSink,
): Promise<void> {
  try {
    // The broker reports each difference itself (`reconcile-diff` events).
    const report = await broker.reconcile(expected);
    onEvent({ kind: BROKER_RECONCILED, time: Date.now(), diffs: report.diffs.length });
  } catch (err) {
    onEvent({ kind: 'reconcile-failed', time: Date.now(), error: (err as Error).message });
  }
}

/**
 * A TinvestBroker per run on `accountId` (sandbox or production host, as the link is); `tuning`
 * overrides its timings (tests and benches that replay the venue faster than real time).
 */
export function tinvestVenue(
  link: VenueLink,
  accountId: string,
  sandbox: boolean,
  tuning: Pick<TinvestBrokerOptions, 'stream' | 'pollIntervalMs' | 'placement'> = {},
): ModeVenue {
  const brokers: TinvestBroker[] = [];
  return {
    accountId,
    make: (instruments, onEvent, expected = FRESH) => ({
      label: `${sandbox ? 'sandbox ' : ''}account ${accountId} @ ${link.label}`,
      create: (_account, clock) => {
        const broker = new TinvestBroker({
          client: link.client,
          accountId,
          sandbox,
          instruments,
          now: () => clock.now(),
          onEvent,
          ...tuning,
        });
        brokers.push(broker);
        void broker.start().then(() => reconcileRun(broker, expected, onEvent));
        return broker;
      },
    }),
    close: async () => {
      await Promise.all(brokers.map((b) => b.close()));
    },
  };
}
