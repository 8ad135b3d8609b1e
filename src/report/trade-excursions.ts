/**
 * @module Per round trip: its return on the value it put at risk, and its maximum adverse and
 * favourable excursion (MAE/MFE), read from the candles the report has. Excursions are in percent
 * of the entry price, signed for the trade's side (MAE <= 0 <= MFE), over the candles from the one
 * containing the entry up to, not including, the one the exit filled at, plus the exit price
 * itself (exits fill at an open, so the rest of that candle was not held).
 */
import type { RoundTrip } from '../engine/result.ts';
import type { Columns } from './html/downsample.ts';

/** Return and excursions of one round trip, in percent; null where they cannot be told. */
export interface TradeExcursion {
  /** Net P&L over entry value (entry price × lots × lot), in percent; null without the lot. */
  returnPct: number | null;
  maePct: number | null;
  mfePct: number | null;
}

/** Index of the first candle with open time > t (binary search over sorted times). */
function upperBound(cols: Columns, t: number): number {
  let lo = 0;
  let hi = cols.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cols.at(mid).time <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Net return of a trip in percent of its entry value, given the instrument's units per lot. */
export function tradeReturnPct(t: RoundTrip, lot: number | undefined): number | null {
  const value = t.entryPrice * t.lots * (lot ?? Number.NaN);
  return Number.isFinite(value) && value > 0 && Number.isFinite(t.pnl)
    ? (t.pnl / value) * 100
    : null;
}

/** MAE and MFE of a trip over `cols` (the instrument's candles, oldest first). */
export function excursions(
  t: RoundTrip,
  cols: Columns | undefined,
): Pick<TradeExcursion, 'maePct' | 'mfePct'> {
  const none = { maePct: null, mfePct: null };
  if (cols === undefined || !(t.entryPrice > 0) || !Number.isFinite(t.exitPrice)) return none;
  const first = Math.max(0, upperBound(cols, t.entryTime) - 1);
  if (first >= cols.length || cols.at(first).time > t.entryTime) return none;
  let hi = Math.max(t.entryPrice, t.exitPrice);
  let lo = Math.min(t.entryPrice, t.exitPrice);
  for (let i = first; i < cols.length; i++) {
    const c = cols.at(i);
    if (c.time >= t.exitTime && i > first) break;
    if (c.time >= t.exitTime) continue;
    if (c.high > hi) hi = c.high;
    if (c.low < lo) lo = c.low;
  }
  // The difference first: prices on the tick grid subtract exactly more often than they divide.
  const up = ((hi - t.entryPrice) / t.entryPrice) * 100;
  const down = ((lo - t.entryPrice) / t.entryPrice) * 100;
  return t.side === 'long' ? { maePct: down, mfePct: up } : { maePct: -up, mfePct: -down };
}
