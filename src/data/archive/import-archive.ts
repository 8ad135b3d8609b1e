/**
 * @module Importing one yearly archive into the cache, all or nothing: the whole archive is read
 * inside one transaction, so a damaged zip, a bad row or a killed process leaves the cache exactly
 * as it was. Coverage: every day file present covers its UTC day; days missing between the first
 * and the last file are covered as verified empty (the archive is the year's complete record up to
 * its last day); nothing after the last file is covered, since the archive may be stale.
 */
import { DataIntegrityError, NotFoundError } from '../../core/errors.ts';
import type { Instrument } from '../../core/instrument.ts';
import type { TimeRange } from '../../core/time.ts';
import { looksLikeFigi, looksLikeUid } from '../instrument-repo.ts';
import type { WriteOrigin } from '../source-repo.ts';
import type { CandleStore } from '../store.ts';
import { type ArchiveDay, readArchive } from './archive-stream.ts';
import { readArchiveBytes } from './archive-bytes.ts';
import { ARCHIVE_HINT } from './day-csv.ts';

const DAY_MS = 86_400_000;

/** Options of {@link importArchive}. */
export interface ImportOptions {
  /** The archive's name for messages, e.g. `BBG004730N88_2024.zip`. */
  label: string;
  /** FIGI known from outside the zip (the shared archives are named `<FIGI>_<YEAR>.zip`). */
  figi?: string;
  /** The instrument uid when the caller already knows it (the downloader); checked against rows. */
  uid?: string;
  /** Write and cover only this part of the archive (days or parts of days outside are skipped). */
  limit?: TimeRange;
  /** Where the candles come from (default `archive:<label>`), and whether a mix is allowed. */
  origin?: WriteOrigin;
}

/** What an import stored. */
export interface ImportResult {
  label: string;
  uid: string;
  /** True when the instrument was not cached and a minimal row was stored for it. */
  instrumentCreated: boolean;
  /** Day files written (inside the limit, when one was given). */
  days: number;
  candles: number;
  /** The range marked covered (absent when nothing was). */
  covered?: TimeRange;
}

/**
 * Streams an archive from `source` into the cache as 1-minute candles, in one transaction.
 * @throws DataIntegrityError for a damaged archive or row; MixedSourceError when the series holds
 * candles from another source; NotFoundError when the archive names its instrument only by a FIGI
 * that is not cached. Nothing is written in any case.
 */
export async function importArchive(
  store: CandleStore,
  source: AsyncIterable<Uint8Array>,
  options: ImportOptions,
): Promise<ImportResult> {
  const { db } = store;
  const work = new ArchiveImport(store, options);
  // Raw statements rather than db.transaction(): the work awaits stream reads, which a
  // better-sqlite3 transaction function cannot span. Inside a caller's transaction, a savepoint.
  const nested = db.inTransaction;
  db.exec(nested ? 'SAVEPOINT tlab_import' : 'BEGIN IMMEDIATE');
  try {
    await readArchive(source, options.label, (day) => work.day(day));
    const result = work.finish();
    db.exec(nested ? 'RELEASE tlab_import' : 'COMMIT');
    return result;
  } catch (err) {
    if (nested) db.exec('ROLLBACK TO tlab_import; RELEASE tlab_import');
    else if (db.inTransaction) db.exec('ROLLBACK');
    throw err;
  }
}

/** {@link importArchive} for a zip already in memory (the downloader's HTTP body), synchronously. */
export function importArchiveBytes(
  store: CandleStore,
  zip: Uint8Array,
  options: ImportOptions,
): ImportResult {
  return store.transaction(() => {
    const work = new ArchiveImport(store, options);
    readArchiveBytes(zip, options.label, (day) => work.day(day));
    return work.finish();
  });
}

/** The per-day writes and final coverage of one import; runs inside the caller's transaction. */
class ArchiveImport {
  private readonly result: ImportResult;
  private archiveId: string | undefined;
  private first = Infinity;
  private last = -Infinity;
  private readonly origin: WriteOrigin;

  constructor(
    private readonly store: CandleStore,
    private readonly options: ImportOptions,
  ) {
    this.result = { label: options.label, uid: options.uid ?? '', instrumentCreated: false, days: 0, candles: 0 };
    this.origin = options.origin ?? { source: `archive:${options.label}` };
  }

  day(day: ArchiveDay): void {
    const { label } = this.options;
    if (this.archiveId === undefined) {
      this.archiveId = day.id;
      const resolved = resolveInstrument(this.store, day, this.options);
      this.result.uid = resolved.uid;
      this.result.instrumentCreated = resolved.created;
    } else if (day.id !== this.archiveId) {
      throw new DataIntegrityError(
        `${label}: ${day.file} is for instrument ${day.id}, other files for ${this.archiveId}`,
        ARCHIVE_HINT,
      );
    }
    this.first = Math.min(this.first, day.day);
    this.last = Math.max(this.last, day.day);
    const window = clip({ from: day.day, to: day.day + DAY_MS }, this.options.limit);
    if (!window) return;
    const candles = day.candles.filter((c) => c.time >= window.from && c.time < window.to);
    this.store.upsertCandles(this.result.uid, '1m', candles, window, this.origin);
    this.result.days++;
    this.result.candles += candles.length;
  }

  /** Covers the span from the first to the last day file (gaps are verified-empty days). */
  finish(): ImportResult {
    if (this.archiveId === undefined) return this.result;
    const covered = clip({ from: this.first, to: this.last + DAY_MS }, this.options.limit);
    if (covered) {
      this.store.markCovered(this.result.uid, '1m', covered, this.origin);
      this.result.covered = covered;
    }
    return this.result;
  }
}

function clip(range: TimeRange, limit: TimeRange | undefined): TimeRange | undefined {
  const from = Math.max(range.from, limit?.from ?? -Infinity);
  const to = Math.min(range.to, limit?.to ?? Infinity);
  return to > from ? { from, to } : undefined;
}

/**
 * The cached uid for an archive's instrument. A uid not cached yet gets a minimal row (source
 * `archive`: FIGI from the file name when known, ticker unknown so shown as the FIGI, tick unknown)
 * that the downloader later replaces with the real spec.
 */
function resolveInstrument(
  store: CandleStore,
  day: ArchiveDay,
  options: ImportOptions,
): { uid: string; created: boolean } {
  const rowUid = [day.id, day.fileId].find(looksLikeUid)?.toLowerCase();
  if (options.uid && rowUid && rowUid !== options.uid.toLowerCase())
    throw new DataIntegrityError(
      `${options.label}: the archive is for instrument ${rowUid}, not the requested ${options.uid}`,
      'the server sent another instrument\'s archive; nothing from it was imported',
    );
  const uid = options.uid ?? rowUid;
  const figi = [options.figi, day.id, day.fileId].find((x) => x !== undefined && looksLikeFigi(x));
  if (!uid) {
    const known = figi && store.findInstrument(figi);
    if (known) return { uid: known.uid, created: false };
    throw new NotFoundError(
      `${options.label}: the archive names its instrument by ${day.id}, which is not in the cache`,
      `cache the instrument first (tlab instruments show ${day.id}), then import again`,
    );
  }
  if (store.getInstrument(uid)) return { uid, created: false };
  const stub: Instrument = {
    uid,
    figi: figi ?? '',
    ticker: figi ?? uid,
    classCode: '',
    isin: '',
    name: '',
    kind: 'other',
    lot: 1,
    minPriceIncrement: 0,
    currency: '',
    shortEnabled: false,
    exchange: '',
  };
  return { uid, created: store.insertInstrumentIfAbsent(stub, 'archive') };
}
