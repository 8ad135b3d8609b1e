/**
 * @module The connection a live run trades over: a client to the configured T-Invest host (tokens
 * from the environment only), or to an emulator started in this process (`--emulator`, no token, no
 * network, on a replay clock when asked), and the venue's "now" a run's window starts from.
 */
import {
  DEV_TOKEN,
  clientFromConfig,
  createTinvestClient,
  resolveApiConfig,
  type ClientLogger,
  type TinvestClient,
  type TinvestClientOptions,
} from '../../live/index.ts';
import type { EmulatorOptions, RunningEmulator } from '../../emulator/index.ts';
import type { ApiArgs } from '../options/api.ts';

/** How to reach the venue. */
export interface VenueLinkOptions extends ApiArgs {
  /** Start an emulator in this process instead of connecting to a host. */
  emulator?: boolean;
  /** The in-process emulator's replay clock (default: the wall clock). */
  replay?: { from: number; speed: number };
  /** The in-process emulator's synthetic market seed. */
  seed?: number;
  /** The in-process emulator's sandbox host for every token (sandbox runs). */
  sandboxHost?: boolean;
  /** Receives the client's call lines (tracking ids, retries, waits; already redacted). */
  logger?: ClientLogger;
  /**
   * Settings for the in-process emulator and its client beyond the flags' (tests and benches that
   * replay faster than real time: short pings, fast retries, limits off).
   */
  emulatorTuning?: {
    emulator?: Pick<EmulatorOptions, 'streams' | 'limits'>;
    client?: Pick<TinvestClientOptions, 'retry' | 'rateLimit'>;
  };
}

/** An open connection; `close` ends the client and a started emulator. */
export interface VenueLink {
  client: TinvestClient;
  /** The emulator started in this process, if any. */
  emulator?: RunningEmulator;
  /** Where the orders go, for the journal and the result (never the token). */
  label: string;
  /** The venue's current time (epoch ms). */
  venueNow(instrumentUids: readonly string[]): Promise<number>;
  close(): Promise<void>;
}

/** Opens the link. The emulator module is loaded only when asked for. */
export async function openVenueLink(o: VenueLinkOptions): Promise<VenueLink> {
  if (!o.emulator) {
    const config = resolveApiConfig({
      endpoint: o.endpoint,
      archiveUrl: o['archive-url'],
      // tlab sandbox always trades on the sandbox host with the sandbox token.
      sandbox: (o.sandbox ?? false) || (o.sandboxHost ?? false),
      caFile: o['ca-file'],
    });
    const client = clientFromConfig(config, o.logger === undefined ? {} : { logger: o.logger });
    return {
      client,
      label: `${client.sandbox ? 'sandbox' : 'production'} @ ${client.endpoint}`,
      venueNow: (uids) => remoteNow(client, uids),
      close: () => client.close(),
    };
  }
  const { startEmulator } = await import('../../emulator/index.ts');
  const emulator = await startEmulator({
    ...(o.replay === undefined ? {} : { replay: o.replay }),
    ...(o.seed === undefined ? {} : { seed: o.seed }),
    ...(o.sandboxHost ? { sandboxPort: 0 } : {}),
    ...o.emulatorTuning?.emulator,
  });
  const address = o.sandboxHost ? (emulator.sandboxAddress as string) : emulator.grpcAddress;
  const client = createTinvestClient({
    endpoint: address,
    token: DEV_TOKEN,
    sandbox: o.sandboxHost ?? false,
    archiveUrl: emulator.archiveUrl,
    ...(o.logger === undefined ? {} : { logger: o.logger }),
    ...o.emulatorTuning?.client,
  });
  return {
    client,
    emulator,
    label: `emulator${o.sandboxHost ? ' sandbox' : ''} @ ${address}`,
    venueNow: () => Promise.resolve(emulator.clock.now()),
    async close() {
      await client.close();
      await emulator.stop();
    },
  };
}

/**
 * The venue's time as it answers: our emulator may run on a replay clock, so its last trades say
 * what time it is there; the real API runs on the wall clock.
 */
async function remoteNow(client: TinvestClient, uids: readonly string[]): Promise<number> {
  const quotes = await client.getLastPrices([...uids]);
  if (client.venue() === null) return Date.now();
  const times = quotes.map((q) => q.time ?? -Infinity);
  const latest = Math.max(...times);
  return Number.isFinite(latest) ? latest : Date.now();
}

/**
 * The venue's time now, read synchronously: an in-process emulator's replay clock, the wall clock
 * for the T-Invest API, and for another emulator (a replay elsewhere) the last time its stream
 * showed.
 */
export function venueClock(link: VenueLink, stream: { venueTime(): number }): () => number {
  return () => {
    if (link.emulator !== undefined) return link.emulator.clock.now();
    return link.client.venue() === null ? Date.now() : stream.venueTime();
  };
}
