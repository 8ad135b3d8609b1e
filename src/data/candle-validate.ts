/**
 * @module The checks every candle passes before it is stored: finite numbers, an open time on the
 * interval's grid, OHLC relations. Off-tick prices are deliberately not checked here: real archives
 * contain them, so they are kept and counted by `data verify` instead.
 */
import { type Candle, isOhlcValid } from '../core/candle.ts';
import { DataIntegrityError } from '../core/errors.ts';
import { alignTime, type Interval } from '../core/interval.ts';
import { isoUtc } from '../core/time.ts';

const LOOSE_GRID: ReadonlySet<Interval> = new Set(['1d', '1w', '1M']);

/** Why a candle is invalid, or undefined when it is fine. */
export function candleProblem(interval: Interval, c: Candle): string | undefined {
  for (const key of ['time', 'open', 'high', 'low', 'close', 'volume'] as const)
    if (!Number.isFinite(c[key])) return `${key} is ${String(c[key])}, not a finite number`;
  // Day, week and month candles are stamped at the session's start by the real API (e.g. 07:00
  // UTC), not at midnight, so only intraday candles must sit exactly on the grid.
  if (!LOOSE_GRID.has(interval) && alignTime(interval, c.time) !== c.time)
    return `open time is not on the ${interval} grid`;
  if (!isOhlcValid(c))
    return `OHLC rules broken (open ${c.open}, high ${c.high}, low ${c.low}, close ${c.close}, volume ${c.volume})`;
  return undefined;
}

/** Human-readable instant for messages, tolerant of a broken time value. */
export function describeTime(t: number): string {
  return Number.isFinite(t) && Math.abs(t) < 8.64e15 ? isoUtc(t) : String(t);
}

/**
 * Throws on the first invalid candle, naming the series and the candle's time.
 * @throws DataIntegrityError
 */
export function assertCandlesValid(
  uid: string,
  interval: Interval,
  candles: readonly Candle[],
): void {
  for (const c of candles) {
    const problem = candleProblem(interval, c);
    if (problem)
      throw new DataIntegrityError(
        `invalid ${interval} candle of ${uid} at ${describeTime(c.time)}: ${problem}`,
        'the source sent a broken candle; nothing of this write was stored',
      );
  }
}
