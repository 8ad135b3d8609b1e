/**
 * @module Building the new content of one chunk from its stored candles and incoming ones. The
 * incoming candles win at equal times; inside an authoritative window (a range just re-fetched in
 * full) stored candles the source no longer reports are dropped, so a re-downloaded day ends up
 * exactly as the source has it.
 */
import { type Candle, type CandleBatch, createCandleBatch } from '../core/candle.ts';
import type { TimeRange } from '../core/time.ts';
import { allocateChunk, encodeChunk } from './chunk-codec.ts';

/**
 * Sorts candles by time into a columnar batch; at duplicate times the later element of the input
 * wins (upsert semantics within one write).
 */
export function sortedBatch(candles: readonly Candle[]): CandleBatch {
  const order = candles.map((_, i) => i);
  let sorted = true;
  for (let i = 1; i < candles.length && sorted; i++) sorted = candles[i - 1].time < candles[i].time;
  if (!sorted) order.sort((a, b) => candles[a].time - candles[b].time || a - b);
  const out = createCandleBatch(candles.length);
  let n = 0;
  for (const i of order) {
    const c = candles[i];
    if (n > 0 && out.time[n - 1] === c.time) n--;
    out.time[n] = c.time;
    out.open[n] = c.open;
    out.high[n] = c.high;
    out.low[n] = c.low;
    out.close[n] = c.close;
    out.volume[n] = c.volume;
    n++;
  }
  out.length = n;
  return out;
}

/**
 * The chunk BLOB after merging `incoming[start, end)` into `stored`, or undefined when nothing is
 * left (the chunk row should then be deleted).
 */
export function mergeChunk(
  stored: CandleBatch | undefined,
  incoming: CandleBatch,
  range: { start: number; end: number },
  window?: TimeRange,
): Buffer | undefined {
  const { start, end } = range;
  const keep = (t: number) => !window || t < window.from || t >= window.to;
  if (!stored || stored.length === 0)
    return end > start ? encodeChunk(incoming, start, end) : undefined;
  let count = end - start;
  for (let i = 0, j = start; i < stored.length; i++) {
    const t = stored.time[i];
    while (j < end && incoming.time[j] < t) j++;
    if (keep(t) && !(j < end && incoming.time[j] === t)) count++;
  }
  if (count === 0) return undefined;
  const { bytes, batch: out } = allocateChunk(count);
  let n = 0;
  let j = start;
  const copy = (src: CandleBatch, k: number) => {
    out.time[n] = src.time[k];
    out.open[n] = src.open[k];
    out.high[n] = src.high[k];
    out.low[n] = src.low[k];
    out.close[n] = src.close[k];
    out.volume[n] = src.volume[k];
    n++;
  };
  for (let i = 0; i < stored.length; i++) {
    const t = stored.time[i];
    while (j < end && incoming.time[j] < t) copy(incoming, j++);
    if (j < end && incoming.time[j] === t) continue;
    if (keep(t)) copy(stored, i);
  }
  while (j < end) copy(incoming, j++);
  return bytes;
}
