/**
 * @module What the gRPC services and the archive server of one emulator share: the market, the
 * instrument index, the token check, the limiter, the live fault settings, the counters, and the
 * venue clock and tape.
 */
import type { InstrumentDirectory } from './instrument-directory.ts';
import type { CandleQuery } from './market/candle-query.ts';
import type { EmulatorStats, FaultOptions } from './options.ts';
import type { TokenCheck } from './policy/auth.ts';
import type { RateLimiter } from './policy/rate-limiter.ts';
import type { ResolvedStreamOptions } from './streams/stream-options.ts';
import type { StreamRegistry } from './streams/stream-registry.ts';
import type { MarketTape, VenueClock } from './venue/venue-ports.ts';

/** Shared state of one running emulator. */
export interface EmulatorContext {
  directory: InstrumentDirectory;
  query: CandleQuery;
  tokens: TokenCheck;
  limiter: RateLimiter;
  faults: FaultOptions;
  stats: EmulatorStats;
  /** The venue clock's now (`clock.now`): only candles closed at or before it exist. */
  now: () => number;
  /** The one venue clock every service reads. */
  clock: VenueClock;
  /** Trades and books consistent with the minute candles. */
  tape: MarketTape;
  /** Open server streams (connection limits, resets). */
  streams: StreamRegistry;
  streamOptions: ResolvedStreamOptions;
}

/** Resolves after `ms` milliseconds (immediately for 0 or less). */
export function delay(ms: number | undefined): Promise<void> {
  return ms && ms > 0 ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve();
}
