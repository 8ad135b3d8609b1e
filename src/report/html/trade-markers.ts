/**
 * @module Trade markers for the price chart, thinned by density: every entry and exit sits on the
 * chart candle containing its fill; when a run has more markers than the chart can show apart,
 * the fills of each stretch of neighbouring candles are merged into one marker per direction that
 * carries how many fills it stands for, so a long run stays readable and no fill is dropped.
 */
import type { RoundTrip } from '../../engine/result.ts';
import { candleIndexAt } from './downsample.ts';
import type { ChartCandle } from './downsample.ts';

/**
 * A marker: `[timeSeconds, kind, fills]`. Kinds 0 long entry, 1 long exit, 2 short entry, 3 short
 * exit (one fill each); 4 merged buys (long entries and short exits), 5 merged sells.
 */
export type ChartMarker = [number, 0 | 1 | 2 | 3 | 4 | 5, number];

/** Default most markers on one chart before neighbours are merged. */
export const MAX_MARKERS = 160;

function single(trades: readonly RoundTrip[], key: string, candles: ChartCandle[]): ChartMarker[] {
  const out: ChartMarker[] = [];
  const at = (t: number): number => candles[candleIndexAt(candles, Math.floor(t / 1000))][0];
  for (const t of trades) {
    if (t.instrument !== key && t.instrumentUid !== key) continue;
    const short = t.side === 'short' ? 2 : 0;
    if (Number.isFinite(t.entryTime)) out.push([at(t.entryTime), short as 0 | 2, 1]);
    if (Number.isFinite(t.exitTime)) out.push([at(t.exitTime), (short + 1) as 1 | 3, 1]);
  }
  // lightweight-charts wants markers in time order; the kind breaks ties so the order is stable.
  return out.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}

/** Buys are long entries and short exits; sells the other two. */
function isBuy(kind: number): boolean {
  return kind === 0 || kind === 3 || kind === 4;
}

/**
 * Markers of the round trips of instrument `key` (ticker or uid) on `candles`. With more than
 * `max` fills, the candles are cut into stretches of equal length and each stretch gets at most one
 * merged buy marker (at its first buy) and one merged sell marker (at its first sell).
 */
export function tradeMarkers(
  trades: readonly RoundTrip[],
  key: string,
  candles: ChartCandle[],
  max = MAX_MARKERS,
): ChartMarker[] {
  if (candles.length === 0) return [];
  const all = single(trades, key, candles);
  if (all.length <= max) return all;
  const width = Math.max(1, Math.ceil(candles.length / Math.max(1, Math.floor(max / 2))));
  // Per stretch and direction: the first fill's marker and how many fills fall there.
  const groups = new Map<string, [ChartMarker, number]>();
  for (const m of all) {
    const buy = isBuy(m[1]);
    const key = `${Math.floor(candleIndexAt(candles, m[0]) / width)}${buy ? 'b' : 's'}`;
    const g = groups.get(key);
    if (g === undefined) groups.set(key, [m, 1]);
    else g[1]++;
  }
  const out: ChartMarker[] = [];
  for (const [m, n] of groups.values()) out.push(n === 1 ? m : [m[0], isBuy(m[1]) ? 4 : 5, n]);
  return out.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}
