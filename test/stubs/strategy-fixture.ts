/**
 * @module The small fixture every strategy test pins its trades on: 20 hourly SBER candles from
 * Monday 2024-03-04 07:00 UTC, rising, falling, rising and falling again (each open is the previous
 * close; high and low half a rouble outside the body), and a helper that backtests a registry entry
 * on it with 10,000 RUB, the default fees and fills.
 */
import { runBacktest, type BacktestResult } from '../../src/engine/index.ts';
import type { RawParam, StrategyEntry } from '../../src/strategies/index.ts';
import { candles, instrument } from './candles.ts';
import { MemoryFeed } from './memory-feed.ts';

/** Hours from the fixture's start. */
export const H = 3_600_000;
/** Open time of the first candle. */
export const T0 = Date.UTC(2024, 2, 4, 7);
/** The closes, in order. */
export const CLOSES = [
  100, 100, 100, 100, 101, 102.5, 104, 103, 101, 99, 98, 99, 100.5, 102, 103.5, 103, 101.5, 100, 99,
  98.5,
];

const rows = CLOSES.map((c, i) => {
  const o = i === 0 ? 100 : CLOSES[i - 1];
  return [o, Math.max(o, c) + 0.5, Math.min(o, c) - 0.5, c];
});

/** The fixture candles. */
export const FIXTURE = candles(T0, H, rows);
/** The fixture's instrument (lot 1, tick 0.01, short-enabled). */
export const SBER = instrument({ ticker: 'SBER' });

/** Backtests `entry` with `params` on the fixture. */
export async function runOnFixture(
  entry: StrategyEntry,
  params: Record<string, RawParam>,
  allowShort = false,
): Promise<BacktestResult> {
  const feed = new MemoryFeed().add({ instrumentUid: SBER.uid, interval: '1h' }, FIXTURE);
  return runBacktest({
    strategy: entry.create(params),
    strategyName: entry.name,
    params: entry.parse(params),
    instruments: [SBER],
    interval: '1h',
    range: { from: T0, to: T0 + 20 * H },
    feed,
    startingCash: 10_000,
    allowShort,
  });
}

/** Fills as `side lots@price hour` strings, hours counted from T0. */
export function fillLines(r: BacktestResult): string[] {
  return r.fills.map((f) => `${f.side} ${f.lots}@${f.price} h${(f.time - T0) / H}`);
}
