/**
 * @module The instruments table: specs cached from InstrumentsService, or minimal rows derived
 * from an imported archive (source `archive`) until the downloader fetches the real spec.
 * Lookups accept a uid, a FIGI, a ticker (case-insensitive) or `TICKER@CLASS_CODE`.
 */
import type Database from 'better-sqlite3';
import { UsageError } from '../core/errors.ts';
import type { Instrument, InstrumentKind } from '../core/instrument.ts';

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
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True when `id` has the shape of an instrument uid (a UUID). */
export function looksLikeUid(id: string): boolean {
  return UUID.test(id);
}

/** True when `id` has the shape of a FIGI (12 characters starting with BBG or TCS). */
export function looksLikeFigi(id: string): boolean {
  return /^(BBG|TCS)[0-9A-Z]{9}$/.test(id);
}

/** Reads and writes the instruments table of one database connection. */
export class InstrumentRepo {
  private readonly upsert: Database.Statement;
  private readonly insertIfAbsent: Database.Statement;
  private readonly byUid: Database.Statement;
  private readonly byFigi: Database.Statement;
  private readonly byTicker: Database.Statement;
  private readonly byTickerClass: Database.Statement;
  private readonly everything: Database.Statement;

  constructor(db: Database.Database) {
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
    this.upsert.run(toRow(instrument, source, now));
  }

  /** Inserts `instrument` only if no row with its uid exists; returns whether it did. */
  putIfAbsent(instrument: Instrument, source: InstrumentSource, now: number): boolean {
    return this.insertIfAbsent.run(toRow(instrument, source, now)).changes > 0;
  }

  /** The instrument with this uid, if cached. */
  get(uid: string): Instrument | undefined {
    const row = this.byUid.get(uid) as Row | undefined;
    return row && fromRow(row);
  }

  /** Where the cached row of `uid` came from. */
  sourceOf(uid: string): InstrumentSource | undefined {
    const row = this.byUid.get(uid) as Row | undefined;
    return row && (row.source as InstrumentSource);
  }

  /**
   * Finds an instrument by uid, FIGI, `TICKER@CLASS_CODE` or ticker.
   * @throws UsageError when a bare ticker matches instruments on several class codes.
   */
  find(id: string): Instrument | undefined {
    const text = id.trim();
    const at = text.indexOf('@');
    if (at > 0) {
      const rows = this.byTickerClass.all(text.slice(0, at), text.slice(at + 1)) as Row[];
      return rows[0] && fromRow(rows[0]);
    }
    // uids and FIGIs are case-normalised by the API (lower- and upper-case), so exact indexed
    // lookups on the normalised text suffice.
    const direct = (this.byUid.get(text.toLowerCase()) ?? this.byFigi.all(text.toUpperCase())[0]) as
      | Row
      | undefined;
    if (direct) return fromRow(direct);
    const rows = this.byTicker.all(text) as Row[];
    if (rows.length > 1)
      throw new UsageError(
        `ticker ${text} is ambiguous: ${rows.map((r) => `${r.ticker}@${r.class_code}`).join(', ')}`,
        'name one as TICKER@CLASS_CODE, or use its uid or FIGI',
      );
    return rows[0] && fromRow(rows[0]);
  }

  /** Every cached instrument, by ticker. */
  list(): Instrument[] {
    return (this.everything.all() as Row[]).map(fromRow);
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
