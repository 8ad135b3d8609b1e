/**
 * @module Instruments and runs for the economics tests: a futures contract, a bond and a currency
 * pair with real-looking specs (the figures the hand computations in the tests start from), and a
 * scripted run over hourly candles that records cash and equity at every close.
 */
import type { Candle } from '../../../src/core/candle.ts';
import type { Instrument } from '../../../src/core/instrument.ts';
import type { FuturesSpec } from '../../../src/core/instrument-economics.ts';
import {
  runBacktest,
  type BacktestConfig,
  type BacktestResult,
  type StrategyContext,
} from '../../../src/engine/index.ts';
import { candles, instrument } from '../../stubs/candles.ts';
import { MemoryFeed } from '../../stubs/memory-feed.ts';
import { ScriptedStrategy, type Script } from '../../stubs/scripted-strategy.ts';

export const M = 60_000;
export const H = 60 * M;
export const DAY = 24 * H;
/** Monday 2024-03-04 07:00 UTC (10:00 MSK). */
export const MON = Date.UTC(2024, 2, 4, 7);

/** An RTS-index-like future: step 10 points worth 12.3456 rub, GO 15,000 long / 14,000 short. */
export function rtsFuture(over: Partial<FuturesSpec> = {}): Instrument {
  return instrument({
    ticker: 'RIH4',
    kind: 'futures',
    classCode: 'SPBFUT',
    minPriceIncrement: 10,
    futures: {
      basicAsset: 'RTSI',
      basicAssetSize: 1,
      minPriceIncrementAmount: 12.3456,
      lastTradeDate: Date.UTC(2024, 2, 21),
      expirationDate: Date.UTC(2024, 2, 21),
      settlement: 'cash',
      margin: { initialMarginOnBuy: 15_000, initialMarginOnSell: 14_000, readAt: MON - DAY },
      ...over,
    },
  });
}

/** Hourly candles from `[open, high, low, close]` rows starting at `start`. */
export function hourly(start: number, rows: readonly number[][]): Candle[] {
  return candles(start, H, rows);
}

/** Rows with open = high = low = close for each price. */
export function flat(prices: readonly number[]): number[][] {
  return prices.map((p) => [p, p, p, p]);
}

/** What a scripted run saw: cash and equity after each candle (index = candle k). */
export interface Observed {
  result: BacktestResult;
  cash: number[];
  equity: number[];
  strategy: ScriptedStrategy;
}

/** Runs a script over hourly candles of each instrument; extra config overrides the defaults. */
export async function runScript(
  series: readonly { inst: Instrument; candles: Candle[] }[],
  script: Script,
  o: Partial<BacktestConfig> & { range: { from: number; to: number } },
): Promise<Observed> {
  const feed = new MemoryFeed();
  for (const s of series) feed.add({ instrumentUid: s.inst.uid, interval: '1h' }, s.candles);
  const cash: number[] = [];
  const equity: number[] = [];
  const strategy = new ScriptedStrategy((k, c, ctx: StrategyContext) => {
    script(k, c, ctx);
    cash[k] = ctx.cash();
    equity[k] = ctx.equity();
  });
  const result = await runBacktest({
    strategy,
    strategyName: 'scripted',
    instruments: series.map((s) => s.inst),
    interval: '1h',
    feed,
    startingCash: 100_000,
    ...o,
  });
  return { result, cash, equity, strategy };
}
