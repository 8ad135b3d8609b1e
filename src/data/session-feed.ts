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
import type { SessionKind } from '../core/instrument-economics.ts';
import { alignTime, closeTime, type Interval } from '../core/interval.ts';
import type { SessionCalendar } from '../core/session-calendar.ts';
import { selectionKinds, type SessionSelection } from '../core/trading-sessions.ts';
import type { TimeRange } from '../core/time.ts';
import type { MarketDataFeed, SeriesKey } from '../engine/ports/market-data-feed.ts';
import { ScheduleRepo } from './schedule-repo.ts';
import type { CandleStore } from './store.ts';

const COLUMNS = ['time', 'open', 'high', 'low', 'close', 'volume'] as const;
const DAILY: ReadonlySet<Interval> = new Set(['1d', '1w', '1M']);

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
    const cal = this.byUid.get(uid);
    if (cal === undefined) return true;
    const from = DAILY.has(interval) ? alignTime('1d', t) : t;
    return cal.overlaps(from, closeTime(interval, from), this.kinds);
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

/** Copies the kept candles of `b` into `out` (reused); returns `out`. */
export function keepCandles(b: CandleBatch, out: CandleBatch, keep: (t: number) => boolean): CandleBatch {
  let n = 0;
  for (let i = 0; i < b.length; i++) {
    if (!keep(b.time[i])) continue;
    for (const k of COLUMNS) out[k][n] = b[k][i];
    n++;
  }
  out.length = n;
  return out;
}

/** A feed that keeps only the candles in a run's kept sessions. */
export class SessionFeed implements MarketDataFeed {
  constructor(
    private readonly inner: MarketDataFeed,
    private readonly sessions: RunSessions,
  ) {}

  read(series: SeriesKey, range: TimeRange): Iterable<CandleBatch> | AsyncIterable<CandleBatch> {
    const { instrumentUid: uid, interval } = series;
    const keep = (t: number) => this.sessions.keeps(uid, interval, t);
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
