/**
 * @module The local T-Invest emulator: a real gRPC server (InstrumentsService, MarketDataService,
 * health) and the history archive over HTTP, both on loopback, fed by the built-in synthetic market
 * or any other MarketSource. Tests start it in-process on port 0; `tlab serve` runs it standalone.
 */
import { InstrumentDirectory } from './instrument-directory.ts';
import type { EmulatorContext } from './context.ts';
import { startGrpcSide } from './grpc/grpc-server.ts';
import { startHttpSide } from './http/http-server.ts';
import { CandleQuery } from './market/candle-query.ts';
import { SyntheticMarket } from './market/synthetic-market.ts';
import type { EmulatorOptions, RunningEmulator } from './options.ts';
import { TokenCheck } from './policy/auth.ts';
import { RateLimiter } from './policy/rate-limiter.ts';
import { venueLabel } from './policy/tracking.ts';

export type {
  EmulatorOptions,
  EmulatorStats,
  FaultOptions,
  LimitOptions,
  RunningEmulator,
} from './options.ts';
export type { MarketSource } from './market/market-source.ts';
export { SyntheticMarket } from './market/synthetic-market.ts';
export { SYNTHETIC_CATALOG, HISTORY_START } from './market/catalog.ts';
export { SESSIONS, isTradingMinute, isTradingDay } from './market/schedule.ts';
export { aggregate } from '../core/aggregate.ts';

/** Starts an emulator; resolves once both servers listen. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? '127.0.0.1';
  const source = options.source ?? new SyntheticMarket(options.seed ?? 1);
  const instruments = source.instruments();
  const faults = options.faults ?? {};
  const stats = { unaryCalls: 0, callsByMethod: {}, rateLimited: 0, archiveRequests: 0 };
  const ctx: EmulatorContext = {
    directory: new InstrumentDirectory(instruments),
    query: new CandleQuery(source),
    tokens: new TokenCheck(options.tokens),
    limiter: new RateLimiter(options.limits ?? {}),
    faults,
    stats,
    now: options.now ?? Date.now,
    venue: venueLabel(options),
  };
  const grpc = await startGrpcSide(ctx, host, options.port ?? 0);
  let http;
  try {
    http = await startHttpSide(ctx, host, options.httpPort ?? 0);
  } catch (err) {
    await grpc.close();
    throw err;
  }
  const httpSide = http;
  let stopped: Promise<void> | undefined;
  return {
    grpcAddress: grpc.address,
    httpUrl: httpSide.url,
    archiveUrl: `${httpSide.url}/history-data`,
    faults,
    stats,
    instruments: instruments.map((i) => ({ ...i })),
    stop: () => {
      stopped ??= Promise.all([grpc.close(), httpSide.close()]).then(() => undefined);
      return stopped;
    },
  };
}
