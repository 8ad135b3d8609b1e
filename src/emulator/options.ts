/**
 * @module The emulator's public option and handle types (the contract in-process callers use).
 */
import type { Instrument } from '../core/instrument.ts';
import type { MarketSource } from './market/market-source.ts';
import type { TradingOptions } from './trading/options.ts';
import type { MarketTape, VenueClock } from './venue/venue-ports.ts';

/** Faults injected into one emulator instance; the object is live and may change at run time. */
export interface FaultOptions {
  /** Added to every unary call and archive request. */
  latencyMs?: number;
  /** 1-based global unary call numbers that fail with UNAVAILABLE. */
  unavailableOnCalls?: number[];
  /** 1-based global unary call numbers that fail RESOURCE_EXHAUSTED (80002, x-ratelimit-reset '1'). */
  resourceExhaustedOnCalls?: number[];
  /** Every server stream ends with UNAVAILABLE once it has sent N messages. */
  dropStreamAfter?: number;
  /**
   * 1-based numbers of order placements (PostOrder, PostOrderAsync, ReplaceOrder, PostStopOrder
   * and their sandbox twins, counted together) that reach the venue and are placed, but whose
   * connection is then cut before the answer: the lost acknowledgement.
   */
  lostAckOnOrders?: number[];
  /** Order placement numbers that are placed and then answered INTERNAL 70002. */
  internalErrorOnOrders?: number[];
  /** Trade events of TradesStream: sent `delayMs` late, twice, or each pair swapped. */
  tradeEvents?: { delayMs?: number; duplicate?: boolean; reorder?: boolean };
  /** Every server stream goes silent once it has sent N messages: no data, no pings, no close. */
  stallStreamAfter?: number;
  /** Every server stream is reset with UNAVAILABLE this many real ms after it opens. */
  resetStreamAfterMs?: number;
}

/** Stream behaviour; the defaults are the real API's documented values. */
export interface StreamOptions {
  /** Server ping period in real ms (default 120000). */
  pingDelayMs?: number;
  /** The range `ping_settings.ping_delay_ms` is clamped to (default 5000..180000). */
  minPingDelayMs?: number;
  maxPingDelayMs?: number;
  /** A market-data stream without subscriptions is closed (80004) after this many real ms (120000). */
  idleCloseMs?: number;
  /** Streams are closed (80005) this many real ms after opening (default: never). */
  maxLifetimeMs?: number;
  /** Candle, order book and trade subscriptions per market-data stream (default 300). */
  maxSubscriptions?: number;
  /** Subscription requests per stream per limiter window (default 100 a minute). */
  subscriptionRequestsPerMinute?: number;
  /** Open market-data streams per token (default 16, grades 1-4); beyond it 80001. */
  marketDataStreamsPerToken?: number;
}

/** Request limits; the defaults are the real API's per-minute limits. */
export interface LimitOptions {
  enabled?: boolean;
  /** Length of a limit window in ms (default 60000; tests scale it down). */
  windowMs?: number;
  /** Per-scope overrides: service names such as `MarketDataService`, or `archive`. */
  perService?: Partial<Record<string, number>>;
  /**
   * Limits of the methods counted on their own instead of in their service, keyed
   * `Service/Method`, over the documented ones (`OrdersService/PostOrder` 300, `.../CancelOrder`
   * 100, `.../GetOrders` 200, `.../PostOrderAsync` 450); a new key gives a method its own limit, 0
   * counts the method in its service again.
   */
  perMethod?: Partial<Record<string, number>>;
}

/** How to start an emulator. */
export interface EmulatorOptions {
  /** Interface to bind (default '127.0.0.1'). */
  host?: string;
  /** gRPC port (default 0, an ephemeral port). */
  port?: number;
  /** Archive HTTP port (default 0). */
  httpPort?: number;
  /** Synthetic market seed (default 1). */
  seed?: number;
  /** Accepted tokens; empty or undefined accepts any non-empty token. */
  tokens?: string[];
  limits?: LimitOptions;
  faults?: FaultOptions;
  streams?: StreamOptions;
  /**
   * What the emulator says it serves, in the `x-tlab-venue` header of every answer (default
   * `emulator:synthetic seed N`, or `emulator:data` with a `source`; `tlab serve --data` names the file).
   */
  venue?: string;
  /** Where candles and instruments come from (default the synthetic market). */
  source?: MarketSource;
  /**
   * A frozen or externally read "now" (a FunctionClock: streams never see it advance). Ignored when
   * `clock` or `replay` is given.
   */
  now?: () => number;
  /** The venue clock every service reads (tests pass a ReplayClock and step it). */
  clock?: VenueClock;
  /** Run on a replay clock from `from` at `speed` simulated ms per real ms (`tlab serve --replay-from`). */
  replay?: { from: number; speed: number };
  /** The trade tape and order books (default: the CandleTape of `source`); tests pass scripted ones. */
  tape?: MarketTape;
  /** Accounts, execution and idempotency of the order side. */
  trading?: TradingOptions;
  /** Port of a second gRPC server that is the sandbox host for every token (unset: none). */
  sandboxPort?: number;
}

/** Counters of a running emulator. */
export interface EmulatorStats {
  unaryCalls: number;
  callsByMethod: Record<string, number>;
  rateLimited: number;
  archiveRequests: number;
  /** Order placements that reached the venue (the numbering of the order faults). */
  orderPlacements: number;
}

/** A started emulator. */
export interface RunningEmulator {
  /** e.g. '127.0.0.1:40123' */
  grpcAddress: string;
  /** The sandbox host's address when `sandboxPort` was given. */
  sandboxAddress?: string;
  /** e.g. 'http://127.0.0.1:40124' */
  httpUrl: string;
  /** `${httpUrl}/history-data` */
  archiveUrl: string;
  /** Live fault settings: change them at run time. */
  faults: FaultOptions;
  stats: EmulatorStats;
  /** The instruments it serves. */
  instruments: Instrument[];
  /**
   * The venue clock. Without `clock`, `replay` or `now` in the options it follows the wall clock
   * (`--realtime`).
   */
  clock: VenueClock;
  /** The trade tape and order books of the market. */
  tape: MarketTape;
  /** Resets every open server stream with UNAVAILABLE now; returns how many. */
  resetStreams(): number;
  /** Makes every open server stream go silent now (no data, pings or close); returns how many. */
  stallStreams(): number;
  /** Open server streams by kind, e.g. `{ MarketDataStream: 2 }`. */
  openStreams(): Record<string, number>;
  /** Stops both servers; resolves when they are closed. */
  stop(): Promise<void>;
}
