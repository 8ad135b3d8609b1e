/**
 * @module The pipeline every unary call of the emulator goes through, in the real API's order and
 * shape: count the call, injected latency and faults, the token check (UNAUTHENTICATED 40003), the
 * per-service or per-method limit (RESOURCE_EXHAUSTED 80002), then the handler. Every answer carries
 * `x-tracking-id` and `x-ratelimit-*` in its headers; errors repeat them in the trailers together
 * with the English `message`, and put the numeric API code in the status details.
 */
import {
  Metadata,
  status,
  type handleUnaryCall,
  type sendUnaryData,
  type ServerUnaryCall,
} from '@grpc/grpc-js';
import { ApiError, apiErrors } from '../api-error.ts';
import { delay, type EmulatorContext } from '../context.ts';
import { bearerToken } from '../policy/auth.ts';
import { rateLimitHeaders, type LimitDecision } from '../policy/rate-limiter.ts';
import { newTrackingId, TRACKING_HEADER, VENUE_HEADER } from '../policy/tracking.ts';
import { dropConnection } from './connection-drop.ts';

/** What a handler gets besides the request. */
export interface CallInfo {
  /** The caller's (already accepted) token; for per-token state, never for output. */
  token: string;
  metadata: Metadata;
  /** The x-tracking-id this call answers with (for ResponseMetadata in bodies). */
  trackingId: string;
  /** Cuts the call's HTTP/2 connection without answering (the lost-acknowledgement fault). */
  dropConnection(): void;
}

/** A handler's body: returns the response or throws an ApiError. */
export type UnaryBody<Req, Res> = (req: Req, info: CallInfo) => Res | Promise<Res>;

function headersOf(
  trackingId: string,
  decision: LimitDecision | undefined,
  venue?: string,
): Metadata {
  const md = new Metadata();
  md.set(TRACKING_HEADER, trackingId);
  if (venue) md.set(VENUE_HEADER, venue);
  if (decision) for (const [k, v] of Object.entries(rateLimitHeaders(decision))) md.set(k, v);
  return md;
}

function fail<Res>(
  call: ServerUnaryCall<unknown, Res>,
  callback: sendUnaryData<Res>,
  headers: Metadata,
  err: ApiError,
): void {
  if (call.cancelled) return;
  call.sendMetadata(headers);
  const trailers = headers.clone();
  trailers.set('message', err.message);
  callback({ code: err.grpcStatus, details: err.code || err.message, metadata: trailers });
}

/** Injected fault for call number `n`, if any. */
function injected(ctx: EmulatorContext, n: number): ApiError | undefined {
  if (ctx.faults.unavailableOnCalls?.includes(n)) return apiErrors.unavailable();
  if (ctx.faults.resourceExhaustedOnCalls?.includes(n)) return apiErrors.rateLimited();
  return undefined;
}

/**
 * Wraps `body` as a grpc-js unary handler of method `method` in service `scope` (the short
 * service name, e.g. `MarketDataService`, which is also the rate-limit scope).
 */
export function unary<Req, Res>(
  ctx: EmulatorContext,
  scope: string,
  method: string,
  body: UnaryBody<Req, Res>,
): handleUnaryCall<Req, Res> {
  const name = `${scope}/${method}`;
  const limitScope = ctx.limiter.scopeOf(scope, method);
  return (call, callback) => {
    const n = ++ctx.stats.unaryCalls;
    ctx.stats.callsByMethod[name] = (ctx.stats.callsByMethod[name] ?? 0) + 1;
    const trackingId = newTrackingId();
    const run = async (): Promise<void> => {
      await delay(ctx.faults.latencyMs);
      const fault = injected(ctx, n);
      if (fault) {
        const limit = ctx.limiter.limitOf(limitScope);
        const forced: LimitDecision = {
          allowed: false,
          limit,
          remaining: 0,
          resetSeconds: 1,
          windowSeconds: Math.max(1, Math.round(ctx.limiter.windowMs / 1000)),
        };
        const exhausted = fault.grpcStatus === status.RESOURCE_EXHAUSTED;
        return fail(
          call,
          callback,
          headersOf(trackingId, exhausted ? forced : undefined, ctx.venue),
          fault,
        );
      }
      const token = bearerToken(call.metadata.get('authorization')[0]?.toString());
      if (!ctx.tokens.accepts(token)) {
        // Counted under an anonymous key so the answer still carries the limit headers.
        const anon = ctx.limiter.take(limitScope, '');
        return fail(
          call,
          callback,
          headersOf(trackingId, anon, ctx.venue),
          apiErrors.unauthenticated(),
        );
      }
      const decision = ctx.limiter.take(limitScope, token);
      const headers = headersOf(trackingId, decision, ctx.venue);
      if (!decision.allowed) {
        ctx.stats.rateLimited++;
        return fail(call, callback, headers, apiErrors.rateLimited());
      }
      try {
        const response = await body(call.request, {
          token,
          metadata: call.metadata,
          trackingId,
          dropConnection: () => dropConnection(call),
        });
        if (call.cancelled) return;
        call.sendMetadata(headers);
        callback(null, response);
      } catch (err) {
        fail(call, callback, headers, err instanceof ApiError ? err : apiErrors.internal(err));
      }
    };
    run().catch((err: unknown) =>
      fail(call, callback, headersOf(trackingId, undefined, ctx.venue), apiErrors.internal(err)),
    );
  };
}
