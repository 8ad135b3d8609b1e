/**
 * @module A test-only MarketTape built from explicit trades and book snapshots, so that sandbox and
 * exchange rules can be checked against hand-computed prices.
 */
import type {
  BookLevel,
  BookSnapshot,
  MarketTape,
  TapeTrade,
} from '../../../src/emulator/venue/venue-ports.ts';

/** Trades and books written by hand, per instrument uid. */
export class ScriptedTape implements MarketTape {
  private readonly tradeList = new Map<string, TapeTrade[]>();
  private readonly books = new Map<string, BookSnapshot[]>();

  /** Adds a trade (kept sorted by time). */
  trade(uid: string, time: number, price: number, lots = 1, side: 'buy' | 'sell' = 'buy'): this {
    const list = this.tradeList.get(uid) ?? [];
    list.push({ time, price, lots, side });
    list.sort((a, b) => a.time - b.time);
    this.tradeList.set(uid, list);
    return this;
  }

  /** Sets the book from `time` on: [price, lots] levels, best first. */
  book(uid: string, time: number, bids: [number, number][], asks: [number, number][]): this;
  book(uid: string, at: number, depth: number): BookSnapshot | undefined;
  book(
    uid: string,
    time: number,
    a: [number, number][] | number,
    asks?: [number, number][],
  ): this | BookSnapshot | undefined {
    if (typeof a === 'number') {
      const snap = (this.books.get(uid) ?? []).filter((b) => b.time <= time).at(-1);
      if (!snap) return undefined;
      return { time, bids: snap.bids.slice(0, a), asks: snap.asks.slice(0, a) };
    }
    const level = ([price, lots]: [number, number]): BookLevel => ({ price, lots });
    const list = this.books.get(uid) ?? [];
    list.push({ time, bids: a.map(level), asks: (asks ?? []).map(level) });
    list.sort((x, y) => x.time - y.time);
    this.books.set(uid, list);
    return this;
  }

  trades(uid: string, from: number, to: number): TapeTrade[] {
    return (this.tradeList.get(uid) ?? []).filter((t) => t.time >= from && t.time < to);
  }

  lastTrade(uid: string, at: number): TapeTrade | undefined {
    return (this.tradeList.get(uid) ?? []).filter((t) => t.time <= at).at(-1);
  }
}
