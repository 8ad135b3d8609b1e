/**
 * @module The candle a strategy receives in `onCandle`. For speed the engine keeps one such object per
 * subscribed series and overwrites it for every candle of that series: read it during the call, and
 * copy what you want to keep (`toCandle()`), never store the object itself.
 */
import type { Candle } from '../core/candle.ts';
import type { Interval } from '../core/interval.ts';

/** A closed candle of one subscribed series, as delivered to a strategy (a reused, mutable view). */
export class CandleEvent implements Candle {
  /** Open time, epoch ms UTC, as the API stamps candles. */
  time = 0;
  open = 0;
  high = 0;
  low = 0;
  close = 0;
  /** Volume in lots. */
  volume = 0;
  /** Exclusive end of the candle: the instant it closed and was delivered. */
  closeTime = 0;

  constructor(
    /** Instrument uid of the series. */
    readonly instrumentUid: string,
    /** Ticker of the instrument, for readable strategy code. */
    readonly ticker: string,
    readonly interval: Interval,
    /** Index of the series in the run's subscription list. */
    readonly series: number,
    /** Index of the instrument in the run's instrument list. */
    readonly slot = 0,
  ) {}

  /** A plain copy of the candle's values, safe to keep. */
  toCandle(): Candle {
    return {
      time: this.time,
      open: this.open,
      high: this.high,
      low: this.low,
      close: this.close,
      volume: this.volume,
    };
  }
}
