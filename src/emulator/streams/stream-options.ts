/**
 * @module Stream options with the real API's defaults filled in.
 */
import type { StreamOptions } from '../options.ts';

/** StreamOptions with every default applied. */
export type ResolvedStreamOptions = Required<Omit<StreamOptions, 'maxLifetimeMs'>> &
  Pick<StreamOptions, 'maxLifetimeMs'>;

/** Fills in the documented defaults. */
export function resolveStreamOptions(o: StreamOptions = {}): ResolvedStreamOptions {
  return {
    pingDelayMs: o.pingDelayMs ?? 120_000,
    minPingDelayMs: o.minPingDelayMs ?? 5_000,
    maxPingDelayMs: o.maxPingDelayMs ?? 180_000,
    idleCloseMs: o.idleCloseMs ?? 120_000,
    maxLifetimeMs: o.maxLifetimeMs,
    maxSubscriptions: o.maxSubscriptions ?? 300,
    subscriptionRequestsPerMinute: o.subscriptionRequestsPerMinute ?? 100,
    marketDataStreamsPerToken: o.marketDataStreamsPerToken ?? 16,
  };
}
