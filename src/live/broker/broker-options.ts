/**
 * @module The options of a TinvestBroker: the client and account, the host, its instruments, where
 * keys and time come from, and the timings of retries, the stream, polls and sweeps.
 */
import type { Instrument } from '../../core/instrument.ts';
import type { TinvestClient } from '../client/tinvest-client.ts';
import type { LiveEventSink } from './live-event.ts';
import type { OrderIdSource } from './order-ids.ts';
import type { PlacementPolicy } from './order-placement.ts';
import type { TradesWatcherOptions } from './trades-watcher.ts';

/** How a TinvestBroker is set up. */
export interface TinvestBrokerOptions {
  /** Our client, on the host that matches `sandbox` (its policies apply to every call). */
  client: TinvestClient;
  accountId: string;
  /** Call SandboxService (PostSandboxOrder, ...) instead of OrdersService. */
  sandbox?: boolean;
  /** Instruments it may trade (lot sizes and price steps come from here). */
  instruments: readonly Instrument[];
  /** Idempotency keys (default random UUIDs; `seededOrderIds` for deterministic runs). */
  ids?: OrderIdSource;
  /** Event time for what the venue does not timestamp (default the wall clock). */
  now?: () => number;
  onEvent?: LiveEventSink;
  placement?: PlacementPolicy;
  stream?: TradesWatcherOptions;
  /** GetOrderState poll period while TradesStream is down (default 1000 ms). */
  pollIntervalMs?: number;
  /** Period of the open-order sweep while the stream is up (default 15 000 ms; 0 turns it off). */
  sweepIntervalMs?: number;
  /** How long TradesStream has to bring executions an answer reported before a poll (1000 ms). */
  fillGraceMs?: number;
}
