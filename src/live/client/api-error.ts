/**
 * @module TinkoffApiError: every failure of a T-Invest call as one typed error with the gRPC status,
 * the API's numeric code, its message, the tracking id, rate-limit counters, a retryable/fatal
 * verdict, the fix as data and a hint naming it (in the API's terms; the CLI words its own, with its
 * flags). Messages pass through the redactor, so no token leaks.
 */
import { status } from '@grpc/grpc-js';
import { TlabError } from '../../core/errors.ts';
import type { Redactor } from './redact.ts';
import type { RateLimitInfo, ResponseMeta } from './response-meta.ts';

/** The typed fields of a TinkoffApiError. */
export interface TinkoffApiErrorFields {
  /** `Service/Method`, e.g. `MarketDataService/GetCandles`, or `history-data` for the archive. */
  method: string;
  grpcCode: status;
  grpcName: string;
  /** The API's numeric code from the status details (e.g. 40003, 30014), when it sent one. */
  apiCode?: number;
  /** The API's human-readable text (the `message` trailer), or the status details. */
  apiMessage?: string;
  trackingId?: string;
  rateLimit: RateLimitInfo;
  /** True when repeating the same call later may succeed. */
  retryable: boolean;
  /** HTTP status for archive requests. */
  httpStatus?: number;
  /** True when the client refused to call because the circuit breaker is open. */
  circuitOpen?: boolean;
  /** What fixes it, as data (default `retry`); the CLI words its hint from it. */
  fix?: ApiFix;
  /** True when the failing client was a sandbox client. */
  sandbox?: boolean;
}

/** A failed T-Invest API call. */
export class TinkoffApiError extends TlabError implements TinkoffApiErrorFields {
  readonly method: string;
  readonly grpcCode: status;
  readonly grpcName: string;
  readonly apiCode: number | undefined;
  readonly apiMessage: string | undefined;
  readonly trackingId: string | undefined;
  readonly rateLimit: RateLimitInfo;
  readonly retryable: boolean;
  readonly httpStatus: number | undefined;
  readonly circuitOpen: boolean;
  readonly fix: ApiFix;
  readonly sandbox: boolean;

  constructor(message: string, hint: string, fields: TinkoffApiErrorFields) {
    super(message, hint);
    this.method = fields.method;
    this.grpcCode = fields.grpcCode;
    this.grpcName = fields.grpcName;
    this.apiCode = fields.apiCode;
    this.apiMessage = fields.apiMessage;
    this.trackingId = fields.trackingId;
    this.rateLimit = fields.rateLimit;
    this.retryable = fields.retryable;
    this.httpStatus = fields.httpStatus;
    this.circuitOpen = fields.circuitOpen ?? false;
    this.fix = fields.fix ?? 'retry';
    this.sandbox = fields.sandbox ?? false;
  }

  /** True for RESOURCE_EXHAUSTED answers that mean "too many requests this minute". */
  get rateLimited(): boolean {
    return (
      this.grpcCode === status.RESOURCE_EXHAUSTED &&
      (this.apiCode === undefined || this.apiCode === 80002)
    );
  }
}

/** The grpc-js ServiceError fields this module reads. */
export interface ServiceErrorLike {
  code?: number;
  details?: string;
  message?: string;
}

/** Context for turning a transport error into a TinkoffApiError. */
export interface ErrorContext {
  method: string;
  /** Reads: repeating them has no side effects. */
  idempotent: boolean;
  sandbox: boolean;
  meta: ResponseMeta;
  redact: Redactor;
}

const TRANSPORT_TEXT = /stream removed|rst_stream|goaway|unexpected eos|econnreset|socket/i;

/** The retryable/fatal split (see the README section on the client for the table). */
export function isRetryable(
  code: number,
  apiCode: number | undefined,
  details: string,
  idempotent: boolean,
): boolean {
  switch (code) {
    case status.UNAVAILABLE:
      return true;
    case status.RESOURCE_EXHAUSTED:
      return apiCode === undefined || apiCode === 80002;
    case status.INTERNAL:
      if (apiCode !== undefined) return apiCode >= 70001 && apiCode <= 70003;
      return idempotent;
    case status.DEADLINE_EXCEEDED:
    case status.ABORTED:
      return idempotent;
    case status.UNKNOWN:
    case status.CANCELLED:
      return idempotent && TRANSPORT_TEXT.test(details);
    default:
      return false;
  }
}

const CERT_TEXT = /certificate|self[- ]signed|CERT_|SSL|TLS/i;

/**
 * What fixes a failure, as data: the CLI words its own hint from this (naming its flags and
 * commands); the hint on the error itself names only environment variables and the API's terms.
 */
