/**
 * @module The synthetic order book around a last trade: the aggressor's side is where the trade
 * printed (a buy lifted the best ask, so the ask stays at the trade price; a sell hit the best bid),
 * the other side sits one or two ticks away, and further levels step one tick outwards with hashed
 * quantities scaled to the trade's size. A pure function of (seed, key, trade), so the book is the
 * same between two trades and changes with every trade.
 */
import { hashInts, unitFromHash } from '../../core/random.ts';
import { priceGrid } from './minute-trades.ts';
import type { BookLevel, BookSnapshot, TapeTrade } from './venue-ports.ts';

/** Step used when the instrument has none (an archive-only instrument): one kopeck. */
const FALLBACK_STEP = 0.01;
/** Deepest book the API serves. */
export const MAX_BOOK_DEPTH = 50;

/** The book after trade `last` with `depth` levels a side (clamped to 1..50). */
export function bookAround(
  last: TapeTrade,
  step: number,
  depth: number,
  ids: { seed: number; key: number },
): BookSnapshot {
  const grid = priceGrid(step > 0 ? step : FALLBACK_STEP)!;
  const h = hashInts(ids.seed, ids.key, Math.floor(last.time / 1000), last.time % 1000, 77);
  const spread = 1 + (hashInts(h, 1) % 4 === 0 ? 1 : 0);
  const p = grid.ticks(last.price);
  const bestBid = last.side === 'sell' ? p : p - spread;
  const bestAsk = last.side === 'buy' ? p : p + spread;
  const n = Math.max(1, Math.min(MAX_BOOK_DEPTH, Math.floor(depth)));
  const size = (side: number, i: number): number =>
    1 + Math.floor(unitFromHash(hashInts(h, side, i)) * (3 * last.lots + 10) * (1 + i / 10));
  const bids: BookLevel[] = [];
  const asks: BookLevel[] = [];
  for (let i = 0; i < n; i++) {
    if (bestBid - i >= 1) bids.push({ price: grid.price(bestBid - i), lots: size(2, i) });
    asks.push({ price: grid.price(bestAsk + i), lots: size(3, i) });
  }
  return { time: last.time, bids, asks };
}
