/**
 * @module Fetcher for the yearly 1-minute history archive (`GET /history-data?instrumentId=&year=`):
 * Bearer auth, its own pace (30 requests per window), 404 as "no data", 429 waits for the reported
 * reset (5 s when none is given) and retries, 401 is an auth error. https only, except loopback.
 */
import { status } from '@grpc/grpc-js';
import type { RetryPolicy } from 'cockatiel';
import { explainConnectionFailure } from './connection-cause.ts';
import { TinkoffApiError, adviceFor } from './api-error.ts';
import { checkArchiveUrl } from './endpoint.ts';
import type { ClientLogger } from './logger.ts';
import { makeRetryPolicy, type RetryOptions } from './policies.ts';
import type { Redactor } from './redact.ts';
import { readResponseMeta, type ResponseMeta } from './response-meta.ts';
import { ServiceLimiter } from './service-limiter.ts';

/** Settings of an ArchiveFetcher. */
export interface ArchiveFetcherOptions {
  url: string;
  token: string;
  sandbox: boolean;
  redact: Redactor;
  logger: ClientLogger;
  retry?: RetryOptions;
  /** Rate window in ms (default 60 000), shared with the gRPC limiters' setting. */
  windowMs?: number;
  /** Requests per window (default 30, the documented limit). */
  limit?: number;
  /** Pace requests at all (default true); false as for the gRPC limiters, e.g. for benchmarks. */
  paced?: boolean;
  /** Timeout of one download in ms (default 300 000). */
  timeoutMs?: number;
}

/** Downloads yearly archives. */
export class ArchiveFetcher {
  readonly stats = { requests: 0, rateLimited: 0, notFound: 0 };
  private readonly base: URL;
  private readonly limiter: ServiceLimiter;
  private readonly retry: RetryPolicy;

  constructor(private readonly options: ArchiveFetcherOptions) {
    this.base = checkArchiveUrl(options.url);
    this.limiter = new ServiceLimiter('archive', {
      windowMs: options.windowMs,
      perService: { archive: options.limit ?? 30 },
      enabled: options.paced ?? true,
      maxConcurrent: 4,
    });
    this.retry = makeRetryPolicy(options.retry);
  }

  /** The zip of one instrument-year, or null when the API has no data for it (HTTP 404). */
  fetchYear(instrumentId: string, year: number): Promise<Uint8Array | null> {
    return this.retry.execute(() => this.limiter.schedule(() => this.once(instrumentId, year)));
  }

  private async once(instrumentId: string, year: number): Promise<Uint8Array | null> {
    const url = new URL(this.base);
    url.searchParams.set('instrumentId', instrumentId);
    url.searchParams.set('year', String(year));
    this.stats.requests++;
    let res: Response;
    try {
      res = await fetch(url, {
        headers: { authorization: `Bearer ${this.options.token}` },
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 300_000),
      });
    } catch (err) {
      const timedOut = (err as Error).name === 'TimeoutError';
      // fetch says only "fetch failed"; the reason (ECONNREFUSED, ENOTFOUND, a TLS error) is its cause.
      const cause = (err as Error).cause as (Error & { code?: string }) | undefined;
      const text = [(err as Error).message, cause?.code, cause?.message].filter(Boolean).join(': ');
      const e = this.error(
        timedOut ? status.DEADLINE_EXCEEDED : status.UNAVAILABLE,
        undefined,
        text,
        { rateLimit: {} },
      );
      throw explainConnectionFailure(e, url.host);
    }
    const meta = readResponseMeta(res.headers);
    this.options.logger.debug(`history-data ${instrumentId} ${year}: HTTP ${res.status}`, {
      trackingId: meta.trackingId,
    });
    if (res.ok) return new Uint8Array(await res.arrayBuffer());
    const body = (await res.text().catch(() => '')).slice(0, 200).trim();
    if (res.status === 404) {
      this.stats.notFound++;
      return null;
    }
    if (res.status === 429) {
      this.stats.rateLimited++;
      const reset = meta.rateLimit.resetSeconds ?? 5;
      this.options.logger.warn(`history-data rate limited; waiting ${reset} s`);
      this.limiter.pause(reset * 1000);
      throw this.error(status.RESOURCE_EXHAUSTED, res.status, body || 'too many requests', {
        ...meta,
        rateLimit: { ...meta.rateLimit, resetSeconds: reset },
      });
    }
    const code =
      res.status === 401
        ? status.UNAUTHENTICATED
        : res.status === 403
          ? status.PERMISSION_DENIED
          : res.status >= 500
            ? status.UNAVAILABLE
            : status.INVALID_ARGUMENT;
    throw this.error(code, res.status, body || `HTTP ${res.status}`, meta);
  }

  private error(
    code: status,
    httpStatus: number | undefined,
    text: string,
    meta: ResponseMeta,
  ): TinkoffApiError {
    const redact = this.options.redact;
    const grpcName = status[code];
    const apiMessage = redact(text);
    const http = httpStatus === undefined ? '' : ` (HTTP ${httpStatus})`;
    const fields = {
      method: 'history-data',
      grpcCode: code,
      grpcName,
      apiMessage,
      rateLimit: meta.rateLimit,
      retryable:
        code === status.UNAVAILABLE ||
        code === status.RESOURCE_EXHAUSTED ||
        code === status.DEADLINE_EXCEEDED,
      ...(httpStatus === undefined ? {} : { httpStatus }),
      ...(meta.trackingId ? { trackingId: redact(meta.trackingId) } : {}),
    };
    const { fix, hint } = adviceFor(
      code,
      code === status.UNAUTHENTICATED ? 40003 : undefined,
      this.options.sandbox,
      meta.rateLimit.resetSeconds,
    );
    return new TinkoffApiError(
      redact(`history-data failed: ${grpcName}${http} ${apiMessage}`),
      hint,
      { ...fields, fix, sandbox: this.options.sandbox },
    );
  }

  /** Stops the pacing timers. */
  stop(): Promise<void> {
    return this.limiter.stop();
  }
}
