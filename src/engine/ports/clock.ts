/**
 * @module Port: the only source of "now" for engine and strategy code. A backtest uses a replay
 * clock the kernel moves to each event's time; live runs use the system clock, which moves itself.
 */

/** Current time in epoch ms UTC; never goes backwards. */
export interface Clock {
  now(): number;
  /**
   * Moves the clock to event time `t` (never backwards). Only a replay clock has it: the kernel
   * calls it when present and otherwise reads whatever time the clock says.
   */
  advanceTo?(t: number): void;
  /**
   * Resolves once `now()` has reached `t`. Only a clock that moves by itself (wall time) has it: the
   * kernel then fires a strategy's timers when they fall due while it waits for the feed, instead of
   * at the next candle.
   */
  sleepUntil?(t: number): Promise<void>;
}
