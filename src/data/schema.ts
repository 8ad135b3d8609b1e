/**
 * @module The cache's SQLite schema as an ordered list of migrations. `PRAGMA user_version` holds
 * how many have been applied; opening a cache applies the rest, each in its own transaction, so a
 * cache is never left between two versions.
 */
import type Database from 'better-sqlite3';
import { CacheFileError } from './cache-errors.ts';

/**
 * Migration 1: instruments, columnar candle chunks, coverage and meta. Candle chunks keep their
 * metadata in plain columns (readable with any SQLite client) and the candles in one BLOB.
 */
const V1 = `
CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE instruments (
  uid TEXT PRIMARY KEY,
  figi TEXT NOT NULL DEFAULT '',
  ticker TEXT NOT NULL DEFAULT '',
  class_code TEXT NOT NULL DEFAULT '',
  isin TEXT NOT NULL DEFAULT '',
  name TEXT NOT NULL DEFAULT '',
  kind TEXT NOT NULL DEFAULT 'other',
  lot INTEGER NOT NULL DEFAULT 1,
  min_price_increment REAL NOT NULL DEFAULT 0,
  currency TEXT NOT NULL DEFAULT '',
  short_enabled INTEGER NOT NULL DEFAULT 0,
  exchange TEXT NOT NULL DEFAULT '',
  first_1min_candle_date INTEGER,
  first_1day_candle_date INTEGER,
  source TEXT NOT NULL DEFAULT 'api',
  updated_at INTEGER NOT NULL
);
CREATE INDEX instruments_by_figi ON instruments (figi);
CREATE INDEX instruments_by_ticker ON instruments (ticker COLLATE NOCASE, class_code COLLATE NOCASE);
CREATE TABLE candle_chunks (
  uid TEXT NOT NULL,
  interval TEXT NOT NULL,
  chunk_start INTEGER NOT NULL,
  day TEXT NOT NULL,
  count INTEGER NOT NULL CHECK (count > 0),
  first_time INTEGER NOT NULL,
  last_time INTEGER NOT NULL,
  checksum INTEGER NOT NULL,
  data BLOB NOT NULL,
  PRIMARY KEY (uid, interval, chunk_start)
);
CREATE TABLE coverage (
  uid TEXT NOT NULL,
  interval TEXT NOT NULL,
  from_time INTEGER NOT NULL,
  to_time INTEGER NOT NULL CHECK (to_time > from_time),
  PRIMARY KEY (uid, interval, from_time)
) WITHOUT ROWID;
CREATE VIEW series_summary AS
  SELECT c.uid, i.ticker, c.interval, count(*) AS chunks, sum(c.count) AS candles,
    strftime('%Y-%m-%dT%H:%M:%SZ', min(c.first_time) / 1000, 'unixepoch') AS first_candle,
    strftime('%Y-%m-%dT%H:%M:%SZ', max(c.last_time) / 1000, 'unixepoch') AS last_candle
  FROM candle_chunks c LEFT JOIN instruments i ON i.uid = c.uid
  GROUP BY c.uid, c.interval;
INSERT INTO meta (key, value) VALUES ('format', 'tinvest-lab candle cache'), ('chunk_codec', '1');
`;

/**
 * Migration 2: provenance. Every chunk names the source its candles came from (one label, or one
 * label per line when a write with `--allow-mixed-sources` merged two sources into one chunk) and
 * when it was last written; `series_sources` lists every source that ever wrote into a series (a
 * mix is two rows). Series from a version-1 cache get the source `unknown`, since nothing recorded it.
 */
const V2 = `
ALTER TABLE candle_chunks ADD COLUMN source TEXT NOT NULL DEFAULT 'unknown';
ALTER TABLE candle_chunks ADD COLUMN fetched_at INTEGER;
CREATE TABLE series_sources (
  uid TEXT NOT NULL,
  interval TEXT NOT NULL,
  source TEXT NOT NULL,
  first_fetched INTEGER,
  last_fetched INTEGER,
  PRIMARY KEY (uid, interval, source)
) WITHOUT ROWID;
INSERT INTO series_sources (uid, interval, source)
  SELECT DISTINCT uid, interval, 'unknown' FROM candle_chunks
  UNION SELECT DISTINCT uid, interval, 'unknown' FROM coverage;
DROP VIEW series_summary;
CREATE VIEW series_summary AS
  SELECT c.uid, i.ticker, c.interval, count(*) AS chunks, sum(c.count) AS candles,
    strftime('%Y-%m-%dT%H:%M:%SZ', min(c.first_time) / 1000, 'unixepoch') AS first_candle,
    strftime('%Y-%m-%dT%H:%M:%SZ', max(c.last_time) / 1000, 'unixepoch') AS last_candle,
    (SELECT group_concat(s.source, ' + ') FROM series_sources s
      WHERE s.uid = c.uid AND s.interval = c.interval) AS sources
  FROM candle_chunks c LEFT JOIN instruments i ON i.uid = c.uid
  GROUP BY c.uid, c.interval;
`;

/**
 * Migration 3: every instrument kind's economics. Each kind's spec fields sit in their own table
 * keyed by the instrument's uid (written and read with the instrument); dividends, coupons and
 * futures margins are their own tables, a margin keyed by the time it was read, since GO changes
 * and a backtest says which one it used. Amounts are decimals in the instrument's (or the bond's
 * nominal) currency, as the API reports them.
 */
