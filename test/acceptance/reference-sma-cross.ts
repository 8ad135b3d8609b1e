/**
 * @module An independent statement of the sma-cross rule and the default fill model, for the golden
 * tests, computed exactly: every price read as the decimal it prints as (the real archive has a few
 * like 323.74333333333334; they are taken at their 14 places), window sums and the
 * sign of SMA(fast) - SMA(slow) in BigInt rationals, crosses by the rule's two inequalities, each
 * decision filled at the next candle's open with the fee rounded half up to kopecks in integers, cash
 * kept in BigInt minor units, long only, one position of `lots` at a time. It shares no code with
 * the engine, so agreement is evidence.
 */
import { decimalUnits, printedDecimals, ratioSign } from './exact-rational.ts';

/** One expected execution. */
export interface RefFill {
  side: 'buy' | 'sell';
  price: number;
  time: number;
  commission: number;
}

/** One expected round trip (entry at a buy, exit at the next sell). */
export interface RefTrip {
  entryTime: number;
  entryPrice: number;
  exitTime: number;
  exitPrice: number;
}

/** What the reference needs to know. */
export interface RefOptions {
  fast: number;
  slow: number;
  lots: number;
  lot: number;
  cash: number;
  fee: number;
}

/** Signs of SMA(fast) - SMA(slow) after every candle (NaN until both exist), exactly. */
export function exactCrossSigns(units: readonly bigint[], fast: number, slow: number): number[] {
  const out: number[] = [];
  let sf = 0n;
  let ss = 0n;
  for (let t = 0; t < units.length; t++) {
    sf += units[t] - (t >= fast ? units[t - fast] : 0n);
    ss += units[t] - (t >= slow ? units[t - slow] : 0n);
    out.push(t >= slow - 1 ? ratioSign(sf, BigInt(fast), ss, BigInt(slow)) : NaN);
  }
  return out;
}

/** Expected fills, round trips and final equity of sma-cross (long only) over columnar candles. */
export function referenceSmaCross(
  c: { time: ArrayLike<number>; open: ArrayLike<number>; close: ArrayLike<number> },
  o: RefOptions,
): { fills: RefFill[]; trips: RefTrip[]; finalEquity: number } {
  let d = 0;
  for (const col of [c.open, c.close]) {
    for (let i = 0; i < col.length; i++) d = Math.max(d, printedDecimals(col[i]));
  }
  const scale = 10n ** BigInt(Math.max(d, 2));
  const toMinor = 10n ** BigInt(Math.max(d, 2) - d);
  const closes = Array.from(c.close, (x) => decimalUnits(x, d));
  const sign = exactCrossSigns(closes, o.fast, o.slow);
  const feeNano = decimalUnits(o.fee, 9); // the fee as a fraction, in units of 1e-9
  const units = BigInt(o.lots * o.lot);
  const fills: RefFill[] = [];
  const trips: RefTrip[] = [];
  let held = false;
  let cash = decimalUnits(o.cash, 2) * (scale / 100n);
  for (let t = 1; t < closes.length - 1; t++) {
    const up = sign[t - 1] <= 0 && sign[t] > 0;
    const down = sign[t - 1] >= 0 && sign[t] < 0;
    if (!(up && !held) && !(down && held)) continue;
    const price = c.open[t + 1];
    const value = units * decimalUnits(price, d); // in 10^-d
    // kopecks = value · fee · 100 / 10^d, half up: floor((2·num + den) / (2·den)).
    const num = value * feeNano * 100n;
    const den = 10n ** BigInt(d + 9);
    const kop = (2n * num + den) / (2n * den);
    const flow = value * toMinor + (kop * scale) / 100n;
    const time = c.time[t + 1];
    if (!held) {
      cash -= flow;
      trips.push({ entryTime: time, entryPrice: price, exitTime: NaN, exitPrice: NaN });
    } else {
      cash += value * toMinor - (kop * scale) / 100n;
      Object.assign(trips[trips.length - 1], { exitTime: time, exitPrice: price });
    }
    fills.push({ side: held ? 'sell' : 'buy', price, time, commission: Number(kop) / 100 });
    held = !held;
  }
  if (held) trips.pop();
  const last = closes[closes.length - 1] * toMinor;
  const equity = cash + (held ? units * last : 0n);
  return { fills, trips, finalEquity: Number(equity) / Number(scale) };
}

/** The fields of engine fills the reference states, in its shape. */
export function fillsOf(fills: readonly RefFill[]): RefFill[] {
  return fills.map(({ side, price, time, commission }) => ({ side, price, time, commission }));
}

/** The fields of engine round trips the reference states, in its shape. */
export function tripsOf(trips: readonly RefTrip[]): RefTrip[] {
  return trips.map(({ entryTime, entryPrice, exitTime, exitPrice }) => ({
    entryTime,
    entryPrice,
    exitTime,
    exitPrice,
  }));
}
