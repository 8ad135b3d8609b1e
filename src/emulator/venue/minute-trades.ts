/**
 * @module The synthetic trades of one minute candle, a pure function of (seed, instrument key,
 * candle): the first trade is at the open, the last at the close, the high and the low are each
 * traded once in between, every other trade lies inside the range on the price grid, times are
 * strictly increasing inside the minute and the lots sum to the candle's volume. Aggregating the
 * trades therefore gives back the candle exactly. A candle with fewer lots than the distinct prices
 * it needs keeps what it can, dropping the low, then the high, then (one lot) the open.
 */
import type { Candle } from '../../core/candle.ts';
import { snapToStep } from '../../core/instrument.ts';
import { hashInts, unitFromHash } from '../../core/random.ts';
import type { TapeTrade } from './venue-ports.ts';

const MINUTE = 60_000;
const MIN_TRADES = 4;
const EXTRA_TRADES = 12;

/** Converts between prices and whole ticks of one step (step 0: prices are used as they are). */
export interface PriceGrid {
  ticks(price: number): number;
  price(ticks: number): number;
}

/** The grid of `step`; integer ticks-per-unit divide exactly, so 31714 / 100 is the double of 317.14. */
export function priceGrid(step: number): PriceGrid | undefined {
  if (!(step > 0)) return undefined;
  const perUnit = Math.round(1 / step);
  if (Math.abs(perUnit * step - 1) < 1e-12) {
    return { ticks: (p) => Math.round(p * perUnit), price: (t) => t / perUnit };
  }
  return { ticks: (p) => Math.round(p / step), price: (t) => snapToStep(t * step, step) };
}

/** Prices of the trades: anchors at fixed places, the rest interpolated between them on the grid. */
function tradePrices(c: Candle, n: number, grid: PriceGrid | undefined, h: number): number[] {
  const prices = new Array<number>(n);
  const anchors = new Map<number, number>([[0, c.open]]);
  anchors.set(n - 1, c.close);
  const needHigh = c.high > Math.max(c.open, c.close);
  const needLow = c.low < Math.min(c.open, c.close);
  const inner = n - 2;
  if (inner >= 1 && (needHigh || needLow)) {
    const a = 1 + (hashInts(h, 1) % inner);
    let b = 1 + (hashInts(h, 2) % inner);
    if (inner >= 2 && b === a) b = a === inner ? 1 : a + 1;
    if (needHigh) anchors.set(a, c.high);
    if (needLow && (!needHigh || b !== a)) anchors.set(b, c.low);
  }
  const keys = [...anchors.keys()].sort((x, y) => x - y);
  for (let k = 0; k < keys.length; k++) {
    const i0 = keys[k];
    const i1 = keys[k + 1] ?? i0;
    const p0 = anchors.get(i0)!;
    const p1 = anchors.get(i1)!;
    prices[i0] = p0;
    for (let i = i0 + 1; i < i1; i++) {
      if (!grid) {
        prices[i] = i - i0 <= i1 - i ? p0 : p1;
        continue;
      }
      const f = (i - i0) / (i1 - i0);
      const jitter = Math.floor(unitFromHash(hashInts(h, 3, i)) * 3) - 1;
      const t = Math.round(grid.ticks(p0) + f * (grid.ticks(p1) - grid.ticks(p0))) + jitter;
      const lo = grid.ticks(c.low);
      const hi = grid.ticks(c.high);
      prices[i] = grid.price(Math.min(hi, Math.max(lo, t)));
    }
  }
  return prices;
}

/** Splits `volume` into `n` positive whole parts with hashed weights. */
function splitLots(volume: number, n: number, h: number): number[] {
  const weights = Array.from({ length: n }, (_, i) => 0.2 + unitFromHash(hashInts(h, 4, i)));
  const total = weights.reduce((a, b) => a + b, 0);
  const spare = volume - n;
  const parts = weights.map((w) => 1 + Math.floor((spare * w) / total));
  let rest = volume - parts.reduce((a, b) => a + b, 0);
  for (let i = 0; rest > 0; i = (i + 1) % n, rest--) parts[i]++;
  return parts;
}

/** Strictly increasing millisecond offsets inside the minute. */
function offsets(n: number, h: number): number[] {
  const raw = Array.from({ length: n }, (_, i) =>
    Math.floor(unitFromHash(hashInts(h, 5, i)) * (MINUTE - n)),
  );
  raw.sort((a, b) => a - b);
  return raw.map((x, i) => x + i);
}

/** How many trades a candle gets: enough for its distinct prices, never more than its lots. */
function tradeCount(c: Candle, h: number): number {
  const needed =
    2 + (c.high > Math.max(c.open, c.close) ? 1 : 0) + (c.low < Math.min(c.open, c.close) ? 1 : 0);
  const wanted = Math.max(needed, MIN_TRADES + (hashInts(h, 0) % EXTRA_TRADES));
  return Math.max(1, Math.min(wanted, Math.floor(c.volume)));
}

/** The trades of minute candle `c` (open time on a minute) of the instrument keyed `key`. */
export function minuteTrades(c: Candle, step: number, seed: number, key: number): TapeTrade[] {
  const h = hashInts(seed, key, Math.floor(c.time / MINUTE));
  const n = tradeCount(c, h);
  const grid = priceGrid(step);
  const prices = n === 1 ? [c.close] : tradePrices(c, n, grid, h);
  const lots = splitLots(Math.max(n, Math.floor(c.volume)), n, h);
  const at = offsets(n, h);
  const out: TapeTrade[] = [];
  let side: 'buy' | 'sell' = (hashInts(h, 6) & 1) === 0 ? 'buy' : 'sell';
  for (let i = 0; i < n; i++) {
    if (i > 0 && prices[i] !== prices[i - 1]) side = prices[i] > prices[i - 1] ? 'buy' : 'sell';
    out.push({ time: c.time + at[i], price: prices[i], lots: lots[i], side });
  }
  return out;
}
