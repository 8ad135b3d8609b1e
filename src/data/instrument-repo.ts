/**
 * @module The instruments table: specs cached from InstrumentsService, or minimal rows derived
 * from an imported archive (source `archive`) until the downloader fetches the real spec.
 * Lookups take a parsed reference (src/core/instrument-ref.ts): uid, FIGI, ticker or ticker@class.
 * Each kind's spec (futures, bond, currency pair) lives in its own table (instrument-spec-repo.ts)
 * and is written and read with the row.
 */
import type Database from 'better-sqlite3';
import { UsageError } from '../core/errors.ts';
import type { Instrument, InstrumentKind } from '../core/instrument.ts';
import type { InstrumentRef } from '../core/instrument-ref.ts';
import { InstrumentSpecRepo } from './instrument-spec-repo.ts';

/** Where an instrument row came from: the API's spec, or a stub derived from an archive. */
export type InstrumentSource = 'api' | 'archive';

interface Row {
  uid: string;
  figi: string;
  ticker: string;
  class_code: string;
  isin: string;
  name: string;
  kind: string;
  lot: number;
  min_price_increment: number;
  currency: string;
  short_enabled: number;
  exchange: string;
  first_1min_candle_date: number | null;
  first_1day_candle_date: number | null;
  source: string;
}

const COLUMNS = `uid, figi, ticker, class_code, isin, name, kind, lot, min_price_increment, currency,
  short_enabled, exchange, first_1min_candle_date, first_1day_candle_date, source, updated_at`;
const VALUES = `@uid, @figi, @ticker, @class_code, @isin, @name, @kind, @lot, @min_price_increment,
  @currency, @short_enabled, @exchange, @first_1min_candle_date, @first_1day_candle_date, @source,
  @updated_at`;

// The shape tests live with the one reference parser in core; re-exported for the data layer.
export { looksLikeFigi, looksLikeUid } from '../core/instrument-ref.ts';

/** Reads and writes the instruments table of one database connection. */
export class InstrumentRepo {
  private readonly upsert: Database.Statement;
  private readonly insertIfAbsent: Database.Statement;
  private readonly byUid: Database.Statement;
  private readonly byFigi: Database.Statement;
  private readonly byTicker: Database.Statement;
  private readonly byTickerClass: Database.Statement;
  private readonly everything: Database.Statement;
  private readonly specs: InstrumentSpecRepo;
  private readonly write: (i: Instrument, source: InstrumentSource, now: number, onlyNew: boolean) => boolean;

  constructor(db: Database.Database) {
    this.specs = new InstrumentSpecRepo(db);
    this.write = db.transaction((i: Instrument, source: InstrumentSource, now: number, onlyNew: boolean) => {
      const statement = onlyNew ? this.insertIfAbsent : this.upsert;
      if (statement.run(toRow(i, source, now)).changes === 0) return false;
      this.specs.put(i);
      return true;
    });
    const assignments = COLUMNS.split(',')
      .map((c) => c.trim())
      .filter((c) => c !== 'uid')
      .map((c) => `${c} = excluded.${c}`)
      .join(', ');
    this.upsert = db.prepare(
      `INSERT INTO instruments (${COLUMNS}) VALUES (${VALUES}) ON CONFLICT (uid) DO UPDATE SET ${assignments}`,
    );
    this.insertIfAbsent = db.prepare(
      `INSERT INTO instruments (${COLUMNS}) VALUES (${VALUES}) ON CONFLICT (uid) DO NOTHING`,
    );
    this.byUid = db.prepare('SELECT * FROM instruments WHERE uid = ?');
    this.byFigi = db.prepare("SELECT * FROM instruments WHERE figi = ? AND figi <> '' ORDER BY uid");
    this.byTicker = db.prepare(
      'SELECT * FROM instruments WHERE ticker = ? COLLATE NOCASE ORDER BY class_code, uid',
    );
    this.byTickerClass = db.prepare(
      `SELECT * FROM instruments WHERE ticker = ? COLLATE NOCASE AND class_code = ? COLLATE NOCASE
       ORDER BY uid`,
    );
    this.everything = db.prepare('SELECT * FROM instruments ORDER BY ticker, class_code, uid');
  }

