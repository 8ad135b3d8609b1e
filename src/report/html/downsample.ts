/**
 * @module Shrinks long series for the HTML charts so a million-candle run still gives a small page:
 * price candles are re-aggregated to the smallest coarser interval that fits the budget, and line
 * series keep the minimum and maximum of each bucket (spikes and drawdowns stay visible).
 * Chart times are UTC seconds, strictly increasing, as lightweight-charts requires.
 */
import type { Candle, CandleBatch } from '../../core/candle.ts';

/** A price series as the report accepts it: candle objects or a columnar batch. */
export type PriceSeries = readonly Candle[] | CandleBatch;

/** One chart candle: `[timeSeconds, open, high, low, close, volume]` (volume in lots). */
export type ChartCandle = [number, number, number, number, number, number];

/** One chart point: `[timeSeconds, value]`. */
export type ChartPoint = [number, number];

/** Aggregated candles and the bucket they were aggregated to (null when shown as given). */
export interface DownsampledCandles {
  candles: ChartCandle[];
  bucketMs: number | null;
}

const MIN = 60_000;
const DAY = 1_440 * MIN;
/** 1970-01-05 was a Monday: weekly buckets start on Mondays, as T-Invest's weekly candles do. */
const MONDAY = 4 * DAY;
const LADDER = [MIN, 5 * MIN, 15 * MIN, 30 * MIN, 60 * MIN, 240 * MIN, DAY, 7 * DAY];

function bucketStart(t: number, size: number): number {
  const offset = size === 7 * DAY ? MONDAY : 0;
  return Math.floor((t - offset) / size) * size + offset;
}

/** A read-only columnar view of either input form. */
export interface Columns {
  length: number;
  at(i: number): Candle;
}

/** Either input form as {@link Columns}; `at` may reuse one object, so copy what you keep. */
export function columns(series: PriceSeries): Columns {
  if (Array.isArray(series)) {
    const arr = series as readonly Candle[];
    return { length: arr.length, at: (i) => arr[i] };
  }
  const b = series as CandleBatch;
  const c: Candle = { time: 0, open: 0, high: 0, low: 0, close: 0, volume: 0 };
  // One scratch object reused for every index: no allocation per candle.
  const at = (i: number): Candle => {
    c.time = b.time[i];
    c.open = b.open[i];
    c.high = b.high[i];
    c.low = b.low[i];
    c.close = b.close[i];
    c.volume = b.volume[i];
    return c;
  };
  return { length: b.length, at };
}

function countBuckets(cols: Columns, size: number, stopAbove: number): number {
  let count = 0;
  let last = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < cols.length && count <= stopAbove; i++) {
    const b = bucketStart(cols.at(i).time, size);
    if (b !== last) {
      count++;
      last = b;
    }
  }
  return count;
}

function asIs(cols: Columns): ChartCandle[] {
  const out: ChartCandle[] = [];
  let lastSec = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < cols.length; i++) {
    const c = cols.at(i);
    const sec = Math.floor(c.time / 1000);
    if (sec > lastSec) out.push([sec, c.open, c.high, c.low, c.close, c.volume]);
    lastSec = Math.max(lastSec, sec);
  }
  return out;
}

function aggregate(cols: Columns, size: number): ChartCandle[] {
  const out: ChartCandle[] = [];
  let cur: ChartCandle | null = null;
  for (let i = 0; i < cols.length; i++) {
    const c = cols.at(i);
    const sec = Math.floor(bucketStart(c.time, size) / 1000);
    if (cur !== null && sec === cur[0]) {
      cur[2] = Math.max(cur[2], c.high);
      cur[3] = Math.min(cur[3], c.low);
      cur[4] = c.close;
      cur[5] += c.volume;
    } else if (cur === null || sec > cur[0]) {
      cur = [sec, c.open, c.high, c.low, c.close, c.volume];
      out.push(cur);
    }
  }
  return out;
}

