/**
 * @module Walk-forward validation: the range is cut into consecutive out-of-sample windows of equal
 * length (the last may be shorter), each preceded by its in-sample window (rolling: a fixed length
 * just before it; anchored: from the range's start). The best configuration of each in-sample
 * study is run on the window that follows; the out-of-sample runs are stitched into one curve
 * (each window's returns compounded on the last), and the walk-forward efficiency compares the
 * out-of-sample annualised return with the in-sample ones (Pardo's definition).
 */
import { UsageError } from '../core/errors.ts';
import type { TimeRange } from '../core/time.ts';
import { returnStats, type Metrics } from '../engine/index.ts';
import { pathDrawdown } from './robustness.ts';
import type { RawParam } from '../strategies/index.ts';
import type { ConfigPool } from './config-pool.ts';
import { dailyReturnsOf, runStudy, type StudySpec } from './study.ts';
import type { SharedSeries } from './shared-candles.ts';

/** One split. */
export interface WalkForwardWindow {
  index: number;
  inSample: TimeRange;
  outOfSample: TimeRange;
}

/** Splits `range` into windows; out-of-sample windows tile [from + inSample, to) exactly. */
export function walkForwardWindows(
  range: TimeRange,
  inSampleMs: number,
  outOfSampleMs: number,
  anchored: boolean,
): WalkForwardWindow[] {
  if (!(inSampleMs > 0 && outOfSampleMs > 0)) {
    throw new UsageError(
      'in-sample and out-of-sample lengths must be positive',
      'e.g. 90d and 30d',
    );
  }
  const out: WalkForwardWindow[] = [];
  for (let start = range.from + inSampleMs; start < range.to; start += outOfSampleMs) {
    out.push({
      index: out.length,
      inSample: { from: anchored ? range.from : start - inSampleMs, to: start },
      outOfSample: { from: start, to: Math.min(range.to, start + outOfSampleMs) },
    });
  }
  if (out.length === 0) {
    throw new UsageError(
      'the range is shorter than one in-sample window plus an out-of-sample one',
      'lengthen the range or shorten --in-sample / --out-of-sample',
    );
  }
  return out;
}

/** What one window gave. */
export interface WindowResult extends WalkForwardWindow {
  params: Record<string, RawParam> | null;
  configurations: number;
  inSample: TimeRange;
  inSampleMetrics: Metrics | null;
  outOfSampleMetrics: Metrics | null;
  /** The out-of-sample run's own daily equity (from the starting cash) and daily returns. */
  oosDailyTime: number[];
  oosDailyEquity: number[];
  oosReturns: number[];
}

/** The stitched out-of-sample run and the comparison with in-sample. */
export interface WalkForwardResult {
  windows: WindowResult[];
  /** Stitched out-of-sample daily equity, starting from the starting cash. */
  stitchedTime: number[];
  stitchedEquity: number[];
  outOfSample: {
    totalReturn: number | null;
    cagr: number | null;
    sharpe: number | null;
    maxDrawdown: number | null;
    trades: number;
  };
  /** Mean in-sample CAGR of the chosen configurations. */
  inSampleCagr: number | null;
  /** Out-of-sample CAGR / mean in-sample CAGR (null when undefined). */
  efficiency: number | null;
}

/** Runs the walk-forward: a study per in-sample window, its best on the next window. */
export async function runWalkForward(
  spec: StudySpec,
  windows: readonly WalkForwardWindow[],
  o: { pool: ConfigPool; series: SharedSeries[]; onWindow?(w: WindowResult): void },
): Promise<WalkForwardResult> {
  const results: WindowResult[] = [];
  for (const w of windows) {
    const is = await runStudy({ ...spec, template: { ...spec.template, range: w.inSample } }, o);
    const best = is.ranked[0];
    let oos = null;
    if (best !== undefined) {
      oos = await o.pool.run({
        template: { ...spec.template, range: w.outOfSample },
        params: best.params,
        series: o.series,
      });
    }
    const r: WindowResult = {
      ...w,
      params: best?.params ?? null,
      configurations: is.configurations,
      inSampleMetrics: best?.metrics ?? null,
      outOfSampleMetrics: oos?.metrics ?? null,
      oosDailyTime: oos?.dailyTime ?? [],
      oosDailyEquity: oos?.dailyEquity ?? [],
      oosReturns: oos === null ? [] : dailyReturnsOf(oos),
    };
    results.push(r);
    o.onWindow?.(r);
  }
  return stitch(results, spec.template.cash ?? 1_000_000);
}

function stitch(windows: WindowResult[], cash: number): WalkForwardResult {
  const time: number[] = [];
  const equity: number[] = [];
  const rets: number[] = [];
  let e = cash;
  let trades = 0;
  for (const w of windows) {
    // Each window starts from the starting cash; its returns compound on the stitched equity.
    w.oosReturns.forEach((r, i) => {
      e *= 1 + r;
      rets.push(r);
      time.push(w.oosDailyTime[i]);
      equity.push(e);
    });
    trades += w.outOfSampleMetrics?.trades ?? 0;
  }
  const n = rets.length;
  const span = n > 0 ? windows.at(-1)!.outOfSample.to - windows[0].outOfSample.from : 0;
  const total = n > 0 ? e / cash - 1 : null;
  const cagr = total !== null && span > 0 ? (e / cash) ** (365.25 / (span / 86_400_000)) - 1 : null;
  const isCagrs = windows
    .map((w) => w.inSampleMetrics?.cagr)
    .filter((x): x is number => typeof x === 'number');
  const isCagr = isCagrs.length > 0 ? isCagrs.reduce((a, b) => a + b, 0) / isCagrs.length : null;
  return {
    windows,
    stitchedTime: time,
    stitchedEquity: equity,
    outOfSample: {
      totalReturn: total,
      cagr,
      // DESIGN.md's daily Sharpe, and the drawdown of the compounded path from the starting cash.
      sharpe: returnStats(rets).sharpe,
      maxDrawdown: n > 0 ? pathDrawdown(cash, rets, true) : null,
      trades,
    },
    inSampleCagr: isCagr,
    efficiency: cagr !== null && isCagr !== null && isCagr !== 0 ? cagr / isCagr : null,
  };
}