  /** Inserts or replaces the spec of `instrument` (keyed by uid). */
  put(instrument: Instrument, source: InstrumentSource, now: number): void {
    this.write(instrument, source, now, false);
  }

  /** Inserts `instrument` only if no row with its uid exists; returns whether it did. */
  putIfAbsent(instrument: Instrument, source: InstrumentSource, now: number): boolean {
    return this.write(instrument, source, now, true);
  }

  /** The instrument with this uid, if cached. */
  get(uid: string): Instrument | undefined {
    const row = this.byUid.get(uid) as Row | undefined;
    return row && this.withSpec(row);
  }

  /** Where the cached row of `uid` came from. */
  sourceOf(uid: string): InstrumentSource | undefined {
    const row = this.byUid.get(uid) as Row | undefined;
    return row && (row.source as InstrumentSource);
  }

  /**
   * Finds the instrument a parsed reference names (uids and FIGIs are already case-normalised by
   * the parser, so the indexed lookups are exact; tickers and class codes compare without case).
   * @throws UsageError when a bare ticker matches instruments on several class codes.
   */
  find(ref: InstrumentRef): Instrument | undefined {
    const rows = this.rowsFor(ref);
    if (ref.kind === 'ticker' && !ref.classCode && rows.length > 1)
      throw new UsageError(
        `ticker ${ref.ticker} is ambiguous: ${rows.map((r) => `${r.ticker}@${r.class_code}`).join(', ')}`,
        'name one as TICKER@CLASS_CODE, or use its uid or FIGI',
      );
    return rows[0] && this.withSpec(rows[0]);
  }

  private rowsFor(ref: InstrumentRef): Row[] {
    if (ref.kind === 'uid') return [this.byUid.get(ref.id) as Row | undefined].filter((r) => !!r);
    if (ref.kind === 'figi') return this.byFigi.all(ref.id) as Row[];
    if (ref.classCode) return this.byTickerClass.all(ref.ticker, ref.classCode) as Row[];
    return this.byTicker.all(ref.ticker) as Row[];
  }

  /** Every cached instrument, by ticker. */
  list(): Instrument[] {
    return (this.everything.all() as Row[]).map((r) => this.withSpec(r));
  }

  private withSpec(row: Row): Instrument {
    return this.specs.attach(fromRow(row));
  }
}

function toRow(i: Instrument, source: InstrumentSource, now: number) {
  return {
    uid: i.uid,
    figi: i.figi,
    ticker: i.ticker,
    class_code: i.classCode,
    isin: i.isin,
    name: i.name,
    kind: i.kind,
    lot: i.lot,
    min_price_increment: i.minPriceIncrement,
    currency: i.currency,
    short_enabled: i.shortEnabled ? 1 : 0,
    exchange: i.exchange,
    first_1min_candle_date: i.first1minCandleDate ?? null,
    first_1day_candle_date: i.first1dayCandleDate ?? null,
    source,
    updated_at: now,
  };
}

function fromRow(r: Row): Instrument {
  const out: Instrument = {
    uid: r.uid,
    figi: r.figi,
    ticker: r.ticker,
    classCode: r.class_code,
    isin: r.isin,
    name: r.name,
    kind: r.kind as InstrumentKind,
    lot: r.lot,
    minPriceIncrement: r.min_price_increment,
    currency: r.currency,
    shortEnabled: r.short_enabled === 1,
    exchange: r.exchange,
  };
  if (r.first_1min_candle_date !== null) out.first1minCandleDate = r.first_1min_candle_date;
  if (r.first_1day_candle_date !== null) out.first1dayCandleDate = r.first_1day_candle_date;
  return out;
}
