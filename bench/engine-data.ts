/**
 * @module Generated market data for the engine benchmark: seeded, mean-reverting 1-minute candles on
 * a 0.01 grid, written into a temporary SQLite cache through the cache's own store, in slices so the
 * generator never holds a whole series. The same seed gives the same file content on every machine.
 */
import type { Candle } from '../src/core/candle.ts';
import type { Instrument } from '../src/core/instrument.ts';
import { SeededRandom } from '../src/core/random.ts';
import type { CandleStore } from '../src/data/index.ts';

/** First candle of every generated series (a Monday, 00:00 UTC). */
export const BENCH_START = Date.UTC(2020, 0, 6);
const MINUTE = 60_000;
const SLICE = 50_000;

/** A benchmark instrument: lot 10, tick 0.01, rub. */
export function benchInstrument(k: number): Instrument {
  const ticker = `BN${String(k).padStart(2, '0')}`;
  return {
    uid: `00000000-0000-4000-8000-${String(k).padStart(12, '0')}`,
    figi: `BBGBENCH${String(k).padStart(4, '0')}`,
    ticker,
    classCode: 'TQBR',
    isin: `RUBENCH${String(k).padStart(5, '0')}`,
    name: `Benchmark share ${k}`,
    kind: 'share',
    lot: 10,
    minPriceIncrement: 0.01,
    currency: 'rub',
    shortEnabled: true,
    exchange: 'MOEX',
  };
}

/** Writes `count` consecutive 1-minute candles of `inst` (seeded by `seed`) and covers their range. */
export function writeSeries(
  store: CandleStore,
  inst: Instrument,
  count: number,
  seed: number,
): void {
  const rnd = new SeededRandom(seed);
  let ticks = 10_000; // 100.00
  const slice: Candle[] = [];
  for (let start = 0; start < count; start += SLICE) {
    const n = Math.min(SLICE, count - start);
    slice.length = 0;
    for (let i = 0; i < n; i++) {
      const open = ticks;
      // Ornstein-Uhlenbeck around 100.00 with 0.1% noise a minute: stays in a realistic band.
      const close = Math.max(
        100,
        Math.round(open + 0.001 * (10_000 - open) + rnd.normal() * 0.001 * open),
      );
      const high = Math.max(open, close) + Math.round(rnd.next() * 0.0005 * open);
      const low = Math.min(open, close) - Math.round(rnd.next() * 0.0005 * open);
      slice.push({
        time: BENCH_START + (start + i) * MINUTE,
        open: open / 100,
        high: high / 100,
        low: low / 100,
        close: close / 100,
        volume: 1 + Math.floor(rnd.next() * 1000),
      });
      ticks = close;
    }
    const from = BENCH_START + start * MINUTE;
    store.upsertCandles(inst.uid, '1m', slice, { from, to: from + n * MINUTE });
  }
}
