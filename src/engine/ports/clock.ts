/**
 * @module Port: the only source of "now" for engine and strategy code. A backtest uses a replay
 * clock the engine advances to each event's time; live runs use the system clock.
 */

/** Current time in epoch ms UTC. */
export interface Clock {
  now(): number;
}
