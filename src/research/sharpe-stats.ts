/**
 * @module Overfitting-aware Sharpe statistics. The probabilistic Sharpe ratio (PSR) is the
 * probability that the true per-period Sharpe exceeds a benchmark SR*, given the sample's length,
 * skewness and kurtosis (Bailey & López de Prado, "The Sharpe Ratio Efficient Frontier", Journal of
 * Risk 15(2), 2012, eq. 11). The deflated Sharpe ratio (DSR) is the PSR against the Sharpe that the
 * best of N independent trials would reach by luck alone (Bailey & López de Prado, "The Deflated
 * Sharpe Ratio", Journal of Portfolio Management 40(5), 2014, eq. 2), so a lucky maximum of a
 * parameter search shows as such. Sharpe ratios here are per period (daily), not annualised.
 */
import jStat from 'jstat';

/** Euler–Mascheroni constant, in the expected maximum of N standard normals. */
const EULER_GAMMA = 0.5772156649015329;

/** Sample moments a PSR needs: length, per-period Sharpe, skewness, kurtosis (normal = 3). */
export interface ReturnMoments {
  n: number;
  sharpe: number;
  skew: number;
  kurtosis: number;
}

/** Moments of per-period returns; null when fewer than 2 returns or zero deviation. */
export function returnMoments(r: ArrayLike<number>): ReturnMoments | null {
  const n = r.length;
  if (n < 2) return null;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += r[i];
  const mean = sum / n;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const d = r[i] - mean;
    const d2 = d * d;
    ss += d2;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
  }
  m2 /= n;
  m3 /= n;
  m4 /= n;
  const std = Math.sqrt(ss / (n - 1));
  if (!(std > 1e-12 * Math.abs(mean)) || m2 === 0) return null;
  return { n, sharpe: mean / std, skew: m3 / m2 ** 1.5, kurtosis: m4 / (m2 * m2) };
}

/** PSR(SR*): P(true Sharpe > SR*) for a sample with moments `m` (eq. 11 of the 2012 paper). */
export function probabilisticSharpe(m: ReturnMoments, benchmark = 0): number | null {
  const sr = m.sharpe;
  const v = 1 - m.skew * sr + ((m.kurtosis - 1) / 4) * sr * sr;
  if (!(v > 0) || m.n < 2) return null;
  return jStat.normal.cdf(((sr - benchmark) * Math.sqrt(m.n - 1)) / Math.sqrt(v), 0, 1);
}

/**
 * SR0: the expected maximum per-period Sharpe of `trials` unskilled trials whose Sharpe ratios
 * have variance `variance` (eq. 2 of the 2014 paper). One trial deflates nothing (0).
 */
export function expectedMaxSharpe(trials: number, variance: number): number {
  if (trials <= 1 || !(variance > 0)) return 0;
  const z1 = jStat.normal.inv(1 - 1 / trials, 0, 1);
  const z2 = jStat.normal.inv(1 - 1 / (trials * Math.E), 0, 1);
  return Math.sqrt(variance) * ((1 - EULER_GAMMA) * z1 + EULER_GAMMA * z2);
}

/** DSR of the selected trial: its PSR against SR0 of all `trialSharpes` (per-period Sharpes). */
export function deflatedSharpe(
  best: ReturnMoments,
  trialSharpes: readonly number[],
): number | null {
  const n = trialSharpes.length;
  if (n === 0) return null;
  let mean = 0;
  for (const s of trialSharpes) mean += s / n;
  let v = 0;
  for (const s of trialSharpes) v += (s - mean) * (s - mean);
  const variance = n > 1 ? v / (n - 1) : 0;
  return probabilisticSharpe(best, expectedMaxSharpe(n, variance));
}
