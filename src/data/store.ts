/**
 * @module The candle cache: one SQLite file (WAL, synchronous=NORMAL) holding instruments,
 * columnar candle chunks and coverage. `openStore` is the one way in; every write is a transaction
 * that updates candles and coverage together, so a process killed at any instant leaves either
 * the old or the new state of a write, never a mix.
 */
import type Database from 'better-sqlite3';
import type { Candle, CandleBatch } from '../core/candle.ts';
import type { Instrument } from '../core/instrument.ts';
import { parseInstrumentRef, type InstrumentRef } from '../core/instrument-ref.ts';
import type { Interval } from '../core/interval.ts';
import type { TimeRange } from '../core/time.ts';
import { CorruptChunkError, seriesRef } from './cache-errors.ts';
import { ChunkReader } from './candle-reader.ts';
import { ChunkWriter, type WriteSummary } from './candle-writer.ts';
import { CoverageRepo } from './coverage-repo.ts';
import { InstrumentRepo, type InstrumentSource } from './instrument-repo.ts';
import { listSeries, seriesExtent, type SeriesExtent, type SeriesInfo } from './series-list.ts';
import { removeRange, type RemoveSummary } from './series-remove.ts';
import { type SeriesSource, SourceRepo, splitLabels, UNKNOWN_SOURCE, type WriteOrigin } from './source-repo.ts';

import { ScheduleRepo } from './schedule-repo.ts';
import { verifyStore, type VerifyReport } from './verify.ts';

export type { SeriesExtent } from './series-list.ts';
export { applyPragmas, openStore, type OpenStoreOptions } from './open-store.ts';

/** The candle cache over one better-sqlite3 connection. Not safe to share across threads. */
export class CandleStore {
  private readonly instruments: InstrumentRepo;
  private readonly coverage: CoverageRepo;
  private readonly writer: ChunkWriter;
  private readonly reader: ChunkReader;
  private readonly sources: SourceRepo;

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
    const series = (uid: string, interval: Interval) => seriesRef(uid, interval, this.instruments.get(uid));
    this.sources = new SourceRepo(db, series);
    this.reader = new ChunkReader(
      db,
      (uid, interval, day, source) => new CorruptChunkError(series(uid, interval), day, splitLabels(source)),
    );
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
   * Candles outside `covered` are merged but not marked covered. The written chunks and the
   * series record `origin` (default: source `unknown`).
   * @throws DataIntegrityError on a non-finite, unaligned or OHLC-breaking candle; MixedSourceError
   * when the series holds another source and `origin` does not allow a mix (nothing written).
   */
  upsertCandles(
    uid: string,
    interval: Interval,
    candles: readonly Candle[],
    covered?: TimeRange,
    origin: WriteOrigin = { source: UNKNOWN_SOURCE },
  ): WriteSummary {
    return this.transaction(() => {
      const stamp = this.sources.admit(uid, interval, origin);
      const summary = this.writer.write(uid, interval, candles, covered, stamp);
      if (covered) this.coverage.add(uid, interval, covered);
      return summary;
    });
  }

  /** Marks a range as fetched and verified (typically verified empty) without writing candles. */
  markCovered(
    uid: string,
    interval: Interval,
    range: TimeRange,
    origin: WriteOrigin = { source: UNKNOWN_SOURCE },
  ): void {
    this.transaction(() => {
      this.sources.admit(uid, interval, origin);
      this.coverage.add(uid, interval, range);
    });
  }

  /**
   * Throws the MixedSourceError a write from `origin` into the series would throw, writing nothing;
   * for callers that want to refuse before fetching anything.
   */
  checkSource(uid: string, interval: Interval, origin: WriteOrigin): void {
    this.sources.check(uid, interval, origin);
  }

  /** Every source that wrote into the series, oldest first, with when it did. */
  seriesSources(uid: string, interval: Interval): SeriesSource[] {
    return this.sources.of(uid, interval);
  }

  /** Distinct source labels of the stored candles of the series in `range`, oldest first. */
  sourcesIn(uid: string, interval: Interval, range: TimeRange): string[] {
    return this.sources.inChunks(uid, interval, range);
  }

  /**
   * Removes the series' candles and coverage in `range` (the whole series without one, and then its
   * recorded sources too), in one transaction.
   */
  removeSeries(uid: string, interval: Interval, range?: TimeRange): RemoveSummary {
    return this.transaction(() => removeRange(this.db, { uid, interval }, range));
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
    return seriesExtent(this.db, uid, interval);
  }

  /** Every series with candles or coverage, for `data ls`. */
  listSeries(): SeriesInfo[] {
    return listSeries(this.db, this.instruments, this.coverage);
  }

  /** Full integrity check of every chunk and coverage row, for `data verify`. */
  verify(): VerifyReport {
    const schedules = new ScheduleRepo(this.db);
    return verifyStore(
      this.db,
      this.instruments,
      this.coverage,
      (uid, interval) => this.sources.of(uid, interval as Interval).map((s) => s.source),
      (uid) => schedules.calendarFor(this.instruments.get(uid)),
    );
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
