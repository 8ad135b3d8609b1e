/**
 * Every instrument kind through our TinvestClient against the in-process emulator: FutureBy and
 * Futures, EtfBy/Etfs, BondBy/Bonds, CurrencyBy/Currencies, GetFuturesMargin, GetDividends,
 * GetBondCoupons, GetAccruedInterests and FindInstrument across kinds, with values worked out by
 * hand (see each comment) and the contract's error for a lookup of the wrong kind.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.ts';
import { TinkoffApiError } from '../../src/live/client/api-error.ts';
import { createTinvestClient, type TinvestClient } from '../../src/live/index.ts';

const TOKEN = 'kinds-token';
const NOW = Date.UTC(2024, 9, 2, 12, 0, 0);
const D = (y: number, m: number, d: number, h = 0, min = 0) => Date.UTC(y, m - 1, d, h, min);
const DAY = 86_400_000;
const SBER_UID = 'e6123145-9665-43e0-8413-cd61b8aa9b13';

let emu: RunningEmulator;
let client: TinvestClient;
beforeAll(async () => {
  emu = await startEmulator({ tokens: [TOKEN], now: () => NOW });
  client = createTinvestClient({
    endpoint: emu.grpcAddress,
    token: TOKEN,
    retry: { maxRetries: 0 },
  });
});
afterAll(async () => {
  await client.close();
  await emu.stop();
});

describe('futures', () => {
  it('FutureBy gives Si-3.24 with its spec: third Thursday of March, 1000 dollars, 1 rouble a point', async () => {
    const si = await client.futureBy({ idType: 'figi', id: 'FUTSI0324000' });
    expect(si).toMatchObject({
      ticker: 'SiH4',
      classCode: 'SPBFUT',
      name: 'Si-3.24',
      kind: 'futures',
      lot: 1,
    });
    expect(si.minPriceIncrement).toBe(1);
    // 2024-03-01 is a Friday: Thursdays 7, 14, 21; trading ends with the main session, 15:40 UTC.
    expect(si.futures).toEqual({
      basicAsset: 'USD',
      basicAssetSize: 1000,
      minPriceIncrementAmount: 1,
      firstTradeDate: expect.any(Number),
      lastTradeDate: D(2024, 3, 21, 15, 40),
      expirationDate: D(2024, 3, 21, 15, 40),
      settlement: 'cash',
    });
    expect(si.futures?.margin).toBeUndefined();
  });

  it('Futures lists consecutive quarterly Si and RI contracts and monthly BR ones', async () => {
    const all = await client.futures();
    const expiries = (prefix: string) =>
      all
        .filter((f) => f.ticker.startsWith(prefix))
        .map((f) => new Date(f.futures!.expirationDate).toISOString().slice(0, 10));
    expect(expiries('Si')).toEqual([
      '2024-03-21',
      '2024-06-20',
      '2024-09-19',
      '2024-12-19',
      '2025-03-20',
    ]);
    expect(expiries('RI')).toEqual(['2024-03-21', '2024-06-20', '2024-09-19', '2024-12-19']);
    // First weekday of the month: April 1 2024 is a Monday, June 1 a Saturday.
    expect(expiries('BR')).toEqual(['2024-03-01', '2024-04-01', '2024-05-01', '2024-06-03']);
    const ri = all.find((f) => f.ticker === 'RIZ4')!;
    expect(ri.figi).toBe('FUTRTS122400');
    // A step of 10 points worth 18.2456 roubles: 1.82456 roubles a point.
    expect(ri.futures?.minPriceIncrementAmount).toBe(18.2456);
    expect(ri.minPriceIncrement).toBe(10);
  });

  it('GetFuturesMargin gives the GO per contract stamped with the time asked', async () => {
    const si = await client.futureBy({ idType: 'ticker', id: 'SiZ4', classCode: 'SPBFUT' });
    const m = await client.getFuturesMargin(si.uid, NOW);
    expect(m).toEqual({ initialMarginOnBuy: 14285.63, initialMarginOnSell: 14285.63, readAt: NOW });
  });

  it('trades a contract only inside its life, with the volume moving to the next a week before expiry', async () => {
    const [h4, m4] = await Promise.all(
      ['FUTSI0324000', 'FUTSI0624000'].map((id) => client.futureBy({ idType: 'figi', id })),
    );
    const candles = (uid: string, from: number) =>
      client.getCandles({ instrumentId: uid, interval: '1h', from, to: from + DAY });
    expect(await candles(h4.uid, D(2024, 3, 25))).toEqual([]);
    // 2024-03-05: SiH4 is the front contract and trades 20 times the volume of SiM4.
    const [front, next] = await Promise.all([
      candles(h4.uid, D(2024, 3, 5)),
      candles(m4.uid, D(2024, 3, 5)),
    ]);
    const volume = (cs: { volume: number }[]) => cs.reduce((s, c) => s + c.volume, 0);
    expect(front.length).toBeGreaterThan(10);
    expect(volume(front)).toBeGreaterThan(10 * volume(next));
    // The same path scaled by the 2% carry: closes differ by about 2% (ticks round each one).
    const ratio = next.at(-1)!.close / front.at(-1)!.close;
    expect(ratio).toBeGreaterThan(1.015);
    expect(ratio).toBeLessThan(1.025);
  });

  it('refuses FutureBy on a share with NOT_FOUND 50002', async () => {
    const err = await client.futureBy({ idType: 'uid', id: SBER_UID }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TinkoffApiError);
    expect((err as TinkoffApiError).apiCode).toBe(50002);
  });
});

describe('bonds', () => {
  it('BondBy gives OFZ 26238 with its nominal, coupons per year and maturity', async () => {
    const ofz = await client.bondBy({ idType: 'ticker', id: 'SU26238RMFS4', classCode: 'TQOB' });
    expect(ofz).toMatchObject({ isin: 'RU000A1038V6', kind: 'bond', minPriceIncrement: 0.001 });
    expect(ofz.bond).toEqual({
      nominal: 1000,
      nominalCurrency: 'rub',
      maturityDate: D(2041, 5, 15),
      placementDate: D(2021, 6, 16),
      couponsPerYear: 2,
      floatingCoupon: false,
      amortization: false,
      perpetual: false,
    });
    expect((await client.bonds()).map((b) => b.ticker)).toEqual(['SU26238RMFS4', 'RU000A1TLB01']);
  });

  it('GetBondCoupons: 182-day periods counted back from 2041-05-15, 1000 x 7.1% x 182/365 = 35.40', async () => {
    const ofz = await client.bondBy({ idType: 'figi', id: 'TCS00A1038V6' });
    const coupons = await client.getBondCoupons(ofz.uid, {
      from: D(2024, 1, 1),
      to: D(2025, 1, 1),
    });
    expect(coupons).toEqual([
      {
        instrumentUid: ofz.uid,
        couponDate: D(2024, 6, 5),
        fixDate: D(2024, 6, 4),
        number: 6,
        perBond: 35.4,
        periodStart: D(2023, 12, 6),
        periodEnd: D(2024, 6, 5),
      },
      {
        instrumentUid: ofz.uid,
        couponDate: D(2024, 12, 4),
        fixDate: D(2024, 12, 3),
        number: 7,
        perBond: 35.4,
        periodStart: D(2024, 6, 5),
        periodEnd: D(2024, 12, 4),
      },
    ]);
    // The first period runs from placement (2021-06-16) to 2021-12-08: 175 days, 34.04.
    const first = await client.getBondCoupons(ofz.uid, { to: D(2022, 1, 1) });
    expect(first.map((c) => [c.number, c.perBond])).toEqual([[1, 34.04]]);
  });

  it('GetBondCoupons of the corporate bond: every 91 days from 2023-03-01, 1000 x 11.7% x 91/365 = 29.17', async () => {
    const corp = await client.bondBy({ idType: 'ticker', id: 'RU000A1TLB01', classCode: 'TQCB' });
    const all = await client.getBondCoupons(corp.uid);
    expect(all).toHaveLength(12);
    expect(all.every((c) => c.perBond === 29.17)).toBe(true);
    expect(
      all
        .filter((c) => c.couponDate >= D(2024, 1, 1) && c.couponDate < D(2025, 1, 1))
        .map((c) => c.number),
    ).toEqual([4, 5, 6, 7]);
    expect(all.at(-1)!.couponDate).toBe(corp.bond!.maturityDate);
    expect(corp.bond!.maturityDate).toBe(D(2026, 2, 25));
  });

  it('GetAccruedInterests: 57 of 182 days of 35.40 on 2024-08-01 is 11.09 (1.109% of 1000)', async () => {
    const ofz = await client.bondBy({ idType: 'figi', id: 'TCS00A1038V6' });
    const days = await client.getAccruedInterests(ofz.uid, {
      from: D(2024, 8, 1),
      to: D(2024, 8, 3),
    });
    expect(days).toEqual([
      { date: D(2024, 8, 1), value: 11.09, valuePercent: 1.109, nominal: 1000 },
      // 58 days: 35.40 x 58 / 182 = 11.281..., 11.28.
      { date: D(2024, 8, 2), value: 11.28, valuePercent: 1.128, nominal: 1000 },
    ]);
    // The day a coupon is paid a new period starts: nothing accrued.
    const payday = await client.getAccruedInterests(ofz.uid, {
      from: D(2024, 6, 5),
      to: D(2024, 6, 6),
    });
    expect(payday.map((a) => a.value)).toEqual([0]);
  });
});

describe('dividends, ETFs, currencies and search', () => {
  it('GetDividends of SBER in 2024: 33.30 on record date 2024-07-11, last buy the day before under T+1', async () => {
    const divs = await client.getDividends(SBER_UID, { from: D(2024, 1, 1), to: D(2025, 1, 1) });
    expect(divs).toEqual([
      {
        instrumentUid: SBER_UID,
        recordDate: D(2024, 7, 11),
        lastBuyDate: D(2024, 7, 10),
        paymentDate: D(2024, 7, 21),
        perShare: 33.3,
        currency: 'rub',
      },
    ]);
    expect(await client.getDividends('962e2a95-02a9-4171-abd7-aa198dbe643a', {})).toEqual([]);
  });

  it('EtfBy/Etfs and CurrencyBy/Currencies give the funds and the currency pairs with their lots', async () => {
    expect((await client.etfs()).map((e) => [e.ticker, e.figi])).toEqual([
      ['TMOS', 'BBG333333333'],
      ['TRUR', 'BBG000000001'],
    ]);
    const tmos = await client.etfBy({ idType: 'figi', id: 'BBG333333333' });
    expect(tmos).toMatchObject({ kind: 'etf', classCode: 'TQTF', lot: 1 });
    const usd = await client.currencyBy({
      idType: 'uid',
      id: 'a22a1263-8e1b-4546-a1aa-416463f104d3',
    });
    expect(usd).toMatchObject({
      ticker: 'USD000UTSTOM',
      lot: 1000,
      minPriceIncrement: 0.0025,
      currency: 'rub',
    });
    expect(usd.currencyPair).toEqual({ isoCurrencyName: 'usd', nominal: 1 });
    expect((await client.currencies()).map((c) => c.currencyPair?.isoCurrencyName)).toEqual([
      'usd',
      'cny',
    ]);
  });

  it('FindInstrument finds every kind, and the kind filter narrows it', async () => {
    const si = await client.findInstrument('si', { kind: 'futures' });
    expect(si.map((h) => h.ticker)).toEqual(['SiH4', 'SiM4', 'SiU4', 'SiZ4', 'SiH5']);
    const ofz = await client.findInstrument('26238');
    expect(ofz.map((h) => [h.ticker, h.kind])).toEqual([['SU26238RMFS4', 'bond']]);
    expect((await client.findInstrument('CNYRUB')).map((h) => h.kind)).toEqual(['currency']);
  });

  it('instrumentWithSpec resolves any instrument with its kind spec', async () => {
    const bond = await client.instrumentWithSpec({ idType: 'figi', id: 'TCS00A1038V6' });
    expect(bond.bond?.couponsPerYear).toBe(2);
    const br = await client.instrumentWithSpec({
      idType: 'ticker',
      id: 'BRJ4',
      classCode: 'SPBFUT',
    });
    expect(br.futures).toMatchObject({
      basicAsset: 'BRENT',
      basicAssetSize: 10,
      minPriceIncrementAmount: 9.1228,
    });
    const sber = await client.instrumentWithSpec({ idType: 'uid', id: SBER_UID });
    expect(sber).toMatchObject({ kind: 'share', ticker: 'SBER', lot: 10 });
  });
});
