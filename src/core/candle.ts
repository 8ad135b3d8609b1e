/**
 * @module Candle value types: one candle as an object, and a columnar batch of candles (typed arrays)
 * for the hot read path of backtests.
 */

/**
 * One OHLCV candle. `time` is the open time in epoch ms UTC, as the API stamps it; prices are per
 * one unit of the instrument (not per lot); `volume` is in lots.
 */
export interface Candle {
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

/**
 * A run of candles of one series in columnar form, oldest first. Only the first `length` slots of
 * each array are valid (arrays may be reused or be views into a larger buffer).
 */
export interface CandleBatch {
  length: number;
  time: Float64Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
}

/** Allocates an empty batch with room for `capacity` candles. */
export function createCandleBatch(capacity: number): CandleBatch {
  return {
    length: 0,
    time: new Float64Array(capacity),
    open: new Float64Array(capacity),
    high: new Float64Array(capacity),
    low: new Float64Array(capacity),
    close: new Float64Array(capacity),
    volume: new Float64Array(capacity),
  };
}

/** The six value columns of a batch, without its length (ring buffers hold these too). */
export type CandleColumns = Record<keyof Candle, Float64Array>;

/** Copies candle `i` of a batch into a plain object (allocates; keep off per-candle hot paths). */
export function candleAt(batch: CandleColumns, i: number): Candle {
  return {
    time: batch.time[i],
    open: batch.open[i],
    high: batch.high[i],
    low: batch.low[i],
    close: batch.close[i],
    volume: batch.volume[i],
  };
}

/** Builds a batch from candle objects (tests, small fixtures, live single-candle events). */
export function batchFromCandles(candles: readonly Candle[]): CandleBatch {
  const b = createCandleBatch(candles.length);
  candles.forEach((c, i) => {
    b.time[i] = c.time;
    b.open[i] = c.open;
    b.high[i] = c.high;
    b.low[i] = c.low;
    b.close[i] = c.close;
    b.volume[i] = c.volume;
  });
  b.length = candles.length;
  return b;
}

/** True when the candle's OHLC relations hold (high is the top, low the bottom, all positive). */
export function isOhlcValid(c: Candle): boolean {
  return (
    c.low > 0 &&
    c.high >= c.open &&
    c.high >= c.close &&
    c.low <= c.open &&
    c.low <= c.close &&
    c.volume >= 0
  );
}
