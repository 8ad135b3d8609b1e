/**
 * @module Building coarser series from cached 1-minute candles, offline: for archives imported with
 * `tlab data import` there is no API to ask for 1h or 1d candles. Every covered 1-minute range
 * yields the whole target candles inside it (open of the first minute, close of the last, highest
 * high, lowest low, summed volume), and exactly that part is marked covered for the target series.
 * The target records the source `resample:<source of the minutes>`; a target that holds another
 * source (say synthetic hours downloaded from the emulator) is refused, not silently kept, and
 * `force` rebuilds it from scratch.
 */
import { aggregate } from '../core/aggregate.ts';
import type { Interval } from '../core/interval.ts';
import { alignTime, closeTime } from '../core/interval.ts';
import type { TimeRange } from '../core/time.ts';
import type { WriteOrigin } from './source-repo.ts';
import type { CandleStore } from './store.ts';

/** What one resampled series got. */
export interface ResampleResult {
  interval: Interval;
  candles: number;
  /** Target ranges written and marked covered. */
  covered: TimeRange[];
}

/** The part of `r` made of whole candles of `interval`. */
function wholeCandles(interval: Interval, r: TimeRange): TimeRange | undefined {
  const first = alignTime(interval, r.from);
  const from = first === r.from ? first : closeTime(interval, first);
  const to = alignTime(interval, r.to);
  return from < to ? { from, to } : undefined;
}

/** Options of {@link resampleFromMinutes}. */
export interface ResampleOptions {
  /** Remove the target series first and rebuild it whole. */
  force?: boolean;
  /** Write into a target that holds another source (the mix is recorded). */
  allowMixedSources?: boolean;
  /**
   * Which minutes go into the target candles, by open time (default all): `--sessions` keeps only
   * the minutes of the kept sessions, so an hour that straddles a session's end holds its part only.
   */
  keepMinute?: (t: number) => boolean;
}

/** The source label of a series resampled from the instrument's minutes. */
export function resampleLabel(store: CandleStore, uid: string): string {
  const minutes = store.seriesSources(uid, '1m').map((s) => s.source);
  return `resample:${minutes.length ? minutes.join(' + ') : 'unknown'}`;
}

/**
 * Aggregates the instrument's covered 1-minute candles into `interval`, replacing what the target
 * series held in those ranges (one transaction per covered range). Ranges already covered for the
 * target are skipped, so a rerun writes nothing new.
 * @throws MixedSourceError when the target holds another source (before anything is written).
 */
export function resampleFromMinutes(
  store: CandleStore,
  uid: string,
  interval: Interval,
  options: ResampleOptions = {},
): ResampleResult {
  const result: ResampleResult = { interval, candles: 0, covered: [] };
  if (interval === '1m') return result;
  const origin = { source: resampleLabel(store, uid), allowMixed: options.allowMixedSources === true };
  // One transaction, so `force` never leaves a removed target half rebuilt.
  return store.transaction(() => {
    if (options.force) store.removeSeries(uid, interval);
    else store.checkSource(uid, interval, origin);
    for (const minuteRange of store.coveredRanges(uid, '1m'))
      writeRange(store, uid, minuteRange, { origin, keep: options.keepMinute }, result);
    return result;
  });
}

function writeRange(
  store: CandleStore,
  uid: string,
  minuteRange: TimeRange,
  how: { origin: WriteOrigin; keep: ((t: number) => boolean) | undefined },
  result: ResampleResult,
): void {
  const { origin, keep } = how;
  const { interval } = result;
  const whole = wholeCandles(interval, minuteRange);
  if (!whole) return;
  for (const gap of store.missingRanges(uid, interval, whole)) {
    const minutes = store.readCandles(uid, '1m', gap.from, gap.to);
    const candles = aggregate(keep ? minutes.filter((m) => keep(m.time)) : minutes, interval);
    store.upsertCandles(uid, interval, candles, gap, origin);
    result.candles += candles.length;
    result.covered.push(gap);
  }
}
