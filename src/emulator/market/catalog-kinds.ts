/**
 * @module The synthetic market's ETFs, bonds and currencies. TMOS and TRUR (T-Capital's funds on
 * TQTF) carry their real FIGIs; OFZ 26238 (TQOB) its real ticker, ISIN, 7.1% coupon paid twice a
 * year and maturity; USD000UTSTOM and CNYRUB_TOM (CETS, lot 1000) their real FIGIs, and USD its
 * real uid. The corporate bond is illustrative (a made-up issue with quarterly coupons), as are the
 * uids marked synthetic. A bond's prices are in percent of its nominal.
 */
import type { Instrument } from '../../core/instrument.ts';
import type { SyntheticInstrument } from './catalog.ts';
import { syntheticUid } from './synthetic-ids.ts';

const D = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d);

type Ids = Pick<Instrument, 'uid' | 'figi' | 'ticker' | 'classCode' | 'isin' | 'name'>;

function listing(ids: Ids, over: Partial<Instrument>, first: number): Instrument {
  return {
    ...ids,
    kind: 'etf',
    lot: 1,
    minPriceIncrement: 0.01,
    currency: 'rub',
    shortEnabled: false,
    exchange: 'MOEX',
    first1minCandleDate: first + 7 * 3_600_000,
    first1dayCandleDate: first,
    ...over,
  };
}

/** OFZ 26238: placed 2021-06-16, redeemed 2041-05-15, 35.40 roubles every 182 days. */
export const OFZ_26238 = listing(
  {
    uid: syntheticUid('bond:SU26238RMFS4'),
    figi: 'TCS00A1038V6',
    ticker: 'SU26238RMFS4',
    classCode: 'TQOB',
    isin: 'RU000A1038V6',
    name: 'ОФЗ 26238',
  },
  {
    kind: 'bond',
    minPriceIncrement: 0.001,
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
  },
  D(2021, 6, 16),
);

/** An illustrative corporate bond: 11.7% paid every 91 days, placed 2023-03-01 for three years. */
export const CORPORATE_BOND = listing(
  {
    uid: syntheticUid('bond:TLAB-CORP-001P-01'),
    figi: 'TCS00A1TLB01',
    ticker: 'RU000A1TLB01',
    classCode: 'TQCB',
    isin: 'RU000A1TLB01',
    name: 'Синтез 001P-01 (illustrative)',
  },
  {
    kind: 'bond',
    bond: {
      nominal: 1000,
      nominalCurrency: 'rub',
      maturityDate: D(2023, 3, 1) + 12 * 91 * 86_400_000,
      placementDate: D(2023, 3, 1),
      couponsPerYear: 4,
      floatingCoupon: false,
      amortization: false,
      perpetual: false,
    },
  },
  D(2023, 3, 1),
);

const ETF_START = D(2021, 1, 1);
const FX_START = D(2018, 3, 7);

/** The non-share, non-futures instruments of the synthetic market, in listing order. */
export const SYNTHETIC_OTHER_KINDS: readonly SyntheticInstrument[] = [
  {
    instrument: listing(
      {
        uid: syntheticUid('etf:TMOS'),
        figi: 'BBG333333333',
        ticker: 'TMOS',
        classCode: 'TQTF',
        isin: 'RU000A101X76',
        name: 'Т-Капитал Индекс МосБиржи',
      },
      {},
      ETF_START,
    ),
    params: { basePrice: 6.5, dailyVol: 0.012, minuteLots: 20000, missingRate: 0.01 },
  },
  {
    instrument: listing(
      {
        uid: syntheticUid('etf:TRUR'),
        figi: 'BBG000000001',
        ticker: 'TRUR',
        classCode: 'TQTF',
        isin: 'RU000A1011U5',
        name: 'Т-Капитал Вечный портфель',
      },
      {},
      ETF_START,
    ),
    params: { basePrice: 7.2, dailyVol: 0.006, minuteLots: 8000, missingRate: 0.02 },
  },
  {
    instrument: OFZ_26238,
    params: { basePrice: 62, dailyVol: 0.004, minuteLots: 600, missingRate: 0.05 },
    listed: { from: D(2021, 6, 16), to: D(2041, 5, 15) },
  },
  {
    instrument: CORPORATE_BOND,
    params: { basePrice: 98, dailyVol: 0.003, minuteLots: 150, missingRate: 0.2 },
    listed: { from: D(2023, 3, 1), to: D(2023, 3, 1) + 12 * 91 * 86_400_000 },
  },
  {
    instrument: listing(
      {
        uid: 'a22a1263-8e1b-4546-a1aa-416463f104d3',
        figi: 'BBG0013HGFT4',
        ticker: 'USD000UTSTOM',
        classCode: 'CETS',
        isin: '',
        name: 'Доллар США',
      },
      {
        kind: 'currency',
        lot: 1000,
        minPriceIncrement: 0.0025,
        shortEnabled: true,
        exchange: 'FX',
        currencyPair: { isoCurrencyName: 'usd', nominal: 1 },
      },
      FX_START,
    ),
    params: { basePrice: 88, dailyVol: 0.008, minuteLots: 2000, missingRate: 0.005 },
  },
  {
    instrument: listing(
      {
        uid: syntheticUid('currency:CNYRUB_TOM'),
        figi: 'BBG0013HRTL0',
        ticker: 'CNYRUB_TOM',
        classCode: 'CETS',
        isin: '',
        name: 'Юань',
      },
      {
        kind: 'currency',
        lot: 1000,
        minPriceIncrement: 0.0005,
        shortEnabled: true,
        exchange: 'FX',
        currencyPair: { isoCurrencyName: 'cny', nominal: 1 },
      },
      FX_START,
    ),
    params: { basePrice: 12.3, dailyVol: 0.007, minuteLots: 6000, missingRate: 0.005 },
  },
];
