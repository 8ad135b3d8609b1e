/**
 * @module Daily-return statistics as DESIGN.md defines them: r_1 = E_1/C - 1, r_d = E_d/E_(d-1) - 1;
 * volatility = std(r, sample)·√252; sharpe = mean(r)/std(r, sample)·√252 (risk-free 0);
 * sortino = mean(r)/√(mean(min(r,0)²))·√252. Undefined values (fewer than two returns, zero
 * deviation) are null.
 */

const ANNUAL = Math.sqrt(252);

/** A finite number, or null. */
export function finite(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

/** Daily returns from the daily equity series and the starting cash. */
export function dailyReturns(daily: readonly number[], startingCash: number): number[] {
  return daily.map((e, i) => e / (i === 0 ? startingCash : daily[i - 1]) - 1);
}

/** Volatility, Sharpe and Sortino of daily returns `r`. */
export function returnStats(r: readonly number[]): {
  volatility: number | null;
  sharpe: number | null;
  sortino: number | null;
} {
  const n = r.length;
  if (n === 0) return { volatility: null, sharpe: null, sortino: null };
  let sum = 0;
  let down = 0;
  for (const x of r) {
    sum += x;
    if (x < 0) down += x * x;
  }
  const mean = sum / n;
  const downDev = Math.sqrt(down / n);
  const sortino = downDev > 0 ? finite((mean / downDev) * ANNUAL) : null;
  if (n < 2) return { volatility: null, sharpe: null, sortino };
  let ss = 0;
  for (const x of r) ss += (x - mean) * (x - mean);
  const std = Math.sqrt(ss / (n - 1));
  // Identical returns leave only rounding noise in std: that is zero deviation, not a huge Sharpe.
  const zero = std === 0 || std <= 1e-12 * Math.abs(mean);
  return {
    volatility: finite(zero ? 0 : std * ANNUAL),
    sharpe: zero ? null : finite((mean / std) * ANNUAL),
    sortino,
  };
}
