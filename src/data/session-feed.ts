/**
 * @module Session filtering of cached candles (`--sessions main|main+evening`): a MarketDataFeed
 * that passes on only the candles whose span meets a kept session of the instrument's exchange, by
 * the cached schedule or, for days with none cached, the standard MOEX day (core/trading-sessions.ts).
 * A candle coarser than a minute is kept when any part of it lies in a kept session; a day candle
 * of a weekend is therefore dropped unless a weekend session is kept. Missing ranges and sources
 * are the inner feed's: a closed session is not missing data.
 */
import { createCandleBatch, type CandleBatch } from '../core/candle.ts';
import type { Instrument } from '../core/instrument.ts';
import type { SessionKind, TradingSession } from '../core/instrument-economics.ts';
import { alignTime, closeTime, intervalMs, type Interval } from '../core/interval.ts';
import type { SessionCalendar } from '../core/session-calendar.ts';
import { selectionKinds, type SessionSelection } from '../core/trading-sessions.ts';
import type { TimeRange } from '../core/time.ts';
import type { MarketDataFeed, SeriesKey } from '../engine/ports/market-data-feed.ts';
import { ScheduleRepo } from './schedule-repo.ts';
import { SqliteFeed } from './sqlite-feed.ts';
import type { CandleStore } from './store.ts';

const COLUMNS = ['time', 'open', 'high', 'low', 'close', 'volume'] as const;
const DAILY: ReadonlySet<Interval> = new Set(['1d', '1w', '1M']);
const DAY = 86_400_000;

/** The calendars of a run's instruments over one cache, with the kinds a selection keeps. */
export class RunSessions {
  readonly kinds: readonly SessionKind[] | undefined;
  private readonly byUid = new Map<string, SessionCalendar>();

  constructor(
    store: CandleStore,
    readonly instruments: readonly Instrument[],
    readonly selection: SessionSelection,
  ) {
    this.kinds = selectionKinds(selection);
    const repo = new ScheduleRepo(store.db);
    for (const i of instruments) this.byUid.set(i.uid, repo.calendarFor(i));
  }

  /** The calendar of an instrument of the run. */
  calendar(uid: string): SessionCalendar | undefined {
    return this.byUid.get(uid);
  }

  /** One calendar per instrument, in the run's slot order. */
  get calendars(): SessionCalendar[] {
    return this.instruments.map((i) => this.byUid.get(i.uid) as SessionCalendar);
  }

  /**
   * True when the candle of `interval` opening at `t` meets a kept session. A day (or longer)
   * candle stands for its UTC day(s), whatever hour the venue stamped it with.
   */
  keeps(uid: string, interval: Interval, t: number): boolean {
    return this.keepTest(uid, interval)(t);
  }

  /**
   * `keeps` for one series, as a function to call per candle: an intraday candle is checked against
   * its UTC day's kept windows, found once per day, so a filter pass over a batch costs a few
   * comparisons per candle (it runs before any of the run's code is optimised).
   */
  keepTest(uid: string, interval: Interval): (t: number) => boolean {
    const cal = this.byUid.get(uid);
    if (cal === undefined) return () => true;
    const kinds = this.kinds;
    const ms = intervalMs(interval);
    const daily = DAILY.has(interval);
    if (daily || ms === undefined) {
      return (t) => {
        const from = daily ? alignTime('1d', t) : t;
        return cal.overlaps(from, closeTime(interval, from), kinds);
      };
    }
    let day = NaN;
    let windows: number[] = [];
    return (t) => {
      const to = t + ms;
      const d = Math.floor(t / DAY) * DAY;
      if (to > d + DAY) return cal.overlaps(t, to, kinds);
      if (d !== day) {
        day = d;
        windows = keptWindows(cal.day(d).sessions, kinds);
      }
      for (let k = 0; k < windows.length; k += 2) {
        if (windows[k] < to && windows[k + 1] > t) return true;
      }
      return false;
    };
  }

  /** Days (over every calendar) that came from the standard day. */
  fallbackDays(): number {
    return [...this.byUid.values()].reduce((n, c) => n + c.fallbackDays, 0);
  }

  /** Exchanges whose days came (at least partly) from the standard day, for the run's notice. */
  fallbackExchanges(): string[] {
    return [...new Set([...this.byUid.values()].filter((c) => c.fallbackDays > 0).map((c) => c.exchange))];
  }
}

/** The [start, end) pairs of the sessions of a kept kind (every kind when `kinds` is undefined). */
function keptWindows(sessions: readonly TradingSession[], kinds: readonly SessionKind[] | undefined): number[] {
  const out: number[] = [];
  for (const s of sessions) if (kinds === undefined || kinds.includes(s.kind)) out.push(s.start, s.end);
  return out;
}

/** Copies the kept candles of `b` into `out` (reused), a run of consecutive kept ones at a time. */
export function keepCandles(b: CandleBatch, out: CandleBatch, keep: (t: number) => boolean): CandleBatch {
  const T = b.time;
  const len = b.length;
  let n = 0;
  for (let i = 0; i < len; ) {
    if (!keep(T[i])) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < len && keep(T[j])) j++;
    for (const k of COLUMNS) out[k].set(b[k].subarray(i, j), n);
    n += j - i;
    i = j;
  }
  out.length = n;
  return out;
}

/**
 * The cache as a recorded backtest read it: through the session filter when the run kept `main`
 * or `main+evening` (its models record the `--sessions` it ran with), else every candle.
 */
export function recordedCacheFeed(
  store: CandleStore,
  meta: { models: object; instruments: readonly Instrument[] },
): MarketDataFeed {
  const sessions = (meta.models as { sessions?: unknown }).sessions;
  const feed = new SqliteFeed(store);
  return sessions === 'main' || sessions === 'main+evening'
    ? new SessionFeed(feed, new RunSessions(store, meta.instruments, sessions))
    : feed;
}

/** A feed that keeps only the candles in a run's kept sessions. */
export class SessionFeed implements MarketDataFeed {
  constructor(
    private readonly inner: MarketDataFeed,
    private readonly sessions: RunSessions,
  ) {}

  read(series: SeriesKey, range: TimeRange): Iterable<CandleBatch> | AsyncIterable<CandleBatch> {
    const { instrumentUid: uid, interval } = series;
    const keep = this.sessions.keepTest(uid, interval);
    const src = this.inner.read(series, range);
    return Symbol.asyncIterator in src ? filterAsync(src, keep) : filterSync(src, keep);
  }

  missing(series: SeriesKey, range: TimeRange): TimeRange[] {
    return this.inner.missing(series, range);
  }

  sources(series: SeriesKey, range: TimeRange): string[] {
    return this.inner.sources?.(series, range) ?? [];
  }
}

function* filterSync(src: Iterable<CandleBatch>, keep: (t: number) => boolean): Iterable<CandleBatch> {
  for (const b of src) {
    const out = keepCandles(b, createCandleBatch(b.length), keep);
    if (out.length > 0) yield out;
  }
}

async function* filterAsync(src: AsyncIterable<CandleBatch>, keep: (t: number) => boolean): AsyncIterable<CandleBatch> {
  for await (const b of src) {
    const out = keepCandles(b, createCandleBatch(b.length), keep);
    if (out.length > 0) yield out;
  }
}
