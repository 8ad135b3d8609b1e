/**
 * @module Robustness of one run: how much of its result is the order of its trades and the luck of
 * its days. A Monte Carlo reshuffle permutes the round trips' P&L (the final equity stays, the path
 * and its drawdown change) and a bootstrap with replacement of them varies the final equity; a
 * circular block bootstrap of the daily returns (blocks keep short-range dependence) gives
 * distributions of max drawdown, final equity and Sharpe. Seeded: the same run and seed give the
 * same distributions.
 */
import { SeededRandom } from '../core/random.ts';

/** Percentiles of a distribution. */
export interface Distribution {
  p5: number;
  p25: number;
  p50: number;
  p75: number;
  p95: number;
  mean: number;
  /** The sorted samples (for histograms). */
  samples: number[];
}

/** What a robustness study reports. */
export interface RobustnessResult {
  iterations: number;
  seed: number;
  blockLength: number;
  trades: { maxDrawdown: Distribution; finalEquity: Distribution } | null;
  days: { maxDrawdown: Distribution; finalEquity: Distribution; sharpe: Distribution } | null;
}

/** Percentile by linear interpolation between order statistics (the "type 7" definition). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** The distribution of `samples`. */
export function distribution(samples: number[]): Distribution {
  const s = [...samples].sort((a, b) => a - b);
  const mean = s.reduce((a, b) => a + b, 0) / Math.max(1, s.length);
  return {
    p5: percentile(s, 0.05),
    p25: percentile(s, 0.25),
    p50: percentile(s, 0.5),
    p75: percentile(s, 0.75),
    p95: percentile(s, 0.95),
    mean,
    samples: s,
  };
}

/** Max drawdown of an equity path starting at `start` (the peak includes it). */
export function pathDrawdown(
  start: number,
  deltas: ArrayLike<number>,
  multiplicative: boolean,
): number {
  let e = start;
  let peak = start;
  let mdd = 0;
  for (let i = 0; i < deltas.length; i++) {
    e = multiplicative ? e * (1 + deltas[i]) : e + deltas[i];
    if (e > peak) peak = e;
    const dd = 1 - e / peak;
    if (dd > mdd) mdd = dd;
  }
  return mdd;
}

function sharpe(r: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < r.length; i++) m += r[i] / r.length;
  let v = 0;
  for (let i = 0; i < r.length; i++) v += (r[i] - m) ** 2;
  const sd = Math.sqrt(v / (r.length - 1));
  return sd > 0 ? (m / sd) * Math.sqrt(252) : 0;
}

/** Runs both resamplings over a run's round-trip P&L and daily returns. */
export function robustness(
  input: { startingCash: number; tradePnl: readonly number[]; dailyReturns: readonly number[] },
  o: { iterations?: number; seed?: number; blockLength?: number } = {},
): RobustnessResult {
  const iterations = o.iterations ?? 1000;
  const seed = o.seed ?? 1;
  const rnd = new SeededRandom(seed);
  const pick = (n: number) => Math.min(n - 1, Math.floor(rnd.next() * n));
  const c = input.startingCash;
  const pnl = input.tradePnl;
  let trades: RobustnessResult['trades'] = null;
  if (pnl.length > 0) {
    const dd: number[] = [];
    const fin: number[] = [];
    const buf = Float64Array.from(pnl);
    for (let k = 0; k < iterations; k++) {
      for (let i = buf.length - 1; i > 0; i--) {
        const j = pick(i + 1);
        [buf[i], buf[j]] = [buf[j], buf[i]];
      }
      dd.push(pathDrawdown(c, buf, false));
      let e = c;
      for (let i = 0; i < pnl.length; i++) e += pnl[pick(pnl.length)];
      fin.push(e);
    }
    trades = { maxDrawdown: distribution(dd), finalEquity: distribution(fin) };
  }
  const r = input.dailyReturns;
  const blockLength = o.blockLength ?? Math.max(1, Math.round(Math.sqrt(r.length)));
  let days: RobustnessResult['days'] = null;
  if (r.length >= 2) {
    const dd: number[] = [];
    const fin: number[] = [];
    const sh: number[] = [];
    const sample = new Float64Array(r.length);
    for (let k = 0; k < iterations; k++) {
      for (let i = 0; i < r.length;) {
        const start = pick(r.length);
        for (let b = 0; b < blockLength && i < r.length; b++, i++)
          sample[i] = r[(start + b) % r.length];
      }
      dd.push(pathDrawdown(c, sample, true));
      fin.push(sample.reduce((e, x) => e * (1 + x), c));
      sh.push(sharpe(sample));
    }
    days = {
      maxDrawdown: distribution(dd),
      finalEquity: distribution(fin),
      sharpe: distribution(sh),
    };
  }
  return { iterations, seed, blockLength, trades, days };
}
