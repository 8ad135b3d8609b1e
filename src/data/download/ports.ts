/**
 * @module What the downloader needs from the outside world, as two narrow ports: the API (the
 * T-Invest client in src/live implements it) and the cache (the SQLite store implements it). The
 * downloader itself knows neither gRPC nor SQL.
 */
import type { Candle } from '../../core/candle.ts';
import type { Instrument } from '../../core/instrument.ts';
import type { TradingDay } from '../../core/instrument-economics.ts';
import type { Interval } from '../../core/interval.ts';
import type { TimeRange } from '../../core/time.ts';
import type { InstrumentRef } from '../../core/instrument-ref.ts';
import type { WriteOrigin } from '../source-repo.ts';
import type { Coupon, Dividend, FuturesMargin } from '../../core/instrument-economics.ts';

/** Which economics an instrument's kind has: a share's dividends, a bond's coupons, a future's GO. */
export type EconomicsPart = 'dividends' | 'coupons' | 'margin';

/** What the API answered for one instrument's economics (only the asked part is set). */
export interface FetchedEconomics {
  dividends?: Dividend[];
  coupons?: Coupon[];
  margin?: FuturesMargin;
}

/** The parts of the T-Invest API a download uses. */
export interface HistoryApi {
  /** Resolves a reference through InstrumentsService; throws NotFoundError when unknown. */
  resolveInstrument(ref: InstrumentRef): Promise<Instrument>;
  /** Complete candles with open time in [from, to); the window respects the interval's maximum. */
  getCandles(instrumentUid: string, interval: Interval, window: TimeRange): Promise<Candle[]>;
  /** The yearly 1-minute archive as zip bytes, or null when the API has none (HTTP 404). */
  fetchArchiveYear(instrumentUid: string, year: number): Promise<Uint8Array | null>;
  /**
   * The source label of what this API serves (see core/data-source.ts): what the venue says it is,
   * or its endpoint `host:port`. May make one cheap call for the instrument when nothing answered yet.
   */
  source(instrumentUid: string): Promise<string>;
  /**
   * One part of an instrument's economics over `window` (dividends by record date, coupons by
   * payment date), or its current margin stamped `now`. Absent: the download stores candles only.
   */
  economics?(instrument: Instrument, part: EconomicsPart, window: TimeRange, now: number): Promise<FetchedEconomics>;
  /**
   * The exchange's trading days in `range` (TradingSchedules), or null when the API has none for it
   * (the real API serves today onwards only). Optional: without it no schedule is downloaded.
   */
  tradingSchedules?(exchange: string, range: TimeRange): Promise<TradingDay[] | null>;
}

/** Result of writing one yearly archive into the cache. */
export interface ArchiveWrite {
  candles: number;
  days: number;
  /** Ranges the archive covered and that are now marked covered (within the requested range). */
  covered: TimeRange[];
}

/** The parts of the cache a download uses. */
export interface HistoryStore {
  /** A cached instrument for the reference, if the cache has a complete spec for it. */
  cachedInstrument(ref: InstrumentRef): Instrument | undefined;
  saveInstrument(instrument: Instrument): void;
  /** Sub-ranges of `range` not yet fetched and verified for this series. */
  missing(instrumentUid: string, interval: Interval, range: TimeRange): TimeRange[];
  /** Throws (MixedSourceError) when a write from `origin` into the series would be refused. */
  checkSource(instrumentUid: string, interval: Interval, origin: WriteOrigin): void;
  /** Writes a window's candles and marks the window covered, in one transaction. */
  writeWindow(instrumentUid: string, interval: Interval, candles: Candle[], window: TimeRange, origin: WriteOrigin): void;
  /** Parses a yearly archive and writes the days inside `limit`, marking them covered, atomically. */
  writeArchive(instrumentUid: string, zip: Uint8Array, limit: TimeRange, origin: WriteOrigin): ArchiveWrite;
  /**
   * Stores fetched economics: dividends and coupons replace those of `window`, a margin is added;
   * `covered` (inside `window`) is marked fetched in the same transaction.
   */
  saveEconomics?(instrumentUid: string, window: TimeRange, e: FetchedEconomics, covered?: TimeRange): void;
  /** Sub-ranges of `range` whose dividends or coupons of the instrument were never fetched. */
  economicsMissing?(instrumentUid: string, part: 'dividends' | 'coupons', range: TimeRange): TimeRange[];
  /** When the instrument's margin was last read, if ever. */
  lastMarginRead?(instrumentUid: string): number | undefined;
  /** How many days of the exchange in `range` have a cached schedule (optional, with the next). */
  cachedTradingDays?(exchange: string, range: TimeRange): number;
  /** Caches trading days (replacing the same exchange and date). */
  saveTradingDays?(days: readonly TradingDay[], source: string): void;
}

/** Progress events, so the CLI can draw a bar and tests can count. */
export interface DownloadObserver {
  planned?(work: { requests: number; archives: number }): void;
  request?(done: { candles: number; kind: 'candles' | 'archive' }): void;
}
