/**
 * @module The start every research command shares: find the study's instruments in the cache,
 * build its spec with the range clipped to closed candles, let the command check the spec, and read
 * the candles into shared memory once; the cache is closed on every path before any run starts.
 */
import type { Interval } from '../core/interval.ts';
import type { SharedSeries } from '../research/shared-candles.ts';
import { loadSharedSeries } from '../research/load-series.ts';
import type { StudySpec } from '../research/study.ts';
import { closedRange, findCachedInstruments } from './backtest-run.ts';
import { RunSessions } from '../data/session-feed.ts';
import { openCliStore } from './options/db.ts';
import { studySpec, type parseStudyArgs, type StudyArgs } from './options/study.ts';

/** The study spec and its candles in shared memory. */
export function prepareStudy(
  p: ReturnType<typeof parseStudyArgs>,
  args: StudyArgs,
  now: number,
  check: (spec: StudySpec) => void = () => {},
): { spec: StudySpec; series: SharedSeries[] } {
  const store = openCliStore(args.db, { mustExist: true });
  try {
    const o = p.opts;
    const instruments = findCachedInstruments(store, o.instrument, o.interval, o.range);
    const spec = studySpec(p, instruments, args);
    spec.template.range = closedRange(spec.template.range, spec.template.intervals, now);
    check(spec);
    const t = spec.template;
    const selection = o.sessions;
    if (selection === 'all')
      return { spec, series: loadSharedSeries(store, t.instruments, t.intervals, t.range) };
    // The same candles `tlab backtest --sessions` keeps, so a study's best equals that backtest.
    const sessions = new RunSessions(store, t.instruments, selection);
    const keep = (uid: string, interval: Interval) => sessions.keepTest(uid, interval);
    // No notice here: a study's stderr stays its progress and errors (tlab backtest says it).
    return { spec, series: loadSharedSeries(store, t.instruments, t.intervals, t.range, keep) };
  } finally {
    store.close();
  }
}
