/**
 * @module grpc-js client interceptors shared by every stub on the channel: credentials and app name
 * on each call, per-method deadlines on unary calls, and one log line per call with its tracking id.
 */
import { InterceptingCall, status, type Interceptor, type Metadata } from '@grpc/grpc-js';
import { deadlineFor, splitPath, type DeadlineOptions } from './deadlines.ts';
import type { ClientLogger } from './logger.ts';
import { readResponseMeta } from './response-meta.ts';

/** Adds `authorization: Bearer <token>` and `x-app-name` to every call. */
export function authInterceptor(token: string, appName: string): Interceptor {
  return (options, nextCall) =>
    new InterceptingCall(nextCall(options), {
      start(metadata, listener, next) {
        metadata.set('authorization', `Bearer ${token}`);
        metadata.set('x-app-name', appName);
        next(metadata, listener);
      },
    });
}

/** Gives unary calls without an explicit deadline the per-method default; streams get none. */
export function deadlineInterceptor(deadlines: DeadlineOptions, now: () => number): Interceptor {
  return (options, nextCall) => {
    const def = options.method_definition;
    if (def.requestStream || def.responseStream || options.deadline !== undefined) {
      return new InterceptingCall(nextCall(options));
    }
    const { method } = splitPath(def.path);
    return new InterceptingCall(
      nextCall({ ...options, deadline: now() + deadlineFor(method, deadlines) }),
    );
  };
}

/** Logs every finished call with its status and `x-tracking-id` (debug on success, warn on error). */
export function trackingInterceptor(log: ClientLogger, now: () => number): Interceptor {
  return (options, nextCall) => {
    const { service, method } = splitPath(options.method_definition.path);
    const started = now();
    let headers: Metadata | undefined;
    return new InterceptingCall(nextCall(options), {
      start(metadata, listener, next) {
        next(metadata, {
          onReceiveMetadata(md, pass) {
            headers = md;
            pass(md);
          },
          onReceiveStatus(st, pass) {
            const meta = readResponseMeta(headers, st.metadata);
            const fields = {
              method: `${service}/${method}`,
              status: status[st.code] ?? String(st.code),
              trackingId: meta.trackingId,
              ms: now() - started,
              remaining: meta.rateLimit.remaining,
            };
            if (st.code === status.OK) log.debug(`${service}/${method} ok`, fields);
            else log.warn(`${service}/${method} ${fields.status} ${st.details}`, fields);
            pass(st);
          },
        });
      },
    });
  };
}
