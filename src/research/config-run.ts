/**
 * @module One configuration of a study, run to a compact result: the same registered-strategy
 * backtest `tlab backtest` runs, over the study's shared candles, reduced to what ranking, the
 * overfitting statistics and the study pages need (metrics, the trades hash, daily equity).
 */
import type { Instrument } from '../core/instrument.ts';
import type { Interval } from '../core/interval.ts';
import type { TimeRange } from '../core/time.ts';
import type { BacktestResult, Metrics, RunFingerprint } from '../engine/index.ts';
import { runRegisteredBacktest, type ModelChoice } from '../app/registered-backtest.ts';
import type { RawParam } from '../strategies/index.ts';
import { SharedFeed, type SharedSeries } from './shared-candles.ts';

const DAY = 86_400_000;

/** Everything of a study's runs but the parameters that vary. */
export interface RunTemplate extends ModelChoice {
  strategy: string;
  instruments: readonly Instrument[];
  intervals: readonly Interval[];
  range: TimeRange;
  cash?: number;
  allowShort?: boolean;
}

/** One configuration's task, as sent to a worker thread. */
export interface ConfigTask {
  template: RunTemplate;
  params: Record<string, RawParam>;
  series: SharedSeries[];
}

/** What a study keeps of one run. */
export interface ConfigResult {
  params: Record<string, RawParam>;
  metrics: Metrics;
  fingerprint: RunFingerprint;
  /** Equity at the last mark of each UTC day with marks, and those days' start times. */
  dailyEquity: number[];
  dailyTime: number[];
  startingCash: number;
}

/** E_d and its days from a result's equity curve (marks stamped with candle open times). */
export function dailyEquity(r: BacktestResult): { time: number[]; equity: number[] } {
  const time: number[] = [];
  const equity: number[] = [];
  const t = r.equity.time;
  const e = r.equity.equity;
  for (let i = 0; i < t.length; i++) {
    const d = Math.floor(t[i] / DAY) * DAY;
    if (time.length > 0 && time[time.length - 1] === d) equity[equity.length - 1] = e[i];
    else {
      time.push(d);
      equity.push(e[i]);
    }
  }
  return { time, equity };
}

/** Runs one configuration over the shared candles. */
export async function runConfig(task: ConfigTask): Promise<ConfigResult> {
  const result = await runRegisteredBacktest({
    ...task.template,
    params: task.params,
    feed: new SharedFeed(task.series),
    recordEquity: true,
  });
  const d = dailyEquity(result);
  return {
    params: task.params,
    metrics: result.metrics,
    fingerprint: result.fingerprint,
    dailyEquity: d.equity,
    dailyTime: d.time,
    startingCash: result.startingCash,
  };
}
