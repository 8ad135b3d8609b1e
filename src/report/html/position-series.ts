/**
 * @module Exposure over time: the signed position (lots, negative short) of one instrument after
 * every fill, as a step line on the chart candles. Built from the run's fills, so it includes the
 * position still open at the end, and it is exact (lots are whole numbers).
 */
import type { FillRecord } from '../../engine/result.ts';
import { candleIndexAt } from './downsample.ts';
import type { ChartCandle, ChartPoint } from './downsample.ts';

/**
 * Position in lots of instrument `uid` on `candles`: 0 at the first candle, then the position
 * after the last fill of each candle that has fills, and the final position at the last candle.
 */
export function positionSeries(
  fills: readonly FillRecord[],
  uid: string,
  candles: readonly ChartCandle[],
): ChartPoint[] {
  if (candles.length === 0) return [];
  const own = fills.filter((f) => f.instrumentUid === uid).sort((a, b) => a.time - b.time);
  const out: ChartPoint[] = [[candles[0][0], 0]];
  let lots = 0;
  for (const f of own) {
    lots += f.side === 'buy' ? f.lots : -f.lots;
    const sec = candles[candleIndexAt(candles, Math.floor(f.time / 1000))][0];
    const last = out[out.length - 1];
    if (last[0] === sec) last[1] = lots;
    else out.push([sec, lots]);
  }
  const end = candles[candles.length - 1][0];
  if (out[out.length - 1][0] < end) out.push([end, lots]);
  return out;
}
