/**
 * @module Every gap of a series, classified. A gap is a run of candle slots (whole candles of the
 * series' interval, from the first covered or stored instant to the last) that hold no candle. Each
 * empty slot is one of:
 * - `closed`: the exchange was closed by its schedule (no session of any kind meets the slot: a
 *   night, a weekend without a weekend session, a holiday in the cached schedule);
 * - `noTrades`: inside a session and inside a covered (fetched and verified) range: the venue was
 *   asked and had no trade, normal for a quiet minute;
 * - `missingData`: inside a session but never fetched: a hole to fill with tlab download or import.
 * Consecutive slots of one class form one gap. Series of a week or a month are not classified.
 */
import type { Interval } from '../core/interval.ts';
import { alignTime, intervalMs } from '../core/interval.ts';
import type { SessionCalendar } from '../core/session-calendar.ts';
import type { TimeRange } from '../core/time.ts';
import { insideRanges } from './time-ranges.ts';

/** What a gap is. */
export type GapClass = 'closed' | 'noTrades' | 'missingData';

/** Gaps of one class: how many runs and how many empty candle slots in all. */
export interface GapCount {
  gaps: number;
  slots: number;
}

/** One gap, [from, to) epoch ms. */
export interface ClassifiedGap extends TimeRange {
  kind: GapClass;
}

/** The classified gaps of one series. */
export interface GapSummary {
  closed: GapCount;
  noTrades: GapCount;
  missingData: GapCount;
  /** The first few gaps that are not closed by the schedule, oldest first (missing data first). */
  samples: ClassifiedGap[];
  /** Days whose sessions came from the standard day because no schedule was cached. */
  standardDays: number;
}

const SAMPLES = 5;
const CLASSES: readonly GapClass[] = ['closed', 'noTrades', 'missingData'];

/**
 * Classifies the empty slots of a series with candles at `times` (sorted open times), covered
 * ranges `covered` (merged) and the exchange's calendar; undefined for intervals of a week or more.
 */
export function classifyGaps(
  times: ArrayLike<number>,
  interval: Interval,
  covered: readonly TimeRange[],
  calendar: SessionCalendar,
): GapSummary | undefined {
  const ms = intervalMs(interval);
  if (ms === undefined || interval === '1w') return undefined;
  const before = calendar.fallbackDays;
  const counts = Object.fromEntries(CLASSES.map((c) => [c, { gaps: 0, slots: 0 }])) as Record<GapClass, GapCount>;
  const gaps: ClassifiedGap[] = [];
  const starts = [covered[0]?.from, times.length ? times[0] : undefined].filter((t) => t !== undefined);
  const ends = [covered.at(-1)?.to, times.length ? times[times.length - 1] + ms : undefined].filter((t) => t !== undefined);
  if (starts.length === 0) return undefined;
  const from = Math.floor(Math.min(...starts) / ms) * ms;
  const to = Math.max(...ends);
  let open: ClassifiedGap | undefined;
  let k = 0;
  for (let slot = from; slot < to; slot += ms) {
    // Day candles may be stamped at the session's start (07:00 UTC): their slot is their day.
    while (k < times.length && alignTime(interval, times[k]) < slot) k++;
    if (k < times.length && alignTime(interval, times[k]) === slot) {
      open = undefined;
      continue;
    }
    const kind: GapClass = !calendar.overlaps(slot, slot + ms)
      ? 'closed'
      : insideRanges(covered, slot)
        ? 'noTrades'
        : 'missingData';
    counts[kind].slots++;
    if (open?.kind === kind && open.to === slot) {
      open.to = slot + ms;
      continue;
    }
    open = { kind, from: slot, to: slot + ms };
    counts[kind].gaps++;
    if (kind !== 'closed') gaps.push(open);
  }
  const samples = [...gaps.filter((g) => g.kind === 'missingData'), ...gaps.filter((g) => g.kind === 'noTrades')]
    .slice(0, SAMPLES)
    .sort((a, b) => a.from - b.from);
  return { ...counts, samples, standardDays: calendar.fallbackDays - before };
}

/** `closed 300 (12,000 slots), no trades 40 (95), missing data 0` for a line of text. */
export function gapText(g: GapSummary): string {
  const part = (label: string, c: GapCount) => `${label} ${c.gaps}${c.gaps ? ` (${c.slots} candles)` : ''}`;
  return `gaps: ${part('closed by schedule', g.closed)}, ${part('no trades', g.noTrades)}, ${part('missing data', g.missingData)}`;
}
