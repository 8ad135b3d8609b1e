/**
 * @module Round-trip statistics: count, win rate (pnl > 0 counts as a win), profit factor (gross wins
 * over gross losses), expectancy (mean net P&L per round trip), average win and average loss (the
 * mean P&L of losing trips, a negative number). Null where undefined.
 */
import type { RoundTrip } from '../result.ts';

/** The trade part of Metrics. */
export interface TradeStats {
  trades: number;
  winRate: number | null;
  profitFactor: number | null;
  expectancy: number | null;
  averageWin: number | null;
  averageLoss: number | null;
}

/** Statistics over finished round trips. */
export function tradeStats(trips: readonly RoundTrip[]): TradeStats {
  const n = trips.length;
  let wins = 0;
  let losses = 0;
  let grossWin = 0;
  let grossLoss = 0;
  let total = 0;
  for (const t of trips) {
    total += t.pnl;
    if (t.pnl > 0) {
      wins++;
      grossWin += t.pnl;
    } else if (t.pnl < 0) {
      losses++;
      grossLoss -= t.pnl;
    }
  }
  return {
    trades: n,
    winRate: n === 0 ? null : wins / n,
    profitFactor: grossLoss > 0 ? grossWin / grossLoss : null,
    expectancy: n === 0 ? null : total / n,
    averageWin: wins === 0 ? null : grossWin / wins,
    averageLoss: losses === 0 ? null : -grossLoss / losses,
  };
}
