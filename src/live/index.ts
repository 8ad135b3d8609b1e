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
