/**
 * @module Assembles the Metrics object of DESIGN.md from an equity summary and the trade list.
 * totalReturn = F/C - 1; cagr = (F/C)^(365.25/D) - 1 with D the days from the first candle's open to
 * the last candle's close; calmar = cagr / maxDrawdown; turnover = traded value / mean equity.
 */
import { roundMoney } from '../portfolio/money.ts';
import type { Metrics, RoundTrip } from '../result.ts';
import type { EquitySummary } from './equity-stats.ts';
import { dailyReturns, finite, returnStats } from './returns.ts';
import { tradeStats } from './trade-stats.ts';

const DAY_MS = 86_400_000;

/** Inputs of {@link computeMetrics}. */
export interface MetricsInput {
  startingCash: number;
  equity: EquitySummary;
  /** Last candle's close minus first candle's open, ms (0 without candles). */
  spanMs: number;
  trips: readonly RoundTrip[];
  tradedValue: number;
  commission: number;
}

/** The metrics of one equity curve and its trades; undefined values are null. */
export function computeMetrics(m: MetricsInput): Metrics {
  const C = m.startingCash;
  const F = m.equity.finalEquity;
  const days = m.spanMs / DAY_MS;
  const cagr = days > 0 && F >= 0 ? finite(Math.pow(F / C, 365.25 / days) - 1) : null;
  const dd = m.equity.marks === 0 ? null : m.equity.maxDrawdown;
  const mean = m.equity.meanEquity;
  return {
    totalReturn: finite(F / C - 1),
    cagr,
    ...returnStats(dailyReturns(m.equity.daily, C)),
    calmar: cagr !== null && dd !== null && dd > 0 ? finite(cagr / dd) : null,
    maxDrawdown: dd,
    maxDrawdownDuration: m.equity.marks === 0 ? null : m.equity.maxDrawdownDuration,
    ...tradeStats(m.trips),
    exposure: m.equity.exposure,
    turnover: mean !== null && mean > 0 ? finite(m.tradedValue / mean) : null,
    commission: roundMoney(m.commission),
    finalEquity: roundMoney(F),
  };
}
