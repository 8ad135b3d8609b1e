import { describe, expect, it } from 'vitest';
import type { RoundTrip } from '../result.ts';
import { computeMetrics } from './compute.ts';
import { EquityStats, type EquitySummary } from './equity-stats.ts';
import { dailyReturns, returnStats } from './returns.ts';
import { tradeStats } from './trade-stats.ts';

const H = 3_600_000;
const DAY = 24 * H;
const D0 = Date.UTC(2024, 0, 8);

describe('EquityStats', () => {
  // C = 1000; marks (stamp, equity, exposed):
  // day 0: 0h 1010 y, 1h 990 y, 2h 1000 n; day 1: 24h 1020 n, 25h 1030 y; day 2: 48h 1005 y.
  const s = new EquityStats(1000);
  const marks: [number, number, boolean][] = [
    [0, 1010, true],
    [1 * H, 990, true],
    [2 * H, 1000, false],
    [DAY, 1020, false],
    [DAY + H, 1030, true],
    [2 * DAY, 1005, true],
  ];
  for (const [t, e, x] of marks) s.push(D0 + t, e, x);
  const sum = s.summary();

  it('takes E_d as the last mark of each UTC day', () => {
    expect(sum.daily).toEqual([1000, 1030, 1005]);
  });

  it('measures the deepest drawdown from the running peak', () => {
    // peaks 1010 then 1030; troughs 990 (1 - 990/1010 = 0.019802) and 1005 (1 - 1005/1030 = 0.024272)
    expect(sum.maxDrawdown).toBeCloseTo(1 - 1005 / 1030, 15);
    expect(sum.maxDrawdown).toBeCloseTo(0.024271844660194164, 15);
  });

  it('measures the longest peak-to-recovery time, counting an open drawdown to the last mark', () => {
    // 1010 at 0h is recovered by 1020 at 24h: 24h. 1030 at 25h is still under water at 48h: 23h.
    expect(sum.maxDrawdownDuration).toBe(24 * H);
  });

  it('counts exposure over marks and averages equity', () => {
    expect(sum.exposure).toBeCloseTo(4 / 6, 15);
    // (1010 + 990 + 1000 + 1020 + 1030 + 1005) / 6 = 6055 / 6
    expect(sum.meanEquity).toBeCloseTo(1009.1666666666666, 10);
    expect(sum.finalEquity).toBe(1005);
    expect(sum.marks).toBe(6);
  });

  it('starts the peak at the starting cash', () => {
    const t = new EquityStats(1000);
    t.push(D0, 900, true); // 1 - 900/1000 = 0.1, from the first stamp
    t.push(D0 + H, 950, true);
    expect(t.summary().maxDrawdown).toBeCloseTo(0.1, 15);
    expect(t.summary().maxDrawdownDuration).toBe(H);
  });
});

describe('daily return statistics', () => {
  it('chains returns from the starting cash', () => {
    // r1 = 1000/1000 - 1 = 0; r2 = 1030/1000 - 1 = 0.03; r3 = 1005/1030 - 1 = -0.024272
    const r = dailyReturns([1000, 1030, 1005], 1000);
    expect(r[0]).toBe(0);
    expect(r[1]).toBeCloseTo(0.03, 15);
    expect(r[2]).toBeCloseTo(-0.024271844660194164, 15);
  });

  it('computes volatility, Sharpe and Sortino as DESIGN.md defines them', () => {
    // r = [0, 0.03, -0.025]; mean = 0.005/3 = 0.0016667
    // sample var = ((-0.0016667)² + 0.0283333² + (-0.0266667)²) / 2 = 0.0015166667 / 2 = 0.00075833
    // std = 0.0275378527; volatility = std·√252 = 0.4371498599; sharpe = mean/std·√252 = 0.9607689228
    // downside = √((0 + 0 + 0.025²) / 3) = 0.0144337567; sortino = mean/downside·√252 = 1.8330302780
    const s = returnStats([0, 0.03, -0.025]);
    expect(s.volatility).toBeCloseTo(0.43714985988788785, 12);
    expect(s.sharpe).toBeCloseTo(0.9607689228305225, 12);
    expect(s.sortino).toBeCloseTo(1.833030277982335, 12);
  });

  it('returns null where a statistic is undefined', () => {
    expect(returnStats([])).toEqual({ volatility: null, sharpe: null, sortino: null });
    expect(returnStats([0.01])).toEqual({ volatility: null, sharpe: null, sortino: null });
    // zero deviation: no Sharpe; no losing day: no Sortino
    expect(returnStats([0, 0, 0])).toEqual({ volatility: 0, sharpe: null, sortino: null });
    expect(returnStats([0.1, 0.1, 0.1]).sharpe).toBeNull();
  });
});

