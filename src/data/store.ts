/**
 * @module The candle cache: one SQLite file (WAL, synchronous=NORMAL) holding instruments,
 * columnar candle chunks and coverage. `openStore` is the one way in; every write is a transaction
 * that updates candles and coverage together, so a process killed at any instant leaves either
 * the old or the new state of a write, never a mix.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Candle, CandleBatch } from '../core/candle.ts';
import { DataIntegrityError, NotFoundError } from '../core/errors.ts';
import type { Instrument } from '../core/instrument.ts';
import { parseInstrumentRef, type InstrumentRef } from '../core/instrument-ref.ts';
import type { Interval } from '../core/interval.ts';
import type { TimeRange } from '../core/time.ts';
import { ChunkReader } from './candle-reader.ts';
import { ChunkWriter, type WriteSummary } from './candle-writer.ts';
import { CoverageRepo } from './coverage-repo.ts';
import { InstrumentRepo, type InstrumentSource } from './instrument-repo.ts';
import { migrate } from './schema.ts';
import { listSeries, type SeriesInfo } from './series-list.ts';
import { verifyStore, type VerifyReport } from './verify.ts';

/** Options of {@link openStore}. */
export interface OpenStoreOptions {
  /** Fail with NotFoundError instead of creating a new cache when the file is absent. */
  mustExist?: boolean;
}

/** First and last stored candle of a series. */
export interface SeriesExtent {
  firstTime: number;
  lastTime: number;
  candles: number;
}

/**
 * Opens (creating and migrating when needed) the cache at `file`, or an in-memory cache for
 * `':memory:'`. Creates the parent folder of a new file.
 * @throws NotFoundError when `mustExist` and the file is absent; DataIntegrityError when the file
 * is not an SQLite database, not a tlab cache, or from a newer tlab.
 */
export function openStore(file: string, options: OpenStoreOptions = {}): CandleStore {
  const memory = file === ':memory:';
  if (!memory && !existsSync(file)) {
    if (options.mustExist)
      throw new NotFoundError(
        `no candle cache at ${file}`,
        'run tlab download or tlab data import first, or point --db / TLAB_DB at the cache',
      );
    mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  }
  const db = new Database(file);
  try {
    applyPragmas(db);
    migrate(db, file);
  } catch (err) {
    db.close();
    if (err instanceof Error && /not a database|file is encrypted/i.test(err.message))
      throw new DataIntegrityError(
        `${file} is not an SQLite database`,
        'point --db at a tlab cache or at a new file',
        { cause: err },
      );
    throw err;
  }
  return new CandleStore(db, file);
}

/**
 * Connection settings of the cache (also used by the benchmark's row baseline, so that comparison
 * measures the layout alone). Large pages keep a day's chunk (up to ~69 KB) on a few overflow
 * pages (only a new file takes the page size). WAL with synchronous=NORMAL keeps every commit
 * atomic and consistent across a killed process (a power cut may lose the last commits, never
 * corrupt the file). No mmap: measured, it added page faults to the first read of a connection,
 * which is the read a backtest does.
 */
export function applyPragmas(db: Database.Database): void {
  db.pragma('page_size = 16384');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
}

/** The candle cache over one better-sqlite3 connection. Not safe to share across threads. */
export class CandleStore {
  private readonly instruments: InstrumentRepo;
  private readonly coverage: CoverageRepo;
  private readonly writer: ChunkWriter;
  private readonly reader: ChunkReader;

  /** @internal use {@link openStore}. */
  constructor(
    /** The underlying connection, for inspection and for callers that group writes. */
    readonly db: Database.Database,
    /** The file this cache lives in (`:memory:` for an in-memory one). */
    readonly file: string,
  ) {
    this.instruments = new InstrumentRepo(db);
    this.coverage = new CoverageRepo(db);
    this.writer = new ChunkWriter(db);
    this.reader = new ChunkReader(db);
  }

  /** Runs `fn` in one IMMEDIATE transaction (a savepoint when already inside one). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  /** Inserts or replaces an instrument's spec. */
  upsertInstrument(instrument: Instrument, source: InstrumentSource = 'api'): void {
    this.instruments.put(instrument, source, Date.now());
  }

  /** Inserts or replaces several specs in one transaction. */
  upsertInstruments(list: readonly Instrument[], source: InstrumentSource = 'api'): void {
    this.transaction(() => list.forEach((i) => this.upsertInstrument(i, source)));
  }

