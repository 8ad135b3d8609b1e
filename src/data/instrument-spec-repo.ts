/**
 * @module The per-kind spec tables (futures_specs, bond_specs, currency_specs): what a futures
 * contract, a bond or a currency pair needs beyond the common instrument row. Written and read
 * together with the instruments table by InstrumentRepo, so an Instrument comes back with the spec
 * it was stored with; a futures spec comes back with the latest margin read (futures_margins).
 */
import type Database from 'better-sqlite3';
import type { Instrument } from '../core/instrument.ts';
import type { BondSpec, CurrencySpec, FuturesSpec } from '../core/instrument-economics.ts';
import { MarginRepo } from './margin-repo.ts';

interface FuturesRow {
  basic_asset: string;
  basic_asset_size: number;
  min_price_increment_amount: number;
  first_trade_date: number | null;
  last_trade_date: number;
  expiration_date: number;
  settlement: 'physical' | 'cash';
}

interface BondRow {
  nominal: number;
  nominal_currency: string;
  maturity_date: number | null;
  placement_date: number | null;
  coupons_per_year: number;
  floating_coupon: number;
  amortization: number;
  perpetual: number;
}

interface CurrencyRow {
  iso_currency_name: string;
  nominal: number;
}

/** Reads and writes the spec tables of one connection. */
export class InstrumentSpecRepo {
  private readonly margins: MarginRepo;
  private readonly putFutures: Database.Statement;
  private readonly putBond: Database.Statement;
  private readonly putCurrency: Database.Statement;
  private readonly getFutures: Database.Statement;
  private readonly getBond: Database.Statement;
  private readonly getCurrency: Database.Statement;
  private readonly drops: Database.Statement[];

  constructor(db: Database.Database) {
    this.margins = new MarginRepo(db);
    this.putFutures = db.prepare(
      `INSERT OR REPLACE INTO futures_specs (uid, basic_asset, basic_asset_size, min_price_increment_amount,
         first_trade_date, last_trade_date, expiration_date, settlement)
       VALUES (@uid, @basic_asset, @basic_asset_size, @min_price_increment_amount, @first_trade_date,
         @last_trade_date, @expiration_date, @settlement)`,
    );
    this.putBond = db.prepare(
      `INSERT OR REPLACE INTO bond_specs (uid, nominal, nominal_currency, maturity_date, placement_date,
         coupons_per_year, floating_coupon, amortization, perpetual)
       VALUES (@uid, @nominal, @nominal_currency, @maturity_date, @placement_date, @coupons_per_year,
         @floating_coupon, @amortization, @perpetual)`,
    );
    this.putCurrency = db.prepare(
      'INSERT OR REPLACE INTO currency_specs (uid, iso_currency_name, nominal) VALUES (?, ?, ?)',
    );
    this.getFutures = db.prepare('SELECT * FROM futures_specs WHERE uid = ?');
    this.getBond = db.prepare('SELECT * FROM bond_specs WHERE uid = ?');
    this.getCurrency = db.prepare('SELECT * FROM currency_specs WHERE uid = ?');
    this.drops = ['futures_specs', 'bond_specs', 'currency_specs'].map((t) =>
      db.prepare(`DELETE FROM ${t} WHERE uid = ?`),
    );
  }

  /**
   * Replaces the stored spec of `i` with the one it carries (none when it carries none, so a
   * re-fetched spec that lost a field does not keep a stale one). A futures margin it carries is
   * recorded too, under its read time.
   */
  put(i: Instrument): void {
    for (const d of this.drops) d.run(i.uid);
    if (i.futures) {
      this.putFutures.run(futuresRow(i.uid, i.futures));
      if (i.futures.margin) this.margins.put(i.uid, i.futures.margin);
    }
    if (i.bond) this.putBond.run(bondRow(i.uid, i.bond));
    if (i.currencyPair) this.putCurrency.run(i.uid, i.currencyPair.isoCurrencyName, i.currencyPair.nominal);
  }

  /** `i` with its stored specs attached (the futures spec with the latest margin read). */
  attach(i: Instrument): Instrument {
    const f = this.getFutures.get(i.uid) as FuturesRow | undefined;
    if (f) {
      i.futures = futuresSpec(f);
      const margin = this.margins.latest(i.uid);
      if (margin) i.futures.margin = margin;
    }
    const b = this.getBond.get(i.uid) as BondRow | undefined;
    if (b) i.bond = bondSpec(b);
    const c = this.getCurrency.get(i.uid) as CurrencyRow | undefined;
    if (c) i.currencyPair = { isoCurrencyName: c.iso_currency_name, nominal: c.nominal } satisfies CurrencySpec;
    return i;
  }
}

function futuresRow(uid: string, f: FuturesSpec) {
  return {
    uid,
    basic_asset: f.basicAsset,
    basic_asset_size: f.basicAssetSize,
    min_price_increment_amount: f.minPriceIncrementAmount,
    first_trade_date: f.firstTradeDate ?? null,
    last_trade_date: f.lastTradeDate,
    expiration_date: f.expirationDate,
    settlement: f.settlement,
  };
}

function futuresSpec(r: FuturesRow): FuturesSpec {
  const out: FuturesSpec = {
    basicAsset: r.basic_asset,
    basicAssetSize: r.basic_asset_size,
    minPriceIncrementAmount: r.min_price_increment_amount,
    lastTradeDate: r.last_trade_date,
    expirationDate: r.expiration_date,
    settlement: r.settlement,
  };
  if (r.first_trade_date !== null) out.firstTradeDate = r.first_trade_date;
  return out;
}

function bondRow(uid: string, b: BondSpec) {
  return {
    uid,
    nominal: b.nominal,
    nominal_currency: b.nominalCurrency,
    maturity_date: b.maturityDate ?? null,
    placement_date: b.placementDate ?? null,
    coupons_per_year: b.couponsPerYear,
    floating_coupon: b.floatingCoupon ? 1 : 0,
    amortization: b.amortization ? 1 : 0,
    perpetual: b.perpetual ? 1 : 0,
  };
}

function bondSpec(r: BondRow): BondSpec {
  const out: BondSpec = {
    nominal: r.nominal,
    nominalCurrency: r.nominal_currency,
    couponsPerYear: r.coupons_per_year,
    floatingCoupon: r.floating_coupon === 1,
    amortization: r.amortization === 1,
    perpetual: r.perpetual === 1,
  };
  if (r.maturity_date !== null) out.maturityDate = r.maturity_date;
  if (r.placement_date !== null) out.placementDate = r.placement_date;
  return out;
}
