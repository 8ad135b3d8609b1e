/**
 * @module GetCandles' request rules from the contract's CandleInterval table: the longest window per
 * interval (INVALID_ARGUMENT 30014 beyond it) and the most candles `limit` may ask for.
 */
import type { Interval } from '../../core/interval.ts';

const DAY = 86_400_000;

/** A window length: fixed milliseconds or whole calendar months (months and years vary). */
type Span = { ms: number } | { months: number };

const RULES: Record<Interval, { window: Span; maxLimit: number }> = {
  '1m': { window: { ms: DAY }, maxLimit: 2400 },
  '2m': { window: { ms: DAY }, maxLimit: 1200 },
  '3m': { window: { ms: DAY }, maxLimit: 750 },
  '5m': { window: { ms: 7 * DAY }, maxLimit: 2400 },
  '10m': { window: { ms: 7 * DAY }, maxLimit: 1200 },
  '15m': { window: { ms: 21 * DAY }, maxLimit: 2400 },
  '30m': { window: { ms: 21 * DAY }, maxLimit: 1200 },
  '1h': { window: { months: 3 }, maxLimit: 2400 },
  '2h': { window: { months: 3 }, maxLimit: 2400 },
  '4h': { window: { months: 3 }, maxLimit: 700 },
  '1d': { window: { months: 6 * 12 }, maxLimit: 2400 },
  '1w': { window: { months: 5 * 12 }, maxLimit: 300 },
  '1M': { window: { months: 10 * 12 }, maxLimit: 120 },
};

function shiftMonths(t: number, months: number): number {
  const d = new Date(t);
  return Date.UTC(
    d.getUTCFullYear(),
    d.getUTCMonth() + months,
    d.getUTCDate(),
    d.getUTCHours(),
    d.getUTCMinutes(),
    d.getUTCSeconds(),
    d.getUTCMilliseconds(),
  );
}

/** The latest `to` a request starting at `from` may use. */
export function windowEnd(interval: Interval, from: number): number {
  const w = RULES[interval].window;
  return 'ms' in w ? from + w.ms : shiftMonths(from, w.months);
}

/** The earliest `from` a request ending at `to` may use. */
export function windowStart(interval: Interval, to: number): number {
  const w = RULES[interval].window;
  return 'ms' in w ? to - w.ms : shiftMonths(to, -w.months);
}

/** The most candles one response may carry for `interval`. */
export function maxLimit(interval: Interval): number {
  return RULES[interval].maxLimit;
}
