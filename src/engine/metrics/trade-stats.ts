/**
 * @module Round-trip statistics: count, win rate (pnl > 0 counts as a win), profit factor (gross wins
 * over gross losses), expectancy (mean net P&L per round trip), average win and average loss (the
 * mean P&L of losing trips, a negative number). Null where undefined. The P&L sums are exact
 * (Ledgers), so the means are the exact means correctly rounded, however many trips there are.
 */
import { Ledger } from '../portfolio/ledger.ts';
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
  const grossWin = new Ledger();
  const grossLoss = new Ledger();
  const total = new Ledger();
  for (const t of trips) {
    total.add(t.pnl);
    if (t.pnl > 0) {
      wins++;
      grossWin.add(t.pnl);
    } else if (t.pnl < 0) {
      losses++;
      grossLoss.add(-t.pnl);
    }
  }
  return {
    trades: n,
    winRate: n === 0 ? null : wins / n,
    profitFactor: grossLoss.value > 0 ? grossWin.value / grossLoss.value : null,
    expectancy: n === 0 ? null : total.per(n),
    averageWin: wins === 0 ? null : grossWin.per(wins),
    averageLoss: losses === 0 ? null : -grossLoss.per(losses),
  };
}
