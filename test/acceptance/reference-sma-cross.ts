/**
 * @module An independent statement of the sma-cross rule and the default fill model, for the golden
 * tests: SMAs from technicalindicators' batch API, crosses found by the rule's two inequalities, each
 * decision filled at the next candle's open with 0.05% commission rounded to kopecks, long only, one
 * position of `lots` at a time. It shares no code with the engine, so agreement is evidence.
 */
import { SMA } from 'technicalindicators';

/** One expected execution. */
export interface RefFill {
  side: 'buy' | 'sell';
  price: number;
  time: number;
  commission: number;
}

/** Kopeck rounding, half away from zero on the decimal value. */
function kopecks(x: number): number {
  return Math.round(Number((x * 100).toPrecision(15))) / 100;
}

/** Expected fills and final equity of sma-cross (long only) over columnar candles. */
export function referenceSmaCross(
  c: { time: ArrayLike<number>; open: ArrayLike<number>; close: ArrayLike<number> },
  o: { fast: number; slow: number; lots: number; lot: number; cash: number; fee: number },
): { fills: RefFill[]; finalEquity: number } {
  const closes = Array.from(c.close);
  const n = closes.length;
  const fastRaw = SMA.calculate({ period: o.fast, values: closes });
  const slowRaw = SMA.calculate({ period: o.slow, values: closes });
  const fast = (t: number) => (t >= o.fast - 1 ? fastRaw[t - o.fast + 1] : NaN);
  const slow = (t: number) => (t >= o.slow - 1 ? slowRaw[t - o.slow + 1] : NaN);
  const fills: RefFill[] = [];
  let units = 0;
  let cash = o.cash;
  for (let t = 1; t < n - 1; t++) {
    const up = fast(t - 1) <= slow(t - 1) && fast(t) > slow(t);
    const down = fast(t - 1) >= slow(t - 1) && fast(t) < slow(t);
    const price = c.open[t + 1];
    const value = o.lots * o.lot * price;
    const commission = kopecks(value * o.fee);
    if (up && units === 0) {
      fills.push({ side: 'buy', price, time: c.time[t + 1], commission });
      units = o.lots * o.lot;
      cash -= value + commission;
    } else if (down && units > 0) {
      fills.push({ side: 'sell', price, time: c.time[t + 1], commission });
      units = 0;
      cash += value - commission;
    }
  }
  return { fills, finalEquity: cash + units * closes[n - 1] };
}