/**
 * The series as chart candles: as given when it has at most `maxCandles`, otherwise aggregated to
 * the smallest of 1m/5m/15m/30m/1h/4h/1d/1w buckets that fits (1w when nothing fits).
 */
export function downsampleCandles(series: PriceSeries, maxCandles: number): DownsampledCandles {
  const cols = columns(series);
  if (cols.length <= maxCandles) return { candles: asIs(cols), bucketMs: null };
  const size = LADDER.find((s) => countBuckets(cols, s, maxCandles) <= maxCandles);
  const chosen = size ?? LADDER[LADDER.length - 1];
  return { candles: aggregate(cols, chosen), bucketMs: chosen };
}

/** Index of the last chart candle opening at or before `sec` (0 when none does). */
export function candleIndexAt(candles: readonly ChartCandle[], sec: number): number {
  let lo = 0;
  let hi = candles.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (candles[mid][0] <= sec) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Appends a point unless its second is not after the last one's (then it replaces the value). */
function pushPoint(out: ChartPoint[], timeMs: number, value: number, digits: number): void {
  if (!Number.isFinite(value) || !Number.isFinite(timeMs)) return;
  const sec = Math.floor(timeMs / 1000);
  const v = Number(value.toFixed(digits));
  const last = out[out.length - 1];
  if (last === undefined || sec > last[0]) out.push([sec, v]);
  else if (sec === last[0]) last[1] = v;
}

/** Options of {@link downsampleLine}. */
export interface LineDownsampleOptions {
  /** Upper bound of points returned (default 5000). */
  maxPoints?: number;
  /** Decimal places kept in values (default 2); charts need no more, and the page stays small. */
  digits?: number;
}

/**
 * A line series with at most `maxPoints` points: all of them when it fits, else the first, the
 * last, and the minimum and maximum of each of `maxPoints / 2 - 1` equal index buckets.
 */
export function downsampleLine(
  time: ArrayLike<number>,
  value: ArrayLike<number>,
  options: LineDownsampleOptions = {},
): ChartPoint[] {
  const maxPoints = Math.max(4, options.maxPoints ?? 5000);
  const digits = options.digits ?? 2;
  const n = Math.min(time.length, value.length);
  const out: ChartPoint[] = [];
  if (n <= maxPoints) {
    for (let i = 0; i < n; i++) pushPoint(out, time[i], value[i], digits);
    return out;
  }
  const buckets = Math.floor(maxPoints / 2) - 1;
  pushPoint(out, time[0], value[0], digits);
  for (let k = 0; k < buckets; k++) {
    const a = Math.floor((k * n) / buckets);
    const b = Math.floor(((k + 1) * n) / buckets);
    let lo = a;
    let hi = a;
    for (let i = a + 1; i < b; i++) {
      if (value[i] < value[lo]) lo = i;
      if (value[i] > value[hi]) hi = i;
    }
    pushPoint(out, time[Math.min(lo, hi)], value[Math.min(lo, hi)], digits);
    if (lo !== hi) pushPoint(out, time[Math.max(lo, hi)], value[Math.max(lo, hi)], digits);
  }
  pushPoint(out, time[n - 1], value[n - 1], digits);
  return out;
}

/**
 * Drawdown at every point in percent (0 at a peak, negative below it); the running peak starts at
 * `start` (the starting cash), as DESIGN.md defines max drawdown.
 */
export function drawdownPercent(equity: ArrayLike<number>, start: number): Float64Array {
  const out = new Float64Array(equity.length);
  let peak = Number.isFinite(start) && start > 0 ? start : Number.NEGATIVE_INFINITY;
  for (let i = 0; i < equity.length; i++) {
    const v = equity[i];
    if (v > peak) peak = v;
    out[i] = peak > 0 && Number.isFinite(v) ? (v / peak - 1) * 100 : Number.NaN;
  }
  return out;
}