describe('trade statistics', () => {
  const trip = (pnl: number) => ({ pnl }) as RoundTrip;

  it('counts wins, losses, profit factor, expectancy and averages', () => {
    // pnl 100, -50, 0, 30: wins 2 (130), losses 1 (50), a flat trip counts only in totals
    const s = tradeStats([trip(100), trip(-50), trip(0), trip(30)]);
    expect(s).toEqual({
      trades: 4,
      winRate: 0.5, // 2 / 4
      profitFactor: 2.6, // 130 / 50
      expectancy: 20, // 80 / 4
      averageWin: 65, // 130 / 2
      averageLoss: -50, // -50 / 1
    });
  });

  it('leaves ratios null without trades or without losses', () => {
    expect(tradeStats([])).toEqual({
      trades: 0,
      winRate: null,
      profitFactor: null,
      expectancy: null,
      averageWin: null,
      averageLoss: null,
    });
    expect(tradeStats([trip(10)]).profitFactor).toBeNull();
  });
});

describe('computeMetrics', () => {
  const equity = (o: Partial<EquitySummary>): EquitySummary => ({
    daily: [1100],
    maxDrawdown: 0.05,
    maxDrawdownDuration: 5 * DAY,
    exposure: 0.5,
    meanEquity: 1050,
    marks: 10,
    finalEquity: 1100,
    ...o,
  });

  it('derives return, CAGR, Calmar and turnover', () => {
    // F/C = 1.1 over D = 365.25 days: cagr = 1.1^(365.25/365.25) - 1 = 0.1; calmar = 0.1 / 0.05 = 2
    // turnover = 3000 traded / 1050 mean equity = 2.857142857
    const m = computeMetrics({
      startingCash: 1000,
      equity: equity({}),
      spanMs: 365.25 * DAY,
      trips: [],
      tradedValue: 3000,
      commission: 1.234,
    });
    expect(m.totalReturn).toBeCloseTo(0.1, 15);
    expect(m.cagr).toBeCloseTo(0.1, 12);
    expect(m.calmar).toBeCloseTo(2, 11);
    expect(m.turnover).toBeCloseTo(3000 / 1050, 15);
    expect(m.commission).toBe(1.23);
    expect(m.finalEquity).toBe(1100);
    expect(m.maxDrawdown).toBe(0.05);
    expect(m.maxDrawdownDuration).toBe(5 * DAY);
    expect(m.exposure).toBe(0.5);
  });

  it('annualises over the span: two years at +10% is 4.88% a year', () => {
    // 1.1^(365.25/730.5) - 1 = √1.1 - 1 = 0.0488088482
    const m = computeMetrics({
      startingCash: 1000,
      equity: equity({}),
      spanMs: 730.5 * DAY,
      trips: [],
      tradedValue: 0,
      commission: 0,
    });
    expect(m.cagr).toBeCloseTo(0.04880884817015163, 12);
  });

  it('is all null-safe without marks and never emits NaN or Infinity', () => {
    const m = computeMetrics({
      startingCash: 1000,
      equity: equity({
        daily: [],
        marks: 0,
        exposure: null,
        meanEquity: null,
        maxDrawdown: 0,
        finalEquity: 1000,
      }),
      spanMs: 0,
      trips: [],
      tradedValue: 0,
      commission: 0,
    });
    expect(m.totalReturn).toBe(0);
    expect(m.cagr).toBeNull();
    expect(m.calmar).toBeNull();
    expect(m.maxDrawdown).toBeNull();
    expect(m.turnover).toBeNull();
    expect(JSON.stringify(m)).not.toMatch(/NaN|Infinity/);
    // a one-minute span with a gain overflows the annualisation: null, not Infinity
    const huge = computeMetrics({
      startingCash: 1000,
      equity: equity({ finalEquity: 2000 }),
      spanMs: 60_000,
      trips: [],
      tradedValue: 0,
      commission: 0,
    });
    expect(huge.cagr).toBeNull();
  });
});
