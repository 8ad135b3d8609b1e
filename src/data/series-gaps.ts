/**
 * @module The classified gaps of one cached series (see gap-classify.ts), read from the cache: the
 * stored candle times, the covered ranges and the instrument's cached schedule. `tlab data ls`
 * shows them per series; `tlab data verify` computes the same while it reads every chunk anyway.
 */
import type { Interval } from '../core/interval.ts';
import { classifyGaps, type GapSummary } from './gap-classify.ts';
import { ScheduleRepo } from './schedule-repo.ts';
import type { CandleStore } from './store.ts';

/** The gaps of the series `uid` at `interval`, or undefined for weeks and months. */
export function seriesGaps(store: CandleStore, uid: string, interval: Interval): GapSummary | undefined {
  if (interval === '1w' || interval === '1M') return undefined;
  const times: number[] = [];
  for (const b of store.readBatches(uid, interval, 0, 1e14))
    for (let i = 0; i < b.length; i++) times.push(b.time[i]);
  const calendar = new ScheduleRepo(store.db).calendarFor(store.getInstrument(uid));
  return classifyGaps(times, interval, store.coveredRanges(uid, interval), calendar);
}
