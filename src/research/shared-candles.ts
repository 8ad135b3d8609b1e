/**
 * @module Candle series in shared memory, read once by the process that starts a study and handed
 * to every worker thread without a copy: each series is one SharedArrayBuffer holding its six
 * float64 columns back to back. `SharedFeed` serves them to the kernel as a MarketDataFeed.
 */
import type { CandleBatch } from '../core/candle.ts';
import type { TimeRange } from '../core/time.ts';
import type { MarketDataFeed, SeriesKey } from '../engine/ports/market-data-feed.ts';

const COLUMNS = ['time', 'open', 'high', 'low', 'close', 'volume'] as const;

/** One series in shared memory, structured-clonable to workers (the buffer is shared, not copied). */
export interface SharedSeries {
  key: SeriesKey;
  length: number;
  buffer: SharedArrayBuffer;
  /** Ranges the series is known complete over (the cache's coverage), merged and sorted. */
  covered: TimeRange[];
  /** Source labels of its candles (core/data-source.ts), for the results. */
  sources: string[];
}

/** Copies a series' batches into one shared buffer. */
export function shareSeries(
  key: SeriesKey,
  batches: Iterable<CandleBatch>,
  covered: TimeRange[],
  sources: string[] = [],
): SharedSeries {
  const parts: CandleBatch[] = [];
  let n = 0;
  for (const b of batches) {
    const copy = {} as CandleBatch;
    for (const c of COLUMNS) copy[c] = b[c].slice(0, b.length);
    copy.length = b.length;
    parts.push(copy);
    n += b.length;
  }
  const buffer = new SharedArrayBuffer(Math.max(1, n) * 8 * COLUMNS.length);
  const view = columns(buffer, n);
  let at = 0;
  for (const p of parts) {
    for (const c of COLUMNS) view[c].set(p[c].subarray(0, p.length), at);
    at += p.length;
  }
  return { key: { ...key }, length: n, buffer, covered, sources };
}

function columns(buffer: SharedArrayBuffer, n: number): CandleBatch {
  const out = { length: n } as CandleBatch;
  COLUMNS.forEach((c, k) => (out[c] = new Float64Array(buffer, k * n * 8, n)));
  return out;
}

const keyOf = (s: SeriesKey) => `${s.instrumentUid}|${s.interval}`;

/** A MarketDataFeed over shared series. */
export class SharedFeed implements MarketDataFeed {
  private readonly series = new Map<string, { s: SharedSeries; cols: CandleBatch }>();

  constructor(list: readonly SharedSeries[]) {
    for (const s of list) this.series.set(keyOf(s.key), { s, cols: columns(s.buffer, s.length) });
  }

  *read(key: SeriesKey, range: TimeRange): Generator<CandleBatch> {
    const e = this.series.get(keyOf(key));
    if (e === undefined) return;
    const t = e.cols.time;
    let i = lowerBound(t, range.from);
    const end = lowerBound(t, range.to);
    const step = 8192;
    for (; i < end; i += step) {
      const j = Math.min(end, i + step);
      const b = { length: j - i } as CandleBatch;
      for (const c of COLUMNS) b[c] = e.cols[c].subarray(i, j);
      yield b;
    }
  }

  missing(key: SeriesKey, range: TimeRange): TimeRange[] {
    const covered = this.series.get(keyOf(key))?.s.covered ?? [];
    const gaps: TimeRange[] = [];
    let at = range.from;
    for (const c of covered) {
      if (c.to <= at || c.from >= range.to) continue;
      if (c.from > at) gaps.push({ from: at, to: c.from });
      at = Math.max(at, c.to);
    }
    if (at < range.to) gaps.push({ from: at, to: range.to });
    return gaps;
  }

  sources(key: SeriesKey): string[] {
    return this.series.get(keyOf(key))?.s.sources ?? [];
  }
}

function lowerBound(a: Float64Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