const V3 = `
CREATE TABLE futures_specs (
  uid TEXT PRIMARY KEY,
  basic_asset TEXT NOT NULL,
  basic_asset_size REAL NOT NULL,
  min_price_increment_amount REAL NOT NULL,
  first_trade_date INTEGER,
  last_trade_date INTEGER NOT NULL,
  expiration_date INTEGER NOT NULL,
  settlement TEXT NOT NULL CHECK (settlement IN ('physical', 'cash'))
) WITHOUT ROWID;
CREATE INDEX futures_by_asset ON futures_specs (basic_asset, expiration_date);
CREATE TABLE bond_specs (
  uid TEXT PRIMARY KEY,
  nominal REAL NOT NULL,
  nominal_currency TEXT NOT NULL,
  maturity_date INTEGER,
  placement_date INTEGER,
  coupons_per_year INTEGER NOT NULL,
  floating_coupon INTEGER NOT NULL,
  amortization INTEGER NOT NULL,
  perpetual INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE currency_specs (
  uid TEXT PRIMARY KEY,
  iso_currency_name TEXT NOT NULL,
  nominal REAL NOT NULL
) WITHOUT ROWID;
CREATE TABLE futures_margins (
  uid TEXT NOT NULL,
  read_at INTEGER NOT NULL,
  initial_margin_on_buy REAL NOT NULL,
  initial_margin_on_sell REAL NOT NULL,
  PRIMARY KEY (uid, read_at)
) WITHOUT ROWID;
CREATE TABLE dividends (
  uid TEXT NOT NULL,
  record_date INTEGER NOT NULL,
  last_buy_date INTEGER,
  payment_date INTEGER,
  per_share REAL NOT NULL,
  currency TEXT NOT NULL,
  PRIMARY KEY (uid, record_date)
) WITHOUT ROWID;
CREATE TABLE coupons (
  uid TEXT NOT NULL,
  number INTEGER NOT NULL,
  coupon_date INTEGER NOT NULL,
  fix_date INTEGER,
  per_bond REAL NOT NULL,
  period_start INTEGER,
  period_end INTEGER,
  PRIMARY KEY (uid, number)
) WITHOUT ROWID;
CREATE INDEX coupons_by_date ON coupons (uid, coupon_date);
`;

/**
 * Migration 4: trading schedules and continuous series. `trading_days` caches TradingSchedules per
 * exchange and UTC day (sessions as JSON `[[kind, start, end], ...]`, epoch ms); `continuous_series`
 * names how each continuous series was built and `continuous_rolls` where it moved from one
 * contract to the next, so a backtest can trade the contract that was front and pay the roll.
 */
const V4 = `
CREATE TABLE trading_days (
  exchange TEXT NOT NULL,
  date INTEGER NOT NULL,
  is_trading_day INTEGER NOT NULL,
  sessions TEXT NOT NULL,
  source TEXT NOT NULL,
  fetched_at INTEGER,
  PRIMARY KEY (exchange, date)
) WITHOUT ROWID;
CREATE TABLE continuous_series (
  uid TEXT PRIMARY KEY,
  base TEXT NOT NULL,
  interval TEXT NOT NULL,
  roll TEXT NOT NULL,
  adjust TEXT NOT NULL,
  built_at INTEGER
);
CREATE TABLE continuous_rolls (
  uid TEXT NOT NULL,
  seq INTEGER NOT NULL,
  time INTEGER NOT NULL,
  from_uid TEXT NOT NULL,
  to_uid TEXT NOT NULL,
  from_price REAL NOT NULL,
  to_price REAL NOT NULL,
  PRIMARY KEY (uid, seq)
) WITHOUT ROWID;
`;

/**
 * Migration 5: which ranges of each instrument's dividends and coupons were fetched, merged like
 * candle coverage, so a second download of a range asks the API nothing.
 */
const V5 = `
CREATE TABLE economics_coverage (
  uid TEXT NOT NULL,
  part TEXT NOT NULL CHECK (part IN ('dividends', 'coupons')),
  from_time INTEGER NOT NULL,
  to_time INTEGER NOT NULL CHECK (to_time > from_time),
  PRIMARY KEY (uid, part, from_time)
) WITHOUT ROWID;
`;

/** Every migration in order; index i brings the schema from version i to version i + 1. */
export const MIGRATIONS: readonly string[] = [V1, V2, V3, V4, V5];

/** The schema version this code writes. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Brings `db` up to {@link SCHEMA_VERSION}. Each step runs in an IMMEDIATE transaction and rereads
 * the version inside it, so two processes opening a fresh cache at once do not both migrate.
 * @throws CacheFileError when the file is a foreign database or was written by a newer tlab.
 */
export function migrate(db: Database.Database, label: string): void {
  for (;;) {
    const step = db.transaction((): boolean => {
      const version = db.pragma('user_version', { simple: true }) as number;
      if (version > SCHEMA_VERSION)
        throw new CacheFileError(label, 'newer', version);
      if (version === SCHEMA_VERSION) return false;
      if (version === 0) assertEmpty(db, label);
      db.exec(MIGRATIONS[version]);
      db.pragma(`user_version = ${version + 1}`);
      return true;
    });
    if (!step.immediate()) return;
  }
}

/** A version-0 file must have no tables: otherwise it is some other application's database. */
function assertEmpty(db: Database.Database, label: string): void {
  const row = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as {
    n: number;
  };
  if (row.n > 0) throw new CacheFileError(label, 'foreign');
}
