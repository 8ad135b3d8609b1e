/**
 * @module createTinvestClient: the one T-Invest client everything that talks to the API uses. It owns
 * one channel shared by every service stub, the interceptors, the per-service limiters, the retry
 * policy and the endpoint's circuit breaker, plus the archive fetcher.
 */
import {
  Client,
  type Channel,
  type ChannelCredentials,
  type ClientOptions,
  type Interceptor,
} from '@grpc/grpc-js';
import { ArchiveFetcher } from './archive.ts';
import { openChannel, type ChannelSettings } from './channel.ts';
import type { ApiConfig } from './config.ts';
import type { DeadlineOptions } from './deadlines.ts';
import { PRODUCTION_ARCHIVE_URL, parseEndpoint } from './endpoint.ts';
import { authInterceptor, deadlineInterceptor, trackingInterceptor } from './interceptors.ts';
import { redactingLogger, silentLogger, type ClientLogger } from './logger.ts';
import { typedMethods, type TypedMethods } from './methods.ts';
import { scheduleMethods, type ScheduleMethods } from './schedule-methods.ts';
import {
  makeBreaker,
  makeRetryPolicy,
  type BreakerOptions,
  type RetryOptions,
} from './policies.ts';
import { makeRedactor } from './redact.ts';
import { LimiterSet, type RateLimitOptions } from './service-limiter.ts';
import { type SeenVenue, VenueObserver } from './venue.ts';
import {
  UnaryCaller,
  type CallStats,
  type UnaryCallOptions,
  type UnaryDefinition,
} from './unary-caller.ts';

/** Everything a client can be configured with; only `endpoint` and `token` are required. */
export interface TinvestClientOptions {
  /** `host:port`; TLS unless the host is loopback. */
  endpoint: string;
  /** API token; it goes only into the authorization header and never into messages or logs. */
  token: string;
  /** Sandbox client (affects hints about which token variable to set). */
  sandbox?: boolean;
  /** Yearly archive address (default the production `/history-data`). */
  archiveUrl?: string;
  /** Extra CA certificates (PEM file) trusted on top of the system store. */
  caFile?: string;
  /** `x-app-name` header (default `tinvest-lab`). */
  appName?: string;
  /** Receives one line per call (tracking id included), retries, waits and breaker moves. */
  logger?: ClientLogger;
  deadlines?: DeadlineOptions;
  retry?: RetryOptions;
  breaker?: BreakerOptions;
  /** Client-side pacing; `windowMs` also scales the archive's 30-per-window pace. */
  rateLimit?: RateLimitOptions;
  channel?: Omit<ChannelSettings, 'caFile'>;
}

/** Access to the generated layer for code inside src/live (sandbox, orders, streams). */
export interface RawAccess {
  /** Calls any unary method of a generated service definition through all client policies. */
  call<Req, Res>(
    def: UnaryDefinition<Req, Res>,
    request: Req,
    options?: UnaryCallOptions,
  ): Promise<Res>;
  /** A generated service client (e.g. MarketDataStreamServiceClient) on the shared channel. */
  stub<T>(
    ctor: new (
      address: string,
      credentials: ChannelCredentials,
      options?: Partial<ClientOptions>,
    ) => T,
  ): T;
  readonly channel: Channel;
}

/** The T-Invest client. */
export interface TinvestClient extends TypedMethods, ScheduleMethods {
  readonly endpoint: string;
  readonly sandbox: boolean;
  /** The yearly 1-minute archive. */
  readonly archive: { fetchYear(instrumentId: string, year: number): Promise<Uint8Array | null> };
  readonly raw: RawAccess;
  /**
   * What the server said it is (`x-tlab-venue`, sent by our emulator only): a label, `null` when
   * answers came without one (the real API), `undefined` before any answer.
   */
  venue(): SeenVenue;
  /** Counters: unary calls, attempts, retries, rate-limited answers; archive requests. */
  stats(): CallStats & { archiveRequests: number; archiveRateLimited: number };
  /** Closes the channel and stops the limiters' timers. */
  close(): Promise<void>;
}

/** Creates a client. Nothing connects until the first call. */
export function createTinvestClient(options: TinvestClientOptions): TinvestClient {
  const endpoint = parseEndpoint(options.endpoint);
  const sandbox = options.sandbox ?? false;
  const redact = makeRedactor([options.token]);
  const logger = redactingLogger(options.logger ?? silentLogger, redact);
  const now = () => Date.now();
  const { channel, credentials } = openChannel(endpoint, {
    ...options.channel,
    caFile: options.caFile,
  });
  const interceptors: Interceptor[] = [
    trackingInterceptor(logger, now),
    deadlineInterceptor(options.deadlines ?? {}, now),
    authInterceptor(options.token, options.appName ?? 'tinvest-lab'),
  ];
  const clientOptions: Partial<ClientOptions> = { channelOverride: channel, interceptors };
  const grpcClient = new Client(endpoint.target, credentials, clientOptions);
  const limiters = new LimiterSet(options.rateLimit);
  const halfOpenAfterMs = options.breaker?.halfOpenAfterMs ?? 30_000;
  const venue = new VenueObserver();
  const caller = new UnaryCaller({
    client: grpcClient,
    limiters,
    retry: makeRetryPolicy(options.retry),
    breaker: makeBreaker({ ...options.breaker, halfOpenAfterMs }),
    halfOpenAfterMs,
    logger,
    redact,
    sandbox,
    target: endpoint.target,
    venue,
  });
  const archive = new ArchiveFetcher({
    url: options.archiveUrl ?? PRODUCTION_ARCHIVE_URL,
    token: options.token,
    sandbox,
    redact,
    logger,
    retry: options.retry,
    windowMs: options.rateLimit?.windowMs,
    limit: options.rateLimit?.perService?.archive,
    paced: options.rateLimit?.enabled,
    venue,
  });
  const stubs: unknown[] = [];
  let closed = false;
  return {
    ...typedMethods(caller),
    ...scheduleMethods(caller),
    endpoint: endpoint.target,
    sandbox,
    archive: { fetchYear: (id, year) => archive.fetchYear(id, year) },
    raw: {
      call: (def, request, callOptions) => caller.call(def, request, callOptions),
      stub: (ctor) => {
        const s = new ctor(endpoint.target, credentials, clientOptions);
        stubs.push(s);
        return s;
      },
      channel,
    },
    venue: () => venue.get(),
    stats: () => ({
      ...caller.stats,
      archiveRequests: archive.stats.requests,
      archiveRateLimited: archive.stats.rateLimited,
    }),
    async close() {
      if (closed) return;
      closed = true;
      await Promise.all([limiters.stop(), archive.stop()]);
      grpcClient.close();
      channel.close();
    },
  };
}

/** Creates a client from a resolved ApiConfig (see resolveApiConfig) plus optional extras. */
export function clientFromConfig(
  config: ApiConfig,
  extra: Omit<Partial<TinvestClientOptions>, 'endpoint' | 'token' | 'sandbox'> = {},
): TinvestClient {
  return createTinvestClient({
    ...extra,
    endpoint: config.endpoint,
    token: config.token,
    sandbox: config.sandbox,
    archiveUrl: config.archiveUrl,
    ...(config.caFile ? { caFile: config.caFile } : {}),
  });
}
