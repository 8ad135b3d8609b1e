/**
 * @module The shares the synthetic market trades: real MOEX identifiers and specs (figi, uid, isin,
 * lot, price step as T-Invest reports them), plus the made-up parameters that shape their synthetic
 * prices. VTBR is listed with its specs after the July 2024 5000:1 consolidation (lot 1, step 0.01).
 */
import type { Instrument } from '../../core/instrument.ts';

/** How the synthetic market moves one instrument. */
export interface SyntheticParams {
  /** Typical price level the daily anchors wander around (roubles per share). */
  basePrice: number;
  /** Standard deviation of the intraday log-price move over one full trading day. */
  dailyVol: number;
  /** Mean volume of a 1-minute candle, in lots. */
  minuteLots: number;
  /** Share of session minutes without trades (no candle). */
  missingRate: number;
}

/** An instrument of the synthetic market with its generator parameters. */
export interface SyntheticInstrument {
  instrument: Instrument;
  params: SyntheticParams;
  /**
   * Name of the price path (default the figi). Contracts of one futures series share one path, so
   * consecutive contracts move together and a continuous series rolls between close prices.
   */
  path?: string;
  /** [from, to) epoch ms in which the instrument trades at all (a contract's life, a bond's). */
  listed?: { from: number; to: number };
  /**
   * [from, to) in which it is the liquid one (a futures series' front contract); outside it the
   * volume is a twentieth, so a roll by volume finds the hand-over.
   */
  active?: { from: number; to: number };
}

/** First day of synthetic history: the real API's 1-minute history for these shares starts here. */
export const HISTORY_START = Date.UTC(2018, 2, 7);

function share(
  ticker: string,
  ids: { figi: string; uid: string; isin: string; name: string },
  lot: number,
  minPriceIncrement: number,
): Instrument {
  return {
    ...ids,
    ticker,
    classCode: 'TQBR',
    kind: 'share',
    lot,
    minPriceIncrement,
    currency: 'rub',
    shortEnabled: true,
    exchange: 'MOEX',
    first1minCandleDate: HISTORY_START + 7 * 3_600_000,
    first1dayCandleDate: HISTORY_START,
  };
}

/** The synthetic market's instruments, in the order Shares() lists them. */
export const SYNTHETIC_CATALOG: readonly SyntheticInstrument[] = [
  {
    instrument: share(
      'SBER',
      {
        figi: 'BBG004730N88',
        uid: 'e6123145-9665-43e0-8413-cd61b8aa9b13',
        isin: 'RU0009029540',
        name: 'Сбер Банк',
      },
      10,
      0.01,
    ),
    params: { basePrice: 270, dailyVol: 0.018, minuteLots: 1500, missingRate: 0.002 },
  },
  {
    instrument: share(
      'GAZP',
      {
        figi: 'BBG004730RP0',
        uid: '962e2a95-02a9-4171-abd7-aa198dbe643a',
        isin: 'RU0007661625',
        name: 'Газпром',
      },
      10,
      0.01,
    ),
    params: { basePrice: 160, dailyVol: 0.02, minuteLots: 1800, missingRate: 0.004 },
  },
  {
    instrument: share(
      'VTBR',
      {
        figi: 'BBG004730ZJ9',
        uid: '8e2b0325-0292-4654-8a18-4f63ed3b0e09',
        isin: 'RU000A0JP5V6',
        name: 'Банк ВТБ',
      },
      1,
      0.01,
    ),
    params: { basePrice: 90, dailyVol: 0.022, minuteLots: 6000, missingRate: 0.004 },
  },
  {
    instrument: share(
      'ROSN',
      {
        figi: 'BBG004731354',
        uid: 'fd417230-19cf-4e7b-9623-f7c9ca18ec6b',
        isin: 'RU000A0J2Q06',
        name: 'Роснефть',
      },
      1,
      0.05,
    ),
    params: { basePrice: 520, dailyVol: 0.019, minuteLots: 900, missingRate: 0.01 },
  },
  {
    instrument: share(
      'LKOH',
      {
        figi: 'BBG004731032',
        uid: '02cfdf61-6298-4c0f-a9ca-9cabc82afaf3',
        isin: 'RU0009024277',
        name: 'ЛУКОЙЛ',
      },
      1,
      0.5,
    ),
    params: { basePrice: 6800, dailyVol: 0.016, minuteLots: 250, missingRate: 0.01 },
  },
  {
    instrument: share(
      'MOEX',
      {
        figi: 'BBG004730JJ5',
        uid: '5e1c2634-afc4-4e50-ad6d-f78fc14a539a',
        isin: 'RU000A0JR4A1',
        name: 'Московская Биржа',
      },
      10,
      0.01,
    ),
    params: { basePrice: 200, dailyVol: 0.02, minuteLots: 300, missingRate: 0.03 },
  },
];
