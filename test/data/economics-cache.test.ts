/**
 * The cache's economics: each kind's spec round-trips with its instrument, a version-2 cache
 * migrates, dividends and coupons replace by range, margins keep every read, and loadEconomics
 * returns a backtest's slice in a fixed order.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Instrument } from '../../src/core/instrument.ts';
import { EconomicsCache } from '../../src/data/economics-cache.ts';
import { loadEconomics } from '../../src/data/load-economics.ts';
import { MIGRATIONS, SCHEMA_VERSION } from '../../src/data/schema.ts';
import { type CandleStore, openStore } from '../../src/data/store.ts';

const D = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d);

const SI: Instrument = {
  uid: 'f4b6a1c2-0000-4000-8000-000000000001',
  figi: 'FUTSI0324000',
  ticker: 'SiH4',
  classCode: 'SPBFUT',
  isin: '',
  name: 'Si-3.24',
  kind: 'futures',
  lot: 1,
  minPriceIncrement: 1,
  currency: 'rub',
  shortEnabled: true,
  exchange: 'FORTS_EVENING',
  futures: {
    basicAsset: 'USDRUBF',
    basicAssetSize: 1000,
    minPriceIncrementAmount: 1,
    firstTradeDate: D(2023, 3, 16),
    lastTradeDate: D(2024, 3, 21),
    expirationDate: D(2024, 3, 21),
    settlement: 'cash',
    margin: { initialMarginOnBuy: 13804.56, initialMarginOnSell: 13804.56, readAt: D(2024, 1, 10) },
  },
};

const OFZ: Instrument = {
  uid: 'b0000000-0000-4000-8000-000000026238',
  figi: 'BBG00ZFXJJ83',
  ticker: 'SU26238RMFS4',
  classCode: 'TQOB',
  isin: 'RU000A1038V6',
  name: 'OFZ 26238',
  kind: 'bond',
  lot: 1,
  minPriceIncrement: 0.001,
  currency: 'rub',
  shortEnabled: false,
  exchange: 'MOEX',
  bond: {
    nominal: 1000,
    nominalCurrency: 'rub',
    maturityDate: D(2041, 5, 15),
    placementDate: D(2021, 6, 16),
    couponsPerYear: 2,
    floatingCoupon: false,
    amortization: false,
    perpetual: false,
  },
};

const USD: Instrument = {
  uid: 'a22a1263-8e1b-4546-a1aa-416463f104d3',
  figi: 'BBG0013HGFT4',
  ticker: 'USD000UTSTOM',
  classCode: 'CETS',
  isin: '',
  name: 'Доллар США',
  kind: 'currency',
  lot: 1000,
  minPriceIncrement: 0.0025,
  currency: 'rub',
  shortEnabled: true,
  exchange: 'FX',
  currencyPair: { isoCurrencyName: 'usd', nominal: 1 },
};

let store: CandleStore;
beforeEach(() => {
  store = openStore(':memory:');
});
afterEach(() => store.close());

describe('spec tables', () => {
  it('round-trip every kind with its instrument, the futures spec with its latest margin', () => {
    store.upsertInstruments([SI, OFZ, USD]);
    expect(store.getInstrument(SI.uid)).toEqual(SI);
    expect(store.findInstrument('SU26238RMFS4')).toEqual(OFZ);
    expect(store.listInstruments().find((i) => i.kind === 'currency')).toEqual(USD);
  });

  it('drop a spec the re-fetched instrument no longer carries', () => {
    store.upsertInstrument(OFZ);
    const { bond: _, ...plain } = OFZ;
    store.upsertInstrument(plain);
    expect(store.getInstrument(OFZ.uid)?.bond).toBeUndefined();
  });

  it('attach the newest of several margin reads', () => {
    store.upsertInstrument(SI);
    const later = { initialMarginOnBuy: 14500, initialMarginOnSell: 14400.5, readAt: D(2024, 2, 1) };
    new EconomicsCache(store).putMargin(SI.uid, later);
    expect(store.getInstrument(SI.uid)?.futures?.margin).toEqual(later);
    expect(new EconomicsCache(store).margins(SI.uid).map((m) => m.readAt)).toEqual([D(2024, 1, 10), D(2024, 2, 1)]);
  });

  it('arrive by migration on a version-2 cache, keeping its rows', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tlab-econ-'));
    try {
      const file = path.join(dir, 'v2.sqlite');
      const old = new Database(file);
      old.exec(MIGRATIONS[0]);
      old.exec(MIGRATIONS[1]);
      old.pragma('user_version = 2');
      old
        .prepare("INSERT INTO instruments (uid, ticker, kind, updated_at) VALUES ('u-1', 'SBER', 'share', 0)")
        .run();
      old.close();
      const migrated = openStore(file);
      expect(migrated.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      expect(migrated.getInstrument('u-1')?.ticker).toBe('SBER');
      migrated.upsertInstrument(SI);
      expect(migrated.getInstrument(SI.uid)?.futures?.basicAssetSize).toBe(1000);
      migrated.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('dividends and coupons', () => {
  const SBER = 'e6123145-9665-43e0-8413-cd61b8aa9b13';
  const div2023 = { instrumentUid: SBER, recordDate: D(2023, 5, 11), perShare: 25, currency: 'rub' };
  const div2024 = {
    instrumentUid: SBER,
    recordDate: D(2024, 7, 11),
    lastBuyDate: D(2024, 7, 10),
    paymentDate: D(2024, 7, 18),
    perShare: 33.3,
    currency: 'rub',
  };

  it('replace the dividends of a downloaded range and keep those outside it', () => {
    const cache = new EconomicsCache(store);
    cache.putDividends(SBER, { from: D(2023, 1, 1), to: D(2025, 1, 1) }, [div2023, div2024]);
    // A re-download of 2024 that no longer lists the July dividend removes it, not the 2023 one.
    cache.putDividends(SBER, { from: D(2024, 1, 1), to: D(2025, 1, 1) }, []);
    expect(cache.dividends(SBER, D(2020, 1, 1), D(2030, 1, 1))).toEqual([div2023]);
    cache.putDividends(SBER, { from: D(2024, 1, 1), to: D(2025, 1, 1) }, [div2024]);
    expect(cache.dividends(SBER, D(2024, 1, 1), D(2024, 7, 11))).toEqual([]);
    expect(cache.dividends(SBER, D(2024, 1, 1), D(2024, 7, 12))).toEqual([div2024]);
  });

  it('return the coupon accruing when the range ends, paid after it', () => {
    const cache = new EconomicsCache(store);
    const c = (n: number, date: number, start: number) => ({
      instrumentUid: OFZ.uid,
      couponDate: date,
      number: n,
      perBond: 35.4,
      periodStart: start,
      periodEnd: date,
      fixDate: date - 86_400_000,
    });
    const coupons = [c(6, D(2024, 5, 29), D(2023, 11, 29)), c(7, D(2024, 11, 27), D(2024, 5, 29))];
    cache.putCoupons(OFZ.uid, { from: D(2021, 1, 1), to: D(2042, 1, 1) }, coupons);
    // [2024-03-01, 2024-08-01): coupon 6 is paid inside, coupon 7 accrues from 05-29 on.
    expect(cache.coupons(OFZ.uid, D(2024, 3, 1), D(2024, 8, 1)).map((x) => x.number)).toEqual([6, 7]);
    // [2024-01-01, 2024-05-01): only coupon 6, accruing; 7 starts after the range.
    expect(cache.coupons(OFZ.uid, D(2024, 1, 1), D(2024, 5, 1))).toEqual([coupons[0]]);
  });
});

describe('loadEconomics', () => {
  it('returns specs, events and margins of the uids asked for, in their order, and names the unknown', () => {
    store.upsertInstruments([SI, OFZ, USD]);
    const cache = new EconomicsCache(store);
    const coupon = { instrumentUid: OFZ.uid, couponDate: D(2024, 5, 29), number: 6, perBond: 35.4 };
    cache.putCoupons(OFZ.uid, { from: D(2024, 1, 1), to: D(2025, 1, 1) }, [coupon]);
    const got = loadEconomics(store, [OFZ.uid, 'no-such-uid', SI.uid, USD.uid, OFZ.uid], D(2024, 1, 1), D(2024, 7, 1));
    expect(got.instruments.map((i) => i.ticker)).toEqual(['SU26238RMFS4', 'SiH4', 'USD000UTSTOM']);
    expect(got.instruments[1]).toEqual(SI);
    expect(got.coupons).toEqual([coupon]);
    expect(got.dividends).toEqual([]);
    expect(got.margins).toEqual([{ instrumentUid: SI.uid, ...SI.futures!.margin! }]);
    expect(got.missing).toEqual(['no-such-uid']);
  });
});
