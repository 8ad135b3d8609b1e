/**
 * @module Trading phases of the MOEX equity day in UTC (Moscow is UTC+3 all year), as the venue's
 * trading status reports them: opening auction 06:50-07:00, main session 07:00-15:40, closing
 * auction 15:40-15:50, a break to 16:00, the evening session's opening auction 16:00-16:05 and its
 * continuous trading 16:05-20:50; closed at night and on weekends. Continuous trading matches the
 * sessions of ./schedule.ts (the minutes that carry candles).
 */
import { dayStart } from '../../core/time.ts';
import type { PhaseName } from '../../wire/convert/trading-status.ts';
import { dayIndex, isTradingDay } from './schedule.ts';

/** What the exchange is doing at one instant (the wire layer maps it to SecurityTradingStatus). */
export type TradingPhase = PhaseName;

const MINUTE = 60_000;

/** [start, end) minute offsets from 00:00 UTC of each phase of a trading day; the rest is closed. */
export const PHASES: readonly { start: number; end: number; phase: TradingPhase }[] = [
  { start: 6 * 60 + 50, end: 7 * 60, phase: 'opening-auction' },
  { start: 7 * 60, end: 15 * 60 + 40, phase: 'normal' },
  { start: 15 * 60 + 40, end: 15 * 60 + 50, phase: 'closing-auction' },
  { start: 15 * 60 + 50, end: 16 * 60, phase: 'break' },
  { start: 16 * 60, end: 16 * 60 + 5, phase: 'opening-auction' },
  { start: 16 * 60 + 5, end: 20 * 60 + 50, phase: 'normal' },
];

/** The phase at instant `t` (epoch ms UTC). */
export function phaseAt(t: number): TradingPhase {
  if (!isTradingDay(dayIndex(t))) return 'closed';
  const m = Math.floor((t - dayStart(t)) / MINUTE);
  return PHASES.find((p) => m >= p.start && m < p.end)?.phase ?? 'closed';
}

/** Which order types the exchange takes in a phase (auctions collect limit orders only). */
export function orderFlags(phase: TradingPhase): { limit: boolean; market: boolean } {
  return {
    limit: phase === 'normal' || phase === 'opening-auction' || phase === 'closing-auction',
    market: phase === 'normal',
  };
}
