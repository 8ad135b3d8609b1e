/**
 * @module Errors the engine raises before a run starts. A run never trades across a hole in the
 * data: the missing ranges are listed exactly, and kept structured on the error so the CLI can turn
 * them into the `tlab download` commands that fill them.
 */
import { NotFoundError, UsageError } from '../core/errors.ts';
import { isoUtc, type TimeRange } from '../core/time.ts';
import type { SeriesKey } from './ports/market-data-feed.ts';

/** Ranges one series lacks. */
export interface SeriesGap {
  series: SeriesKey;
  ticker: string;
  ranges: TimeRange[];
}

/** The feed lacks candles the run needs. */
export class MissingDataError extends NotFoundError {
  constructor(readonly gaps: readonly SeriesGap[]) {
    super(
      `the cache lacks candles for ${gaps
        .map((g) => `${g.ticker} ${g.series.interval} ${g.ranges.map(rangeText).join(', ')}`)
        .join('; ')}`,
      'download these ranges into the cache, then run the backtest again',
    );
  }
}

/** `from..to` in ISO 8601 UTC. */
export function rangeText(r: TimeRange): string {
  return `${isoUtc(r.from)}..${isoUtc(r.to)}`;
}

/** The model whose spec is out of range. */
export type ModelName = 'fee' | 'slippage';

/**
 * A fee or slippage spec the engine cannot use, with the offending field, its value and the allowed
 * range as data (so the CLI can name its own flag in the message).
 */
export class ModelSpecError extends UsageError {
  constructor(
    readonly model: ModelName,
    /** Which part of the spec: `rate`, `override for SBER`, `ticks`, `preset`... */
    readonly field: string,
    readonly value: unknown,
    /** What would be accepted, e.g. `a fraction in [0, 0.1)`. */
    readonly allowed: string,
  ) {
    super(`${model} ${field} ${String(value)} is not ${allowed}`, MODEL_HINTS[model]);
  }
}

const MODEL_HINTS: Record<ModelName, string> = {
  fee: 'give the fee as a fraction of traded value, e.g. 0.0005 for 0.05%, or a preset name',
  slippage: 'give slippage as none, a whole number of ticks, or a fraction of the price below 0.5',
};
