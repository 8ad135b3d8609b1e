/**
 * @module Calendar returns from the equity curve (the one equity.csv holds): each UTC month's and
 * year's return is its last marked equity over the last marked equity before it (the starting cash
 * for the first), minus one. Months without a mark show nothing; compounding the years gives the
 * total return.
 */
import type { EquityCurve } from '../engine/result.ts';

/** One calendar year: twelve monthly returns (null where the curve has no mark) and the year's. */
export interface YearReturns {
  year: number;
  months: (number | null)[];
  /** The year's return (fraction) for the strategy. */
  total: number;
  /** The same year for buy-and-hold. */
  benchmark: number;
}

/** Monthly and yearly returns (fractions) of the strategy, with buy-and-hold's yearly ones. */
export function periodReturns(curve: EquityCurve, startingCash: number): YearReturns[] {
  const out: YearReturns[] = [];
  const n = curve.time.length;
  if (n === 0 || !(startingCash > 0)) return out;
  let monthBase = startingCash;
  let yearBase = startingCash;
  let benchBase = startingCash;
  for (let i = 0; i < n; i++) {
    const d = new Date(curve.time[i]);
    const year = d.getUTCFullYear();
    const month = d.getUTCMonth();
    const next = i + 1 < n ? new Date(curve.time[i + 1]) : null;
    const monthEnds =
      next === null || next.getUTCMonth() !== month || next.getUTCFullYear() !== year;
    if (!monthEnds) continue;
    let row = out[out.length - 1];
    if (row === undefined || row.year !== year) {
      row = { year, months: new Array<number | null>(12).fill(null), total: 0, benchmark: 0 };
      out.push(row);
    }
    const e = curve.equity[i];
    row.months[month] = e / monthBase - 1;
    monthBase = e;
    row.total = e / yearBase - 1;
    row.benchmark = curve.benchmark[i] / benchBase - 1;
    if (next === null || next.getUTCFullYear() !== year) {
      yearBase = e;
      benchBase = curve.benchmark[i];
    }
  }
  return out;
}
