/**
 * @module The local T-Invest emulator: a real gRPC server (InstrumentsService, MarketDataService,
 * MarketDataStreamService, health) and the history archive over HTTP, both on loopback, fed by the built-in synthetic market
 * or any other MarketSource. Tests start it in-process on port 0; `tlab serve` runs it standalone.
 */
import { InstrumentDirectory } from './instrument-directory.ts';
import type { EmulatorContext } from './context.ts';
import { startGrpcSide, type GrpcSide } from './grpc/grpc-server.ts';
import { startHttpSide, type HttpSide } from './http/http-server.ts';
import { CandleQuery } from './market/candle-query.ts';
import { SyntheticMarket } from './market/synthetic-market.ts';
import type { EmulatorOptions, RunningEmulator } from './options.ts';
import { TokenCheck } from './policy/auth.ts';
import { RateLimiter } from './policy/rate-limiter.ts';
import { venueLabel } from './policy/tracking.ts';
import { CandleTape } from './venue/candle-tape.ts';
import { chooseClock } from './venue/venue-clock.ts';
import { resolveStreamOptions } from './streams/stream-options.ts';
import { StreamRegistry } from './streams/stream-registry.ts';
import { addTradingServices } from './grpc/trading/register.ts';
import { openTrading } from './trading/open-trading.ts';

export type {
  EmulatorOptions,
  EmulatorStats,
  FaultOptions,
  LimitOptions,
  RunningEmulator,
  StreamOptions,
} from './options.ts';
export type { MarketSource } from './market/market-source.ts';
export { SyntheticMarket, SYNTHETIC_UNIVERSE } from './market/synthetic-market.ts';
export { SYNTHETIC_FUTURES, FUTURES_MARGINS } from './market/catalog-futures.ts';
export { SYNTHETIC_OTHER_KINDS, OFZ_26238, CORPORATE_BOND } from './market/catalog-kinds.ts';
export { syntheticEconomics } from './market/synthetic-economics.ts';
export { SYNTHETIC_CATALOG, HISTORY_START } from './market/catalog.ts';
export { SESSIONS, isTradingMinute, isTradingDay } from './market/schedule.ts';
export { aggregate } from '../core/aggregate.ts';
export type {
  VenueClock,
  MarketTape,
  TapeTrade,
  BookSnapshot,
  BookLevel,
} from './venue/venue-ports.ts';
export { ReplayClock, FunctionClock } from './venue/replay-clock.ts';
export { startPacer, type ClockPacer, type PaceTarget } from './venue/clock-pacer.ts';
export { CandleTape } from './venue/candle-tape.ts';
export { phaseAt, type TradingPhase } from './market/trading-phase.ts';

/** Starts an emulator; resolves once both servers listen. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? '127.0.0.1';
  const source = options.source ?? new SyntheticMarket(options.seed ?? 1);
  const instruments = source.instruments();
  const faults = options.faults ?? {};
  const stats = {
    unaryCalls: 0,
    callsByMethod: {},
    rateLimited: 0,
    archiveRequests: 0,
    orderPlacements: 0,
  };
  const chosen = chooseClock(options);
  const clock = chosen.clock;
  const tape = options.tape ?? new CandleTape(source, options.seed ?? 1);
  const ctx: EmulatorContext = {
    directory: new InstrumentDirectory(instruments),
    query: new CandleQuery(source),
    tokens: new TokenCheck(options.tokens),
    limiter: new RateLimiter(options.limits ?? {}),
    faults,
    stats,
    now: () => clock.now(),
    clock,
    tape,
    streams: new StreamRegistry(),
    streamOptions: resolveStreamOptions(options.streams),
    venue: venueLabel(options),
  };
  const trading = openTrading(ctx, options.trading ?? {});
  const sides: GrpcSide[] = [];
  let grpcSide: GrpcSide;
  let sandboxSide: GrpcSide | undefined;
  let http: HttpSide;
  try {
    grpcSide = await startGrpcSide(ctx, host, options.port ?? 0, (server) =>
      addTradingServices(server, ctx, trading, 'prod'),
    );
    sides.push(grpcSide);
    if (options.sandboxPort !== undefined) {
      sandboxSide = await startGrpcSide(ctx, host, options.sandboxPort, (server) =>
        addTradingServices(server, ctx, trading, 'sandbox'),
      );
      sides.push(sandboxSide);
    }
    http = await startHttpSide(ctx, host, options.httpPort ?? 0);
  } catch (err) {
    await Promise.all(sides.map((g) => g.close()));
    trading.close();
    chosen.stop();
    throw err;
  }
  const httpSide = http;
  let stopped: Promise<void> | undefined;
  return {
    grpcAddress: grpcSide.address,
    sandboxAddress: sandboxSide?.address,
    httpUrl: httpSide.url,
    archiveUrl: `${httpSide.url}/history-data`,
    faults,
    stats,
    instruments: instruments.map((i) => ({ ...i })),
    clock,
    tape,
    resetStreams: () => ctx.streams.resetAll(),
    stallStreams: () => ctx.streams.stallAll(),
    openStreams: () => ctx.streams.countByKind(),
    stop: () => {
      chosen.stop();
      stopped ??= Promise.all([...sides.map((g) => g.close()), httpSide.close()]).then(() =>
        trading.close(),
      );
      return stopped;
    },
  };
}
