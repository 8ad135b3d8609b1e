/**
 * @module The cache's typed errors. They carry what went wrong as data (the file, the series, the
 * day, the sources) and a message that says it; the CLI turns that data into the hint naming the
 * command that fixes it (see src/cli/cache-hints.ts), so this layer knows no command-line words.
 */
import { DataIntegrityError, NotFoundError } from '../core/errors.ts';
import type { Interval } from '../core/interval.ts';

/** Why a file cannot be opened as a cache. */
export type CacheFileProblem = 'not-sqlite' | 'foreign' | 'newer';

/** The file exists but is not a cache this tlab can open. */
export class CacheFileError extends DataIntegrityError {
  constructor(
    readonly file: string,
    readonly problem: CacheFileProblem,
    readonly version?: number,
    options: { cause?: unknown } = {},
  ) {
    super(cacheFileMessage(file, problem, version), undefined, options);
  }
}

function cacheFileMessage(file: string, problem: CacheFileProblem, version?: number): string {
  if (problem === 'not-sqlite') return `${file} is not an SQLite database`;
  if (problem === 'foreign') return `${file} is an SQLite database but not a tlab cache`;
  return `${file} has cache schema version ${version}, newer than this tlab knows`;
}

/** A cache was asked for with `mustExist` and the file is not there. */
export class MissingCacheError extends NotFoundError {
  constructor(readonly file: string) {
    super(`no candle cache at ${file}`);
  }
}

/** One series of the cache: an instrument uid at one interval (and its ticker, when cached). */
export interface SeriesRef {
  uid: string;
  interval: Interval;
  ticker?: string;
}

/** The series' reference, with the ticker of its cached instrument when there is one. */
export function seriesRef(uid: string, interval: Interval, instrument?: { ticker: string }): SeriesRef {
  return instrument?.ticker ? { uid, interval, ticker: instrument.ticker } : { uid, interval };
}

/** `SBER 1h (e6123145-...)`, or `UID 1h` when the ticker is unknown. */
export function seriesName(s: SeriesRef): string {
  return s.ticker && s.ticker !== s.uid ? `${s.ticker} ${s.interval} (${s.uid})` : `${s.uid} ${s.interval}`;
}

/** A write from `incoming` into a series that holds candles from other sources. */
export class MixedSourceError extends DataIntegrityError {
  constructor(
    readonly series: SeriesRef,
    /** What the series already holds (labels, oldest first). */
    readonly stored: readonly string[],
    readonly incoming: string,
  ) {
    super(
      `${seriesName(series)} holds candles from ${stored.join(' + ')}; ` +
        `refusing to add candles from ${incoming}`,
    );
  }
}

/** A stored chunk whose checksum does not match its bytes (or that cannot be decoded). */
export class CorruptChunkError extends DataIntegrityError {
  constructor(
    readonly series: SeriesRef,
    /** The chunk's `day` label, `YYYY-MM-DD` (a year's first day for 1d, 1w, 1M). */
    readonly day: string,
    /** The chunk's recorded source label(s). */
    readonly sources: readonly string[],
  ) {
    super(`${seriesName(series)}: the stored candles of ${day} fail their checksum`);
  }
}
