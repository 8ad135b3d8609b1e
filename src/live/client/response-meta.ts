/**
 * @module Reading the API's response metadata: `x-tracking-id`, the `message` text of an error and
 * the `x-ratelimit-*` counters. The server may put them in headers, trailers or both; trailers win.
 */
import type { Metadata } from '@grpc/grpc-js';

/** Rate-limit counters as the server reported them. */
export interface RateLimitInfo {
  /** Requests allowed per window (first number of `x-ratelimit-limit: "600, 600;w=60"`). */
  limit?: number;
  remaining?: number;
  /** Seconds until the window resets. */
  resetSeconds?: number;
}

/** What the client reads from one response's metadata. */
export interface ResponseMeta {
  trackingId?: string;
  /** Human-readable error text (the `message` trailer). */
  message?: string;
  rateLimit: RateLimitInfo;
  /** `x-tlab-venue`: what our emulator says it serves (the real API never sends it). */
  venue?: string;
}

/** Anything with a `get(key)` like grpc-js Metadata or fetch Headers. */
type MetaSource = Pick<Metadata, 'get'> | { get(key: string): string | null };

function first(source: MetaSource | undefined, key: string): string | undefined {
  if (!source) return undefined;
  const v: unknown = source.get(key);
  const one = Array.isArray(v) ? v[0] : v;
  if (one === null || one === undefined) return undefined;
  const s = (Buffer.isBuffer(one) ? one.toString('utf8') : String(one)).trim();
  return s === '' ? undefined : s;
}

function int(text: string | undefined): number | undefined {
  const m = text === undefined ? null : /^\s*(\d+)/.exec(text);
  return m ? Number(m[1]) : undefined;
}

/** Reads tracking id, message and rate-limit counters from headers and/or trailers. */
export function readResponseMeta(...sources: Array<MetaSource | undefined>): ResponseMeta {
  const pick = (key: string) =>
    sources.reduce<string | undefined>((acc, s) => first(s, key) ?? acc, undefined);
  const rateLimit: RateLimitInfo = {};
  const limit = int(pick('x-ratelimit-limit'));
  const remaining = int(pick('x-ratelimit-remaining'));
  const reset = int(pick('x-ratelimit-reset'));
  if (limit !== undefined) rateLimit.limit = limit;
  if (remaining !== undefined) rateLimit.remaining = remaining;
  if (reset !== undefined) rateLimit.resetSeconds = reset;
  const out: ResponseMeta = { rateLimit };
  const trackingId = pick('x-tracking-id');
  const message = pick('message');
  if (trackingId !== undefined) out.trackingId = trackingId;
  if (message !== undefined) out.message = message;
  const venue = pick('x-tlab-venue');
  if (venue !== undefined) out.venue = venue;
  return out;
}
