/**
 * @module Client-side request pacing per service (bottleneck). Requests are spaced evenly at
 * window·(1+safety)/limit, so any window of the server's length holds fewer requests than its limit
 * wherever that window starts, while the long-run rate stays near the limit (≈0.97 of it). The
 * server's own counters adjust the pace: `remaining=0` or RESOURCE_EXHAUSTED pause the service until
 * the reported reset, and a remaining budget smaller than our pace would spend slows us down.
 */
import { API_LIMITS_PER_MINUTE } from '../../core/api-limits.ts';
import Bottleneck from 'bottleneck';
import type { RateLimitInfo } from './response-meta.ts';

/** Documented per-minute unary limits per service. */
export const DEFAULT_SERVICE_LIMITS: Readonly<Record<string, number>> = API_LIMITS_PER_MINUTE;

/** Limit for services missing from the table. */
const FALLBACK_LIMIT = 100;

/** Rate-limit settings shared by all services of a client. */
export interface RateLimitOptions {
  /** Length of the limit window in ms (60 000 as the API counts; tests scale it down). */
  windowMs?: number;
  /** Requests per window per service, overriding DEFAULT_SERVICE_LIMITS. */
  perService?: Partial<Record<string, number>>;
  /** Extra spacing as a fraction (default 0.03) that absorbs network jitter. */
  safety?: number;
  /** Calls of one service in flight at once (default 8). */
  maxConcurrent?: number;
  /** False disables pacing (the server's answers are still honoured). */
  enabled?: boolean;
}

/** Paces the calls of one service. */
export class ServiceLimiter {
  readonly limit: number;
  private readonly windowMs: number;
  private readonly safety: number;
  private readonly enabled: boolean;
  private readonly bottleneck: Bottleneck;
  private spacing: number;
  private pauseTimer: NodeJS.Timeout | undefined;
  private slowTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly service: string,
    options: RateLimitOptions = {},
  ) {
    this.limit = options.perService?.[service] ?? DEFAULT_SERVICE_LIMITS[service] ?? FALLBACK_LIMIT;
    this.windowMs = options.windowMs ?? 60_000;
    this.safety = options.safety ?? 0.03;
    this.enabled = options.enabled ?? true;
    this.spacing = this.baseSpacing(this.limit);
    this.bottleneck = new Bottleneck({
      maxConcurrent: options.maxConcurrent ?? 8,
      minTime: this.enabled ? this.spacing : 0,
    });
  }

  private baseSpacing(limit: number): number {
    return (this.windowMs * (1 + this.safety)) / Math.max(1, limit);
  }

  /** Runs `fn` when the pace allows. */
  schedule<T>(fn: () => Promise<T>): Promise<T> {
    return this.bottleneck.schedule(fn);
  }

  /** Adjusts the pace to what the server reports after a response. */
  observe(rl: RateLimitInfo): void {
    if (rl.limit !== undefined && rl.limit > 0 && rl.limit < this.limit && this.enabled) {
      const spacing = this.baseSpacing(rl.limit);
      if (spacing > this.spacing) {
        this.spacing = spacing;
        void this.bottleneck.updateSettings({ minTime: spacing });
      }
    }
    if (rl.remaining === undefined || rl.resetSeconds === undefined) return;
    if (rl.remaining <= 0) {
      this.pause(rl.resetSeconds * 1000);
      return;
    }
    // Reset is rounded up to whole seconds, so the lower bound (reset - 1 s) avoids slowing down
    // needlessly on our own traffic; only a budget drained by someone else triggers this.
    const needed = ((rl.resetSeconds - 1) * 1000) / rl.remaining;
    if (this.enabled && needed > this.spacing * 1.5) this.slowDown(needed, rl.resetSeconds * 1000);
  }

  /** Holds every call of this service for `ms` (after RESOURCE_EXHAUSTED or remaining=0). */
  pause(ms: number): void {
    if (this.pauseTimer) clearTimeout(this.pauseTimer);
    void this.bottleneck.updateSettings({ reservoir: 0 });
    this.pauseTimer = setTimeout(() => {
      this.pauseTimer = undefined;
      void this.bottleneck.updateSettings({ reservoir: null });
    }, ms);
  }

  private slowDown(spacing: number, forMs: number): void {
    if (this.slowTimer) clearTimeout(this.slowTimer);
    void this.bottleneck.updateSettings({ minTime: spacing });
    this.slowTimer = setTimeout(() => {
      this.slowTimer = undefined;
      void this.bottleneck.updateSettings({ minTime: this.spacing });
    }, forMs);
  }

  /** Stops pacing; queued calls are dropped. */
  async stop(): Promise<void> {
    if (this.pauseTimer) clearTimeout(this.pauseTimer);
    if (this.slowTimer) clearTimeout(this.slowTimer);
    await this.bottleneck.stop({ dropWaitingJobs: true }).catch(() => undefined);
  }
}

/** One limiter per service, created on first use. */
export class LimiterSet {
  private readonly limiters = new Map<string, ServiceLimiter>();
  constructor(private readonly options: RateLimitOptions = {}) {}

  /** The limiter of a service. */
  for(service: string): ServiceLimiter {
    let l = this.limiters.get(service);
    if (!l) {
      l = new ServiceLimiter(service, this.options);
      this.limiters.set(service, l);
    }
    return l;
  }

  /** Stops every limiter. */
  async stop(): Promise<void> {
    await Promise.all([...this.limiters.values()].map((l) => l.stop()));
  }
}
