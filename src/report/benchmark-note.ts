/**
 * @module How the report names its benchmark. A run with instrument economics compares with a
 * total-return buy-and-hold (dividends net of the run's tax and coupons credited as cash), and says
 * so beside the metrics; a plain share run keeps the plain "Buy & hold" heading it always had.
 */
import type { BacktestResult } from '../engine/result.ts';

/** The benchmark column's heading. */
export function benchmarkHeading(r: BacktestResult): string {
  return r.economics === undefined ? 'Buy & hold' : 'Buy & hold (total return)';
}

/** One sentence on what the benchmark includes, or null for a plain run. */
export function benchmarkNote(r: BacktestResult): string | null {
  const e = r.economics;
  if (e === undefined) return null;
  const tax = `${(e.dividendTax * 100).toFixed(2).replace(/\.?0+$/, '')}%`;
  return (
    `Buy & hold is total return: dividends (net of ${tax} tax) and coupons are credited as cash; ` +
    `equity and metrics in ${e.baseCurrency.toUpperCase()}.`
  );
}
