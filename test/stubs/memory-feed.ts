/**
 * @module A MarketDataFeed over in-memory candles, for tests and benchmarks: series registered as
 * candle arrays or columnar batches, served in batches of a chosen size, synchronously or as an
 * async iterable, with optional "missing" ranges to exercise coverage checks.
 */
import {
  batchFromCandles,
  createCandleBatch,
  type Candle,
  type CandleBatch,
} from '../../src/core/candle.ts';
import type { TimeRange } from '../../src/core/time.ts';
import type { MarketDataFeed, SeriesKey } from '../../src/engine/ports/market-data-feed.ts';

/** Options of {@link MemoryFeed}. */
export interface MemoryFeedOptions {
  /** Candles per batch (default 4096). */
  batchSize?: number;
  /** Serve an AsyncIterable instead of an Iterable. */
  async?: boolean;
}

const key = (s: SeriesKey) => `${s.instrumentUid}|${s.interval}`;

/** In-memory feed; one reused batch object per read, as real feeds may do. */
export class MemoryFeed implements MarketDataFeed {
  private readonly data = new Map<string, CandleBatch>();
  private readonly holes = new Map<string, TimeRange[]>();
  readonly reads: SeriesKey[] = [];

  constructor(private readonly options: MemoryFeedOptions = {}) {}

  /** Registers a series (candles oldest first). */
  add(series: SeriesKey, candles: readonly Candle[] | CandleBatch): this {
    this.data.set(
      key(series),
      Array.isArray(candles) ? batchFromCandles(candles) : (candles as CandleBatch),
    );
    return this;
  }

  /** Declares ranges of a series as never fetched. */
  setMissing(series: SeriesKey, ranges: TimeRange[]): this {
    this.holes.set(key(series), ranges);
    return this;
  }

  missing(series: SeriesKey, range: TimeRange): TimeRange[] {
    const holes = this.holes.get(key(series));
    if (holes === undefined) return this.data.has(key(series)) ? [] : [range];
    return holes
      .map((h) => ({ from: Math.max(h.from, range.from), to: Math.min(h.to, range.to) }))
      .filter((h) => h.from < h.to);
  }

  read(series: SeriesKey, range: TimeRange): Iterable<CandleBatch> | AsyncIterable<CandleBatch> {
    this.reads.push(series);
    const src = this.data.get(key(series)) ?? createCandleBatch(0);
    const gen = slices(src, range, this.options.batchSize ?? 4096);
    if (!this.options.async) return gen;
    return (async function* () {
      for (const b of gen) yield b;
    })();
  }
}

function* slices(src: CandleBatch, range: TimeRange, size: number): Generator<CandleBatch> {
  let i = 0;
  while (i < src.length && src.time[i] < range.from) i++;
  let end = i;
  while (end < src.length && src.time[end] < range.to) end++;
  const out = createCandleBatch(size);
  for (let start = i; start < end; start += size) {
    const n = Math.min(size, end - start);
    for (const col of ['time', 'open', 'high', 'low', 'close', 'volume'] as const) {
      out[col].set(src[col].subarray(start, start + n));
    }
    out.length = n;
    yield out;
  }
}
