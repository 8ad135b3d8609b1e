/**
 * @module Per-method call deadlines. The API documents minimum deadlines; the defaults here are
 * several times larger because a full GetCandles window or the whole Shares list takes longer than
 * the minimum on a slow link, and a deadline that is too short turns a slow answer into a retry.
 */

/** Documented minimum deadlines in ms (reference §3 "Recommended client deadlines"). */
export const DOCUMENTED_MIN_DEADLINE_MS: Readonly<Record<string, number>> = {
  GetCandles: 500,
  GetLastPrices: 500,
  GetOrderBook: 500,
  GetInstrumentBy: 300,
  ShareBy: 300,
  Shares: 500,
  TradingSchedules: 300,
  PostOrder: 1500,
  CancelOrder: 1500,
  GetOrderState: 300,
  GetOrders: 500,
  GetPortfolio: 1500,
  GetOperations: 1500,
  GetPositions: 1000,
  GetSandboxPortfolio: 2000,
  GetSandboxPositions: 2000,
  GetSandboxOperations: 2000,
};

/** Default deadline for unary methods not listed in DEFAULT_DEADLINE_MS. */
export const DEFAULT_UNARY_DEADLINE_MS = 15_000;

/** Defaults that differ from DEFAULT_UNARY_DEADLINE_MS. */
export const DEFAULT_DEADLINE_MS: Readonly<Record<string, number>> = {
  // The full share list is several MiB.
  Shares: 60_000,
  FindInstrument: 20_000,
  GetCandles: 20_000,
};

/** Deadline settings: one default and per-method overrides (method names as in the contract). */
export interface DeadlineOptions {
  defaultMs?: number;
  perMethod?: Record<string, number>;
}

/** Deadline in ms for a method name such as `GetCandles`. */
export function deadlineFor(method: string, options: DeadlineOptions = {}): number {
  return (
    options.perMethod?.[method] ??
    (options.defaultMs === undefined ? DEFAULT_DEADLINE_MS[method] : undefined) ??
    options.defaultMs ??
    DEFAULT_UNARY_DEADLINE_MS
  );
}

/** Splits a gRPC path `/pkg.Service/Method` into the bare service and method names. */
export function splitPath(path: string): { service: string; method: string } {
  const m = /^\/(?:[\w.]*\.)?(\w+)\/(\w+)$/.exec(path);
  return m ? { service: m[1], method: m[2] } : { service: 'unknown', method: path };
}
