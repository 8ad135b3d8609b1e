/**
 * @module Public surface of src/live: the T-Invest client, its configuration and errors, and the
 * core-typed results it returns. Generated protobuf types stay behind this line (the converters in
 * src/wire/convert are for src/live and src/emulator only).
 */
export { TinkoffApiError, type TinkoffApiErrorFields } from './client/api-error.ts';
export {
  DEV_TOKEN,
  resolveApiConfig,
  type ApiConfig,
  type ApiConfigInput,
} from './client/config.ts';
export {
  DEFAULT_DEADLINE_MS,
  DEFAULT_UNARY_DEADLINE_MS,
  DOCUMENTED_MIN_DEADLINE_MS,
  type DeadlineOptions,
} from './client/deadlines.ts';
export {
  PRODUCTION_ARCHIVE_URL,
  PRODUCTION_ENDPOINT,
  SANDBOX_ENDPOINT,
  checkArchiveUrl,
  isLoopbackHost,
  parseEndpoint,
  transportFor,
  type Endpoint,
} from './client/endpoint.ts';
export { silentLogger, type ClientLogger, type LogFields } from './client/logger.ts';
export type {
  AccountInfo,
  CandlesQuery,
  InstrumentLookup,
  LastPriceQuote,
  TradingStatusInfo,
} from './client/methods.ts';
export type { BreakerOptions, RetryOptions } from './client/policies.ts';
export type { RateLimitInfo } from './client/response-meta.ts';
export { DEFAULT_SERVICE_LIMITS, type RateLimitOptions } from './client/service-limiter.ts';
export {
  clientFromConfig,
  createTinvestClient,
  type RawAccess,
  type TinvestClient,
  type TinvestClientOptions,
} from './client/tinvest-client.ts';
export type { InstrumentSummary } from '../core/instrument.ts';
export { SystemClock } from './system-clock.ts';
export { SessionClock, type SessionClockOptions } from './session-clock.ts';
export {
  DEFAULT_PING_DELAY_MS,
  GrpcStreamFeed,
  MAX_SUBSCRIPTIONS_PER_STREAM,
  type GrpcStreamFeedOptions,
} from './feed/grpc-stream-feed.ts';
export { fanOut, type LiveEvent, type LiveEventSink } from './observability/live-event.ts';
export { GuardedBroker, FLATTEN_TAG } from './guards/guarded-broker.ts';
export {
  missingGuards,
  type GuardLimits,
  type GuardSources,
  type GuardedBrokerOptions,
  type InstrumentSpec,
  type RequiredGuard,
} from './guards/guard-options.ts';
export {
  guardConfigSchema,
  guardsFromConfig,
  type GuardConfigInput,
} from './guards/guard-config.ts';
export { KillSwitch, type KillState } from './guards/kill-switch.ts';
export type { GuardName, Refusal } from './guards/order-checks.ts';
export {
  DEFAULT_TRADABLE_STATUSES,
  KNOWN_TRADING_STATUSES,
  normalizeTradingStatus,
} from './guards/trading-status.ts';
export {
  TinvestBroker,
  randomOrderIds,
  seededOrderIds,
  type ExpectedOrder,
  type ExpectedState,
  type OrderIdSource,
  type PlacementPolicy,
  type ReconcileDiff,
  type ReconcileReport,
  type TinvestBrokerOptions,
  type TradesWatcherOptions,
} from './broker/index.ts';
export {
  createLiveLogger,
  eventLogger,
  pinoClientLogger,
  type LiveLogger,
  type LiveLoggerOptions,
} from './observability/logger.ts';
export {
  LiveCounters,
  summaryTable,
  type ClientCallStats,
  type CounterSnapshot,
} from './observability/counters.ts';
export { READINESS, Readiness, type ReadinessStatus } from './observability/readiness.ts';
export { GAUGES, addGauge, createMetricsRegistry } from './observability/metrics-registry.ts';
export {
  startMetricsServer,
  type MetricsServerOptions,
  type RunningMetricsServer,
} from './observability/metrics-server.ts';
export {
  startLiveObservability,
  type LiveObservability,
  type LiveObservabilityOptions,
} from './observability/live-observability.ts';
export {
  DEFAULT_KEEPALIVE_MS,
  DEFAULT_KEEPALIVE_TIMEOUT_MS,
  KEEPALIVE_MIN_MS,
  deadConnectionBoundMs,
  type ChannelSettings,
} from './client/channel.ts';
export {
  handleStopSignals,
  type SignalSource,
  type StopSignalOptions,
} from './guards/stop-signals.ts';
export { accountPositions } from './guards/account-position.ts';
