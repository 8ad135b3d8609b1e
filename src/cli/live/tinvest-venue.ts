/**
 * @module The broker at the venue for `tlab sandbox` and `tlab live`: a TinvestBroker on the
 * account, its TradesStream started, and a reconciliation with the venue at start (open orders and
 * positions the run does not know are reported by the broker as `reconcile-diff` events; then
 * `broker-reconciled`).
 */
import { TinvestBroker, type LiveEventSink, type TinvestBrokerOptions } from '../../live/index.ts';
import type { ModeVenue } from './live-command.ts';
import type { VenueLink } from './venue-link.ts';

/** Kind of the event a session waits for before it reports the broker ready. */
export const BROKER_RECONCILED = 'broker-reconciled';

/** Reconciles a fresh run (flat, no open orders) with the venue and reports what differs. */
async function reconcileFresh(broker: TinvestBroker, onEvent: LiveEventSink): Promise<void> {
  try {
    // The broker reports each difference itself (`reconcile-diff` events).
    const report = await broker.reconcile({ openOrders: [], positions: {} });
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
    make: (instruments, onEvent) => ({
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
        void broker.start().then(() => reconcileFresh(broker, onEvent));
        return broker;
      },
    }),
    close: async () => {
      await Promise.all(brokers.map((b) => b.close()));
    },
  };
}