  /** Stores `instrument` only when its uid is not cached yet; true when it did. */
  insertInstrumentIfAbsent(instrument: Instrument, source: InstrumentSource = 'archive'): boolean {
    return this.instruments.putIfAbsent(instrument, source, Date.now());
  }

  /** The cached instrument with this uid. */
  getInstrument(uid: string): Instrument | undefined {
    return this.instruments.get(uid);
  }

  /** Where the cached row came from: `api` (full spec) or `archive` (minimal, tick unknown). */
  instrumentSource(uid: string): InstrumentSource | undefined {
    return this.instruments.sourceOf(uid);
  }

  /**
   * Finds a cached instrument by a parsed reference, or by its text (uid, FIGI, `TICKER@CLASS_CODE`
   * or ticker, any case), which is parsed once here.
   * @throws UsageError when the text is no reference, or a bare ticker is ambiguous across class codes.
   */
  findInstrument(ref: InstrumentRef | string): Instrument | undefined {
    return this.instruments.find(typeof ref === 'string' ? parseInstrumentRef(ref) : ref);
  }

  /** Every cached instrument. */
  listInstruments(): Instrument[] {
    return this.instruments.list();
  }

  /**
   * Validates and stores candles (complete ones only; incoming wins at equal times), and marks
   * `covered` as fetched in the same transaction. A `covered` window is authoritative: stored
   * candles inside it that `candles` lacks are removed, so re-fetching a day replaces it exactly.
   * Candles outside `covered` are merged but not marked covered.
   * @throws DataIntegrityError on a non-finite, unaligned or OHLC-breaking candle (nothing written).
   */
  upsertCandles(
    uid: string,
    interval: Interval,
    candles: readonly Candle[],
    covered?: TimeRange,
  ): WriteSummary {
    return this.transaction(() => {
      const summary = this.writer.write(uid, interval, candles, covered);
      if (covered) this.coverage.add(uid, interval, covered);
      return summary;
    });
  }

  /** Marks a range as fetched and verified (typically verified empty) without writing candles. */
  markCovered(uid: string, interval: Interval, range: TimeRange): void {
    this.transaction(() => this.coverage.add(uid, interval, range));
  }

  /** The series' covered ranges, merged and sorted. */
  coveredRanges(uid: string, interval: Interval): TimeRange[] {
    return this.coverage.ranges(uid, interval);
  }

  /** Sub-ranges of `range` not covered yet, oldest first; empty when nothing needs fetching. */
  missingRanges(uid: string, interval: Interval, range: TimeRange): TimeRange[] {
    return this.coverage.missing(uid, interval, range);
  }

  /**
   * Streams candles with open time in [from, to), oldest first, one zero-copy batch per chunk.
   * Finish or break out of the loop: an abandoned half-read iterator keeps the connection busy.
   */
  readBatches(uid: string, interval: Interval, from: number, to: number): Iterable<CandleBatch> {
    return this.reader.read(uid, interval, from, to);
  }

  /** Candles in [from, to) as objects; for small ranges (exports, tests, charts). */
  readCandles(uid: string, interval: Interval, from: number, to: number): Candle[] {
    return this.reader.readCandles(uid, interval, from, to);
  }

  /** First and last stored candle of a series, or undefined when it has none. */
  seriesExtent(uid: string, interval: Interval): SeriesExtent | undefined {
    const row = this.db
      .prepare(
        `SELECT min(first_time) AS f, max(last_time) AS l, sum(count) AS n FROM candle_chunks
         WHERE uid = ? AND interval = ?`,
      )
      .get(uid, interval) as { f: number | null; l: number | null; n: number | null };
    if (row.f === null || row.l === null) return undefined;
    return { firstTime: row.f, lastTime: row.l, candles: row.n ?? 0 };
  }

  /** Every series with candles or coverage, for `data ls`. */
  listSeries(): SeriesInfo[] {
    return listSeries(this.db, this.instruments, this.coverage);
  }

  /** Full integrity check of every chunk and coverage row, for `data verify`. */
  verify(): VerifyReport {
    return verifyStore(this.db, this.instruments, this.coverage);
  }

  /** A value from the meta table. */
  getMeta(key: string): string | undefined {
    const row = this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as
      | { value: string }
      | undefined;
    return row?.value;
  }

  /** Sets a value in the meta table. */
  setMeta(key: string, value: string): void {
    this.db
      .prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
      .run(key, value);
  }

  /** Closes the connection (checkpointing the WAL). */
  close(): void {
    if (this.db.open) this.db.close();
  }
}
