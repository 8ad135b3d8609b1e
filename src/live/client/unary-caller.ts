/**
 * @module One unary call through every client policy, outermost first: retry → circuit breaker →
 * the service's rate limiter → the gRPC call on the shared channel. Any method of the generated
 * service definitions can be called, fully typed, e.g. `call(SandboxServiceService.sandboxPayIn, req)`.
 */
import { Metadata, type CallOptions, type Client, type ServiceError } from '@grpc/grpc-js';
import { BrokenCircuitError, type CircuitBreakerPolicy, type RetryPolicy } from 'cockatiel';
import { status } from '@grpc/grpc-js';
import { TinkoffApiError, toTinkoffApiError } from './api-error.ts';
import { explainConnectionFailure } from './connection-cause.ts';
import { splitPath } from './deadlines.ts';
import type { ClientLogger } from './logger.ts';
import type { Redactor } from './redact.ts';
import { readResponseMeta } from './response-meta.ts';
import { isEndpointFailure } from './policies.ts';
import type { LimiterSet } from './service-limiter.ts';

/** The parts of a generated unary method definition the caller needs. */
export interface UnaryDefinition<Req, Res> {
  path: string;
  requestStream: false;
  responseStream: false;
  requestSerialize(value: Req): Buffer;
  responseDeserialize(value: Buffer): Res;
}

/** Per-call settings. */
export interface UnaryCallOptions {
  /** Overrides the method's default deadline, in ms from now. */
  deadlineMs?: number;
}

/** Counters of what the caller did. */
export interface CallStats {
  calls: number;
  attempts: number;
  retries: number;
  rateLimited: number;
  failures: number;
}

/** Everything a UnaryCaller uses. */
export interface UnaryCallerDeps {
  client: Client;
  limiters: LimiterSet;
  retry: RetryPolicy;
  breaker: CircuitBreakerPolicy;
  halfOpenAfterMs: number;
  logger: ClientLogger;
  redact: Redactor;
  sandbox: boolean;
  target: string;
}

/** Writes change state on the server; repeating them after a timeout is not safe. */
export function isIdempotent(method: string): boolean {
  return !/^(Post|Cancel|Open|Close|Replace|SandboxPayIn)/.test(method);
}

/** Runs unary calls through the policies. */
export class UnaryCaller {
  readonly stats: CallStats = { calls: 0, attempts: 0, retries: 0, rateLimited: 0, failures: 0 };
  /** The last failure that counted against the breaker: its cause leads the circuit-open error. */
  private lastEndpointFailure: TinkoffApiError | undefined;

  constructor(private readonly deps: UnaryCallerDeps) {
    deps.retry.onRetry((r) => {
      this.stats.retries++;
      const err = 'error' in r ? r.error : undefined;
      const what = err instanceof TinkoffApiError ? err.message : 'unknown failure';
      deps.logger.warn(`retrying after ${Math.round(r.delay)} ms: ${what}`, { attempt: r.attempt });
    });
    deps.breaker.onBreak(() => deps.logger.warn(`circuit open for ${deps.target}`));
    deps.breaker.onReset(() => deps.logger.debug(`circuit closed for ${deps.target}`));
  }

  /** Calls one unary method and returns its response. Throws TinkoffApiError. */
  async call<Req, Res>(
    def: UnaryDefinition<Req, Res>,
    request: Req,
    options: UnaryCallOptions = {},
  ): Promise<Res> {
    const { service, method } = splitPath(def.path);
    this.stats.calls++;
    try {
      return await this.deps.retry.execute(() =>
        this.deps.breaker.execute(() =>
          this.deps.limiters.for(service).schedule(() => this.once(def, request, options)),
        ),
      );
    } catch (err) {
      this.stats.failures++;
      if (err instanceof BrokenCircuitError) throw this.circuitOpenError(`${service}/${method}`);
      throw err;
    }
  }

  private once<Req, Res>(
    def: UnaryDefinition<Req, Res>,
    request: Req,
    options: UnaryCallOptions,
  ): Promise<Res> {
    const { service, method } = splitPath(def.path);
    const limiter = this.deps.limiters.for(service);
    const callOptions: CallOptions = {};
    if (options.deadlineMs !== undefined) callOptions.deadline = Date.now() + options.deadlineMs;
    this.stats.attempts++;
    return new Promise<Res>((resolve, reject) => {
      let headers: Metadata | undefined;
      const call = this.deps.client.makeUnaryRequest(
        def.path,
        (v: Req) => def.requestSerialize(v),
        (b: Buffer) => def.responseDeserialize(b),
        request,
        new Metadata(),
        callOptions,
        (err: ServiceError | null, res?: Res) => {
          if (!err) return resolve(res as Res);
          const meta = readResponseMeta(headers, err.metadata);
          limiter.observe(meta.rateLimit);
          const raw = toTinkoffApiError(err, {
            method: `${service}/${method}`,
            idempotent: isIdempotent(method),
            sandbox: this.deps.sandbox,
            meta,
            redact: this.deps.redact,
          });
          const e = explainConnectionFailure(raw, this.deps.target);
          if (isEndpointFailure(e)) this.lastEndpointFailure = e;
          if (e.rateLimited) {
            this.stats.rateLimited++;
            const waitMs = (e.rateLimit.resetSeconds ?? 5) * 1000;
            this.deps.logger.warn(`${service} rate limited; waiting ${waitMs} ms for the reset`, {
              trackingId: e.trackingId,
              waitMs,
            });
            limiter.pause(waitMs);
          }
          reject(e);
        },
      );
      call.on('metadata', (md: Metadata) => {
        headers = md;
        limiter.observe(readResponseMeta(md).rateLimit);
      });
    });
  }

  private circuitOpenError(method: string): TinkoffApiError {
    const secs = Math.round(this.deps.halfOpenAfterMs / 1000);
    const last = this.lastEndpointFailure;
    // The cause first (what the last real attempt ran into), then what the breaker did about it.
    const cause = last ? last.message.replace(/^\S+ failed: /, '') : 'repeated failures';
    return new TinkoffApiError(
      `${method} failed: ${cause}; circuit open: calls to ${this.deps.target} paused, a probe goes through after ${secs} s`,
      last?.hint ??
        'check the network and the endpoint (TINVEST_ENDPOINT); the service may be down',
      {
        fix: 'check-endpoint',
        method,
        grpcCode: status.UNAVAILABLE,
        grpcName: 'UNAVAILABLE',
        rateLimit: {},
        retryable: false,
        circuitOpen: true,
      },
    );
  }
}
