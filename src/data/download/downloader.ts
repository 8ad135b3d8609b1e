/**
 * @module The history downloader: resolves instruments, stores each kind's economics (dividends,
 * coupons, a margin read; economics-download.ts), asks the cache what is missing, and fills
 * exactly that from the yearly 1-minute archive and from GetCandles windows, several in flight
 * (the client's limiter keeps them under the API's per-minute limits). Every window is written in
 * its own transaction together with its coverage, so a run killed at any moment resumes cleanly.
 */
import type { Instrument } from '../../core/instrument.ts';
import type { Interval } from '../../core/interval.ts';
import { alignTime } from '../../core/interval.ts';
import type { TimeRange } from '../../core/time.ts';
import type { InstrumentRef } from '../../core/instrument-ref.ts';
import { planArchiveYears } from './archive-plan.ts';
import { downloadEconomics, type EconomicsSummary } from './economics-download.ts';
import type { DownloadObserver, HistoryApi, HistoryStore } from './ports.ts';
import { runPool } from './pool.ts';
import { downloadSchedules, type ScheduleSummary } from './schedules.ts';
import { requestWindows } from './windows.ts';

/** Where 1-minute history comes from: `auto` uses the archive for long past ranges. */
export type DownloadSource = 'auto' | 'candles' | 'archive';

/** What to download. */
export interface DownloadOptions {
  instruments: InstrumentRef[];
  intervals: Interval[];
  range: TimeRange;
  source: DownloadSource;
  /** Current time; candles that are not closed by then are never stored. */
  now: number;
  /**
   * How long after its close a candle is still left for a later run (default 2 minutes): the
   * server may report a just-closed candle as incomplete for a moment, and a window marked covered
   * is never asked for again, so the very newest candles are not fetched until they have settled.
   */
  settleMs?: number;
  /** GetCandles requests in flight at once (default 4). */
  concurrency?: number;
  /** Let a series take candles from this API although it holds another source (the mix is recorded). */
  allowMixedSources?: boolean;
  observer?: DownloadObserver;
}

/** What one series got. */
export interface SeriesSummary {
  instrument: string;
  instrumentUid: string;
  interval: Interval;
  /** The source label the candles were recorded under. */
  source: string;
  requests: number;
  archives: number;
  candles: number;
}

/** What the whole download did. */
export interface DownloadSummary {
  instruments: Instrument[];
  series: SeriesSummary[];
  requests: number;
  archives: number;
  candles: number;
  /** Dividends, coupons and margin reads stored for the instruments that have them. */
  economics: EconomicsSummary;
  /** Trading schedule days cached per exchange (when the API has TradingSchedules). */
  schedules: ScheduleSummary[];
}

/** Downloads what the cache lacks for every instrument × interval in `options`. */
export async function downloadHistory(
  api: HistoryApi,
  store: HistoryStore,
  options: DownloadOptions,
): Promise<DownloadSummary> {
  const instruments = await resolveAll(api, store, options.instruments);
  const economics = await downloadEconomics(api, store, instruments, options.range, options.now);
  const series: SeriesSummary[] = [];
  for (const instrument of instruments) {
    for (const interval of options.intervals) {
      series.push(await downloadSeries(api, store, instrument, interval, options));
    }
  }
  const sum = (k: 'requests' | 'archives' | 'candles') => series.reduce((a, s) => a + s[k], 0);
  const schedules = await downloadSchedules(api, store, instruments, {
    from: options.range.from,
    to: Math.min(options.range.to, options.now),
  });
  return {
    instruments,
    series,
    requests: sum('requests'),
    archives: sum('archives'),
    candles: sum('candles'),
    economics,
    schedules,
  };
}

/** The specs of `refs`, from the cache or else the API (then cached), in order, each once. */
export async function resolveAll(api: HistoryApi, store: HistoryStore, refs: readonly InstrumentRef[]): Promise<Instrument[]> {
  const out: Instrument[] = [];
  for (const ref of refs) {
    let instrument = store.cachedInstrument(ref);
    if (!instrument) {
      instrument = await api.resolveInstrument(ref);
      store.saveInstrument(instrument);
    }
    if (!out.some((i) => i.uid === instrument.uid)) out.push(instrument);
  }
  return out;
}

/** Default of {@link DownloadOptions.settleMs}. */
export const DEFAULT_SETTLE_MS = 120_000;

/** The requested range, clipped to settled closed candles and to the first candle the API has. */
function effectiveRange(instrument: Instrument, interval: Interval, options: DownloadOptions): TimeRange {
  const settled = options.now - (options.settleMs ?? DEFAULT_SETTLE_MS);
  const to = Math.min(options.range.to, alignTime(interval, settled));
  const intraday = interval !== '1d' && interval !== '1w' && interval !== '1M';
  const first = intraday ? instrument.first1minCandleDate : instrument.first1dayCandleDate;
  const from = first !== undefined && first > options.range.from ? alignTime(interval, first) : options.range.from;
  return { from: Math.min(Math.max(from, options.range.from), to), to };
}

async function downloadSeries(
  api: HistoryApi,
  store: HistoryStore,
  instrument: Instrument,
  interval: Interval,
  options: DownloadOptions,
): Promise<SeriesSummary> {
  const uid = instrument.uid;
  // Refuse before fetching anything when the series holds another source's candles.
  const origin = { source: await api.source(uid), allowMixed: options.allowMixedSources === true };
  store.checkSource(uid, interval, origin);
  const summary: SeriesSummary = {
    instrument: instrument.ticker,
    instrumentUid: uid,
    interval,
    source: origin.source,
    requests: 0,
    archives: 0,
    candles: 0,
  };
  const range = effectiveRange(instrument, interval, options);
  // Before the instrument's first candle the API has nothing: record that without asking.
  if (range.from > options.range.from && store.missing(uid, interval, { from: options.range.from, to: range.from }).length) {
    store.writeWindow(uid, interval, [], { from: options.range.from, to: range.from }, origin);
  }
  if (range.to <= range.from) return summary;

  if (interval === '1m' && options.source !== 'candles') {
    const years = planArchiveYears(store.missing(uid, interval, range), options.now, options.source === 'archive');
    options.observer?.planned?.({ requests: 0, archives: years.length });
    for (const { year, limit } of years) {
      const zip = await api.fetchArchiveYear(uid, year);
      summary.archives++;
      const written = zip ? store.writeArchive(uid, zip, limit, origin) : { candles: 0, days: 0, covered: [] };
      summary.candles += written.candles;
      options.observer?.request?.({ candles: written.candles, kind: 'archive' });
    }
  }

  const windows = requestWindows(interval, store.missing(uid, interval, range));
  options.observer?.planned?.({ requests: windows.length, archives: 0 });
  await runPool(windows, options.concurrency ?? 4, async (window) => {
    const candles = await api.getCandles(uid, interval, window);
    store.writeWindow(uid, interval, candles, window, origin);
    summary.requests++;
    summary.candles += candles.length;
    options.observer?.request?.({ candles: candles.length, kind: 'candles' });
  });
  return summary;
}
