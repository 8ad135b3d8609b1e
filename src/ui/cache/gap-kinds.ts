/**
 * @module The gaps of a cached series, classified by what the cache itself knows: a range
 * between covered ranges was never fetched (worth a `tlab download`, unless it holds only
 * weekend days), and a weekday inside a covered range with no candles was fetched and came back
 * empty (a holiday, a halt, or a venue that had no data: downloading it again changes nothing).
 * Without the exchange's schedule in the cache these are calendar facts, not session facts.
 */
import type { TimeRange } from '../../core/time.ts';
import { isoUtc, utcDay } from '../../core/time.ts';

const DAY = 86_400_000;
/** Days looked at per covered range (ten years of days), so a huge range costs a bounded loop. */
const MAX_DAYS = 3660;

/** One classified gap. */
export interface ClassifiedGap {
  from: number;
  to: number;
  fromIso: string;
  toIso: string;
  kind: 'never fetched' | 'never fetched, weekend only' | 'fetched, no candles on weekdays';
  /** Monday-to-Friday UTC days the gap touches. */
  weekdays: number;
  /** The `tlab download` that fills it (never-fetched gaps only). */
  command?: string;
}

function isWeekday(dayStart: number): boolean {
  const d = new Date(dayStart).getUTCDay();
  return d !== 0 && d !== 6;
}

function weekdaysIn(r: TimeRange): number {
  let n = 0;
  const first = Math.floor(r.from / DAY) * DAY;
  for (let d = first, k = 0; d < r.to && k < MAX_DAYS; d += DAY, k++) if (isWeekday(d)) n++;
  return n;
}

function gap(r: TimeRange, kind: ClassifiedGap['kind'], weekdays: number): ClassifiedGap {
  return { from: r.from, to: r.to, fromIso: isoUtc(r.from), toIso: isoUtc(r.to), kind, weekdays };
}

/** Weekdays inside `covered` with no candles, merged into ranges of whole UTC days. */
function emptyWeekdays(covered: readonly TimeRange[], days: ReadonlySet<string>): ClassifiedGap[] {
  const out: ClassifiedGap[] = [];
  let open: { from: number; to: number; n: number } | undefined;
  const flush = () => {
    if (open !== undefined) out.push(gap(open, 'fetched, no candles on weekdays', open.n));
    open = undefined;
  };
  for (const r of covered) {
    const first = Math.ceil(r.from / DAY) * DAY;
    for (let d = first, k = 0; d + DAY <= r.to && k < MAX_DAYS; d += DAY, k++) {
      if (days.has(utcDay(d))) flush();
      else if (isWeekday(d)) {
        if (open !== undefined && open.to === d) {
          open.to = d + DAY;
          open.n++;
        } else {
          flush();
          open = { from: d, to: d + DAY, n: 1 };
        }
      }
    }
    flush();
  }
  return out;
}

/**
 * The series' gaps: never-fetched ones (with the command that fills them) and, for an intraday
 * series whose days with candles are known, the fetched-but-empty weekdays; in time order.
 */
export function classifyGaps(
  missing: readonly TimeRange[],
  covered: readonly TimeRange[],
  days: ReadonlySet<string> | undefined,
  command: (r: TimeRange) => string,
): ClassifiedGap[] {
  const never = missing.map((r) => {
    const n = weekdaysIn(r);
    return {
      ...gap(r, n === 0 ? 'never fetched, weekend only' : 'never fetched', n),
      command: command(r),
    };
  });
  const empty = days === undefined ? [] : emptyWeekdays(covered, days);
  return [...never, ...empty].sort((a, b) => a.from - b.from);
}
