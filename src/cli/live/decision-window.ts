/**
 * @module When a live run trades: the decision period starts at the open of the candle forming at
 * the venue's "now" on the finest interval, the candles of the warm-up before it only feed the
 * strategy's history and indicators (orders are refused until the start), and it ends at `--until`
 * or after `--for` on the venue's clock, or never. A backtest with the same window (warm-up from,
 * trade from, to) makes the same decisions, which is what parity compares.
 */
import { UsageError } from '../../core/errors.ts';
import { alignTime, byIntervalLength, type Interval } from '../../core/interval.ts';
import { isoUtc } from '../../core/time.ts';

/** The three instants of a live run (epoch ms UTC on the venue's clock). */
export interface DecisionWindow {
  /** First candle read (open time): the warm-up starts here. */
  warmFrom: number;
  /** Open time of the first candle the strategy may trade on. */
  tradeFrom: number;
  /** End of the run, exclusive (Infinity: until stopped). */
  to: number;
}

/** What the window is computed from. */
export interface WindowInput {
  venueNow: number;
  intervals: readonly Interval[];
  warmupMs: number;
  until?: number;
  forMs?: number;
}

/** Computes the window; refuses an end that is not after the start. */
export function decisionWindow(w: WindowInput): DecisionWindow {
  const finest = [...w.intervals].sort(byIntervalLength)[0];
  const tradeFrom = alignTime(finest, w.venueNow);
  const ends = [w.until ?? Infinity, w.forMs === undefined ? Infinity : tradeFrom + w.forMs];
  const to = Math.min(...ends);
  if (!(to > tradeFrom)) {
    throw new UsageError(
      `the run would end at ${isoUtc(to)}, before it starts at ${isoUtc(tradeFrom)}`,
      'give an --until after the venue time now, or a positive --for',
    );
  }
  return { warmFrom: tradeFrom - w.warmupMs, tradeFrom, to };
}
