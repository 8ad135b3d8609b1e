/**
 * @module Per-minute request limits as the T-Invest API counts them: one counter per service (or the
 * archive) per token, except the methods with a limit of their own (PostOrder, CancelOrder, ...),
 * which count in a scope `Service/Method` and not in their service's; fixed windows open with the
 * first request and last `windowMs` (a minute in production; tests scale it down). Produces the
 * `x-ratelimit-*` header values.
 */
import { API_LIMITS_PER_MINUTE, API_METHOD_LIMITS_PER_MINUTE } from '../../core/api-limits.ts';

/** The real per-minute limits of the services (and the history archive) the emulator can serve. */
export const DEFAULT_LIMITS: Readonly<Record<string, number>> = API_LIMITS_PER_MINUTE;

/** The real per-minute limits of the methods counted on their own, keyed `Service/Method`. */
export const DEFAULT_METHOD_LIMITS: Readonly<Record<string, number>> = API_METHOD_LIMITS_PER_MINUTE;

/** Limit used for a scope missing from the table. */
const FALLBACK_LIMIT = 200;

/** Outcome of counting one request. */
export interface LimitDecision {
  allowed: boolean;
  limit: number;
  /** Requests left in the current window after this one. */
  remaining: number;
  /** Whole seconds until the window resets (at least 1). */
  resetSeconds: number;
  windowSeconds: number;
}

/** Options of a RateLimiter. */
export interface RateLimiterOptions {
  enabled?: boolean;
  windowMs?: number;
  perService?: Partial<Record<string, number>>;
  /** Method limits (`OrdersService/PostOrder`), over DEFAULT_METHOD_LIMITS; 0 counts it in its service. */
  perMethod?: Partial<Record<string, number>>;
  /** Wall clock in ms (default Date.now). */
  clock?: () => number;
}

interface Window {
  start: number;
  count: number;
}

/** Counts requests per (scope, token) and decides whether each one may pass. */
export class RateLimiter {
  readonly enabled: boolean;
  readonly windowMs: number;
  private readonly limits: Record<string, number>;
  private readonly methodLimits = new Map<string, number>();
  private readonly clock: () => number;
  private readonly windows = new Map<string, Window>();

  constructor(options: RateLimiterOptions = {}) {
    this.enabled = options.enabled ?? true;
    this.windowMs = options.windowMs ?? 60_000;
    this.clock = options.clock ?? Date.now;
    const limits: Record<string, number> = { ...DEFAULT_LIMITS };
    for (const [k, v] of Object.entries(options.perService ?? {}))
      if (v !== undefined) limits[k] = v;
    this.limits = limits;
    const methods = { ...DEFAULT_METHOD_LIMITS, ...options.perMethod };
    for (const [k, v] of Object.entries(methods)) if (v) this.methodLimits.set(k, v);
  }

  /** The scope a call of `service`/`method` counts in: the method's own, else the service. */
  scopeOf(service: string, method: string): string {
    const own = `${service}/${method}`;
    return this.methodLimits.has(own) ? own : service;
  }

  /** The methods counted on their own (`Service/Method`) and their limits. */
  methodScopes(): ReadonlyMap<string, number> {
    return this.methodLimits;
  }

  /** The limit of a scope. */
  limitOf(scope: string): number {
    return this.methodLimits.get(scope) ?? this.limits[scope] ?? FALLBACK_LIMIT;
  }

  /** Counts one request of `token` against `scope` and says whether it is allowed. */
  take(scope: string, token: string): LimitDecision {
    const now = this.clock();
    const limit = this.limitOf(scope);
    const key = `${scope}\u0000${token}`;
    let w = this.windows.get(key);
    if (!w || now >= w.start + this.windowMs) {
      w = { start: now, count: 0 };
      this.windows.set(key, w);
    }
    const allowed = !this.enabled || w.count < limit;
    if (allowed && this.enabled) w.count++;
    return {
      allowed,
      limit,
      remaining: this.enabled ? Math.max(0, limit - w.count) : limit,
      resetSeconds: Math.max(1, Math.ceil((w.start + this.windowMs - now) / 1000)),
      windowSeconds: Math.max(1, Math.round(this.windowMs / 1000)),
    };
  }
}

/** The `x-ratelimit-*` headers for a decision, in the format the real API sends. */
export function rateLimitHeaders(d: LimitDecision): Record<string, string> {
  return {
    'x-ratelimit-limit': `${d.limit}, ${d.limit};w=${d.windowSeconds}`,
    'x-ratelimit-remaining': String(d.remaining),
    'x-ratelimit-reset': String(d.resetSeconds),
  };
}
