/**
 * @module What the downloader needs from the outside world, as two narrow ports: the API (the
 * T-Invest client in src/live implements it) and the cache (the SQLite store implements it). The
 * downloader itself knows neither gRPC nor SQL.
 */
import type { Candle } from '../../core/candle.ts';
import type { Instrument } from '../../core/instrument.ts';
import type { Interval } from '../../core/interval.ts';
import type { TimeRange } from '../../core/time.ts';
import type { InstrumentRef } from '../../core/instrument-ref.ts';

/** The parts of the T-Invest API a download uses. */
export interface HistoryApi {
  /** Resolves a reference through InstrumentsService; throws NotFoundError when unknown. */
  resolveInstrument(ref: InstrumentRef): Promise<Instrument>;
  /** Complete candles with open time in [from, to); the window respects the interval's maximum. */
  getCandles(instrumentUid: string, interval: Interval, window: TimeRange): Promise<Candle[]>;
  /** The yearly 1-minute archive as zip bytes, or null when the API has none (HTTP 404). */
  fetchArchiveYear(instrumentUid: string, year: number): Promise<Uint8Array | null>;
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
  /** Writes a window's candles and marks the window covered, in one transaction. */
  writeWindow(instrumentUid: string, interval: Interval, candles: Candle[], window: TimeRange): void;
  /** Parses a yearly archive and writes the days inside `limit`, marking them covered, atomically. */
  writeArchive(instrumentUid: string, zip: Uint8Array, limit: TimeRange): ArchiveWrite;
}

/** Progress events, so the CLI can draw a bar and tests can count. */
export interface DownloadObserver {
  planned?(work: { requests: number; archives: number }): void;
  request?(done: { candles: number; kind: 'candles' | 'archive' }): void;
}
