/**
 * @module The synthetic market's futures (FORTS, class SPBFUT): Si (USD/RUB, 1000 dollars per
 * contract, step 1 point = 1 rouble), RI (the RTS index, step 10 points, a step worth 0.2 dollars
 * in roubles) with quarterly contracts expiring on the third Thursday of March, June, September
 * and December, and BR (Brent, 10 barrels, step 0.01 dollars) with monthly contracts expiring on
 * the first weekday of their month. Tickers, names and FIGIs follow the real ones (FUTSI0324000 is
 * Si-3.24); uids, initial margins and the step values of RI and BR (which move with the dollar in
 * reality) are fixed made-up figures. Each series' contracts share one price path, scaled by a
 * carry per contract, and hand the liquidity over a week before the front one expires.
 */
import type { Instrument } from '../../core/instrument.ts';
import type { SyntheticInstrument, SyntheticParams } from './catalog.ts';
import { syntheticUid } from './synthetic-ids.ts';

const DAY = 86_400_000;
/** The last trading day's trading ends with the main session (15:40 UTC, 18:40 MSK). */
const LAST_TRADE_TIME = (15 * 60 + 40) * 60_000;
/** Liquidity moves to the next contract this long before the front one's last trading day. */
const HANDOVER = 7 * DAY;
const MONTH_CODES = 'FGHJKMNQUVXZ';

/** Initial margin (GO) per contract, in roubles, by uid: what GetFuturesMargin answers. */
export const FUTURES_MARGINS = new Map<string, { onBuy: number; onSell: number }>();

interface Series {
  /** Ticker prefix (Si, RI, BR) and name prefix (Si, RTS, BR). */
  code: string;
  name: string;
  /** FIGI of a contract from its month and two-digit year. */
  figi: (mm: string, yy: string) => string;
  basicAsset: string;
  basicAssetSize: number;
  step: number;
  stepValue: number;
  margin: { onBuy: number; onSell: number };
  params: SyntheticParams;
  /** Price ratio between consecutive contracts (contango above 1). */
  carry: number;
  /** How long before its expiry a contract is listed. */
  lifeDays: number;
  /** Contract months as [year, month], oldest first. */
  months: [number, number][];
  expiry: (year: number, month: number) => number;
}

function thirdThursday(year: number, month: number): number {
  const first = Date.UTC(year, month - 1, 1);
  const weekday = new Date(first).getUTCDay();
  return first + (((4 - weekday + 7) % 7) + 14) * DAY;
}

function firstWeekday(year: number, month: number): number {
  let t = Date.UTC(year, month - 1, 1);
  while ([0, 6].includes(new Date(t).getUTCDay())) t += DAY;
  return t;
}

function contracts(s: Series): SyntheticInstrument[] {
  const expiries = s.months.map(([y, m]) => s.expiry(y, m) + LAST_TRADE_TIME);
  return s.months.map(([year, month], k) => {
    const yy = String(year % 100).padStart(2, '0');
    const mm = String(month).padStart(2, '0');
    const ticker = `${s.code}${MONTH_CODES[month - 1]}${year % 10}`;
    const last = expiries[k];
    const from = Math.floor((last - s.lifeDays * DAY) / DAY) * DAY;
    const uid = syntheticUid(`futures:${ticker}:${year}`);
    FUTURES_MARGINS.set(uid, s.margin);
    const instrument: Instrument = {
      uid,
      figi: s.figi(mm, yy),
      ticker,
      classCode: 'SPBFUT',
      isin: '',
      name: `${s.name}-${month}.${yy}`,
      kind: 'futures',
      lot: 1,
      minPriceIncrement: s.step,
      currency: 'rub',
      shortEnabled: true,
      exchange: 'FORTS_EVENING',
      first1minCandleDate: from + 7 * 3_600_000,
      first1dayCandleDate: from,
      futures: {
        basicAsset: s.basicAsset,
        basicAssetSize: s.basicAssetSize,
        minPriceIncrementAmount: s.stepValue,
        firstTradeDate: from,
        lastTradeDate: last,
        expirationDate: last,
        settlement: 'cash',
      },
    };
    return {
      instrument,
      params: { ...s.params, basePrice: s.params.basePrice * s.carry ** k },
      path: `futures:${s.code}`,
      listed: { from, to: last },
      active: { from: k === 0 ? from : expiries[k - 1] - HANDOVER, to: last - HANDOVER },
    };
  });
}

const SERIES: readonly Series[] = [
  {
    code: 'Si',
    name: 'Si',
    figi: (mm, yy) => `FUTSI${mm}${yy}000`,
    basicAsset: 'USD',
    basicAssetSize: 1000,
    step: 1,
    stepValue: 1,
    margin: { onBuy: 14285.63, onSell: 14285.63 },
    params: { basePrice: 91000, dailyVol: 0.007, minuteLots: 4000, missingRate: 0.001 },
    carry: 1.02,
    lifeDays: 200,
    months: [
      [2024, 3],
      [2024, 6],
      [2024, 9],
      [2024, 12],
      [2025, 3],
    ],
    expiry: thirdThursday,
  },
  {
    code: 'RI',
    name: 'RTS',
    figi: (mm, yy) => `FUTRTS${mm}${yy}00`,
    basicAsset: 'RTSI',
    basicAssetSize: 1,
    step: 10,
    stepValue: 18.2456,
    margin: { onBuy: 27140.91, onSell: 27140.91 },
    params: { basePrice: 112000, dailyVol: 0.014, minuteLots: 1500, missingRate: 0.002 },
    carry: 1.005,
    lifeDays: 200,
    months: [
      [2024, 3],
      [2024, 6],
      [2024, 9],
      [2024, 12],
    ],
    expiry: thirdThursday,
  },
  {
    code: 'BR',
    name: 'BR',
    figi: (mm, yy) => `FUTBR${mm}${yy}000`,
    basicAsset: 'BRENT',
    basicAssetSize: 10,
    step: 0.01,
    stepValue: 9.1228,
    margin: { onBuy: 11734.18, onSell: 11734.18 },
    params: { basePrice: 80, dailyVol: 0.018, minuteLots: 3000, missingRate: 0.002 },
    carry: 0.997,
    lifeDays: 90,
    months: [
      [2024, 3],
      [2024, 4],
      [2024, 5],
      [2024, 6],
    ],
    expiry: firstWeekday,
  },
];

/** Every synthetic futures contract, series by series, oldest contract first. */
export const SYNTHETIC_FUTURES: readonly SyntheticInstrument[] = SERIES.flatMap(contracts);
