/**
 * @module Errors the engine raises before a run starts. A run never trades across a hole in the
 * data: the missing ranges are listed exactly, and kept structured on the error so the CLI can turn
 * them into the `tlab download` commands that fill them.
 */
import { NotFoundError } from '../core/errors.ts';
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
