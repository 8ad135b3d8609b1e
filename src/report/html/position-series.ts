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

/**
 * The position's market value in percent of equity (signed, negative short) at the end of each
 * chart candle: lots × `lot` × the candle's close over the equity marked last in that candle.
 * `position` is {@link positionSeries} on the same candles.
 */
export function exposureSeries(
  position: readonly ChartPoint[],
  candles: readonly ChartCandle[],
  curve: { time: ArrayLike<number>; equity: ArrayLike<number> },
  lot: number,
): ChartPoint[] {
  const out: ChartPoint[] = [];
  let p = 0;
  let e = -1;
  for (let j = 0; j < candles.length; j++) {
    const end = j + 1 < candles.length ? candles[j + 1][0] * 1000 : Number.POSITIVE_INFINITY;
    while (p + 1 < position.length && position[p + 1][0] <= candles[j][0]) p++;
    while (e + 1 < curve.time.length && curve.time[e + 1] < end) e++;
    const equity = e >= 0 ? curve.equity[e] : Number.NaN;
    const lots = position.length > 0 ? position[p][1] : 0;
    if (!(equity > 0)) continue;
    out.push([candles[j][0], Number(((lots * lot * candles[j][4] * 100) / equity).toFixed(2))]);
  }
  return out;
}
