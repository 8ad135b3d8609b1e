/**
 * @module Port: where the emulator gets its market from. The built-in synthetic market implements it,
 * and so can a cache file; the emulator builds every interval other than 1 minute by aggregation.
 */
import type { Candle } from '../../core/candle.ts';
import type { Instrument } from '../../core/instrument.ts';

/** Instruments and their 1-minute candles, independent of any wall clock. */
export interface MarketSource {
  /** Every instrument this source has, in a stable order. */
  instruments(): Instrument[];
  /**
   * 1-minute candles of instrument `uid` with open time in [from, to) (epoch ms UTC), oldest first.
   * An unknown uid yields an empty list. The source does not know "now": the emulator cuts the
   * future off itself.
   */
  minuteCandles(uid: string, from: number, to: number): Candle[];
}
