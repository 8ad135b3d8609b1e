/**
 * @module The indicator factories a strategy reaches through `ctx.indicators`. They are streaming
 * (one `nextValue` per candle, the same code path for history and the live stream) and follow
 * technicalindicators' definitions, but the sum-based ones (SMA, Bollinger, the EMA's seed) are
 * exact on decimal prices where its float running sums are not; anything else from
 * technicalindicators can be used directly, through its own `nextValue`, at its own (slower,
 * allocating) speed.
 */
import { Bollinger } from './bollinger.ts';
import { Ema } from './ema.ts';
import { Highest, Lowest } from './extremes.ts';
import { Rsi } from './rsi.ts';
import { Sma } from './sma.ts';

export { Bollinger, type BollingerValue } from './bollinger.ts';
export { Ema } from './ema.ts';
export { Highest, Lowest } from './extremes.ts';
export { Rsi } from './rsi.ts';
export { Sma } from './sma.ts';
export type { StreamingIndicator } from './types.ts';

/** Factories for the built-in streaming indicators. */
export interface IndicatorFactory {
  sma(period: number): Sma;
  ema(period: number): Ema;
  rsi(period: number): Rsi;
  /** Bollinger bands with `stdDev` standard deviations (default 2). */
  bollinger(period: number, stdDev?: number): Bollinger;
  highest(period: number): Highest;
  lowest(period: number): Lowest;
}

/** The factory object the engine hands to strategies. */
export const indicators: IndicatorFactory = {
  sma: (period) => new Sma(period),
  ema: (period) => new Ema(period),
  rsi: (period) => new Rsi(period),
  bollinger: (period, stdDev = 2) => new Bollinger(period, stdDev),
  highest: (period) => new Highest(period),
  lowest: (period) => new Lowest(period),
};
