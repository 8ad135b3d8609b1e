/**
 * @module Retry and circuit-breaker policies (cockatiel). Retries use exponential backoff with
 * jitter; a rate-limited call is retried at once because its service limiter is already paused
 * until the server's reset. The breaker counts only endpoint failures (unreachable, timeouts,
 * broken streams), never business errors, and opens after a run of consecutive ones.
 */
import {
  ConsecutiveBreaker,
  DelegateBackoff,
  circuitBreaker,
  handleWhen,
  retry,
  type CircuitBreakerPolicy,
  type IRetryBackoffContext,
  type RetryPolicy,
} from 'cockatiel';
import { status } from '@grpc/grpc-js';
import { TinkoffApiError } from './api-error.ts';

/** Retry settings. */
export interface RetryOptions {
  /** Retries after the first attempt (default 5; 0 disables retrying). */
  maxRetries?: number;
  /** First backoff delay in ms (default 250). */
  initialDelayMs?: number;
  /** Largest backoff delay in ms (default 10 000). */
  maxDelayMs?: number;
}

/** Circuit-breaker settings. */
export interface BreakerOptions {
  /** Consecutive endpoint failures that open the circuit (default 5). */
  threshold?: number;
  /** How long the circuit stays open before one probe call is let through, in ms (default 30 000). */
  halfOpenAfterMs?: number;
}

/** True for failures that say the endpoint itself is unhealthy. */
export function isEndpointFailure(e: TinkoffApiError): boolean {
  if (e.rateLimited || e.circuitOpen) return false;
  return (
    e.grpcCode === status.UNAVAILABLE ||
    e.grpcCode === status.DEADLINE_EXCEEDED ||
    (e.grpcCode === status.INTERNAL && e.apiCode === undefined) ||
    (e.grpcCode === status.UNKNOWN && e.retryable)
  );
}

/** Backoff delay for one retry: 0 after a rate limit, else exponential with half jitter. */
export function retryDelay(attempt: number, error: unknown, options: RetryOptions = {}): number {
  if (error instanceof TinkoffApiError && error.rateLimited) return 0;
  const initial = options.initialDelayMs ?? 250;
  const cap = options.maxDelayMs ?? 10_000;
  const base = Math.min(cap, initial * 2 ** Math.max(0, attempt - 1));
  return base / 2 + (Math.random() * base) / 2;
}

/** The retry policy for retryable TinkoffApiErrors. */
export function makeRetryPolicy(options: RetryOptions = {}): RetryPolicy {
  return retry(
    handleWhen((e) => e instanceof TinkoffApiError && e.retryable),
    {
      maxAttempts: options.maxRetries ?? 5,
      backoff: new DelegateBackoff((ctx: IRetryBackoffContext<unknown>) =>
        retryDelay(ctx.attempt, 'error' in ctx.result ? ctx.result.error : undefined, options),
      ),
    },
  );
}

/** The circuit breaker of one endpoint. */
export function makeBreaker(options: BreakerOptions = {}): CircuitBreakerPolicy {
  return circuitBreaker(
    handleWhen((e) => e instanceof TinkoffApiError && isEndpointFailure(e)),
    {
      halfOpenAfter: options.halfOpenAfterMs ?? 30_000,
      breaker: new ConsecutiveBreaker(options.threshold ?? 5),
    },
  );
}