export type ApiFix =
  | 'trust-ca'
  | 'token'
  | 'no-api-trading'
  | 'token-rights'
  | 'shorter-window'
  | 'class-code'
  | 'check-instrument'
  | 'check-id'
  | 'fix-parameter'
  | 'wait-rate-limit'
  | 'check-endpoint'
  | 'timeout'
  | 'unimplemented'
  | 'retry';

/** A fix and its library-level wording. */
export interface ApiAdvice {
  fix: ApiFix;
  hint: string;
}

const advice = (fix: ApiFix, hint: string): ApiAdvice => ({ fix, hint });

/** The fix for a failure (`details` refines transport failures). */
export function adviceFor(
  code: number,
  apiCode: number | undefined,
  sandbox: boolean,
  reset?: number,
  details = '',
): ApiAdvice {
  if (code === status.UNAVAILABLE && CERT_TEXT.test(details))
    return advice(
      'trust-ca',
      "the server's TLS certificate is not trusted here: add its CA (TINVEST_CA_FILE)",
    );
  if (code === status.UNAUTHENTICATED || apiCode === 40003) {
    return advice(
      'token',
      sandbox
        ? 'set SANDBOX_TOKEN_STRING to a valid sandbox token; a production token does not work with the sandbox'
        : 'set TINKOFF_TOKEN_STRING to a valid token; a sandbox token only works with the sandbox',
    );
  }
  if (apiCode === 40004)
    return advice('no-api-trading', 'trading through the API is not available for this account');
  if (code === status.PERMISSION_DENIED) {
    return advice(
      'token-rights',
      'use a token with rights for this call (a read-only or account-scoped token cannot make it)',
    );
  }
  if (apiCode === 30014)
    return advice(
      'shorter-window',
      'ask for a shorter window: the API caps the period per candle interval',
    );
  if (apiCode === 30013)
    return advice('class-code', 'give the class code with a ticker, e.g. SBER@TQBR');
  if (apiCode === 50002 || (code === status.NOT_FOUND && apiCode === undefined))
    return advice('check-instrument', 'check the instrument (ticker@class_code, FIGI or uid)');
  if (code === status.NOT_FOUND)
    return advice('check-id', 'check the id named in the request (account, order or instrument)');
  if (code === status.INVALID_ARGUMENT)
    return advice('fix-parameter', 'fix the request parameter the message names');
  if (code === status.RESOURCE_EXHAUSTED) {
    return advice(
      'wait-rate-limit',
      `wait ${reset ?? 60} s for the per-minute limit to reset, or run fewer requests at once`,
    );
  }
  if (code === status.UNAVAILABLE) {
    return advice(
      'check-endpoint',
      'check the network and the endpoint (TINVEST_ENDPOINT); the service may be down',
    );
  }
  if (code === status.DEADLINE_EXCEEDED)
    return advice('timeout', 'the server did not answer in time: retry later');
  if (code === status.UNIMPLEMENTED)
    return advice('unimplemented', 'this endpoint does not serve the method: check the endpoint');
  return advice('retry', 'retry later; quote the tracking id if you report it');
}

/** Turns a grpc-js ServiceError (or anything thrown by a call) into a TinkoffApiError. */
export function toTinkoffApiError(err: unknown, ctx: ErrorContext): TinkoffApiError {
  if (err instanceof TinkoffApiError) return err;
  const e = (err ?? {}) as ServiceErrorLike;
  const code = typeof e.code === 'number' ? e.code : status.UNKNOWN;
  const details = ctx.redact(String(e.details ?? e.message ?? 'no details'));
  const apiCode = /^\d{5}$/.test(details.trim()) ? Number(details.trim()) : undefined;
  const apiMessage = ctx.redact(ctx.meta.message ?? (apiCode === undefined ? details : ''));
  const trackingId =
    ctx.meta.trackingId === undefined ? undefined : ctx.redact(ctx.meta.trackingId);
  const grpcName = status[code] ?? `STATUS_${code}`;
  const parts = [`${ctx.method} failed: ${grpcName}`];
  if (apiCode !== undefined) parts.push(String(apiCode));
  if (apiMessage) parts.push(apiMessage);
  const tracking = trackingId ? ` (tracking id ${trackingId})` : '';
  const fields: TinkoffApiErrorFields = {
    method: ctx.method,
    grpcCode: code,
    grpcName,
    rateLimit: ctx.meta.rateLimit,
    retryable: isRetryable(code, apiCode, details, ctx.idempotent),
    sandbox: ctx.sandbox,
  };
  if (apiCode !== undefined) fields.apiCode = apiCode;
  if (apiMessage) fields.apiMessage = apiMessage;
  if (trackingId) fields.trackingId = trackingId;
  const { fix, hint } = adviceFor(
    code,
    apiCode,
    ctx.sandbox,
    ctx.meta.rateLimit.resetSeconds,
    details,
  );
  fields.fix = fix;
  return new TinkoffApiError(ctx.redact(parts.join(' ') + tracking), hint, fields);
}
