/**
 * @module The two things every venue service shares beyond the candle market: the venue clock (one
 * "now" for candles, last prices, streams, orders and trading status) and the market's trade tape and
 * order book. Pinned as interfaces so the market-data side and the order side of the emulator can be
 * built against the same contract; implementations live beside them.
 */

/** The venue's notion of now; every service reads it, nothing reads the wall clock directly. */
export interface VenueClock {
  /** Current venue time, epoch ms UTC. */
  now(): number;
  /**
   * Calls `listener(from, to)` each time venue time moves forward from `from` to `to` (a replay
   * clock in steps, a real-time clock on a timer), so streams and resting orders can act on the
   * trades in [from, to). Returns the unsubscribe function.
   */
  onAdvance(listener: (from: number, to: number) => void): () => void;
}

/** One trade on the tape. `lots` is the traded quantity in lots; `side` is the aggressor's. */
export interface TapeTrade {
  readonly time: number;
  readonly price: number;
  readonly lots: number;
  readonly side: 'buy' | 'sell';
}

/** One price level of a book. */
export interface BookLevel {
  readonly price: number;
  readonly lots: number;
}

/** A book snapshot: bids best (highest) first, asks best (lowest) first. */
export interface BookSnapshot {
  readonly time: number;
  readonly bids: readonly BookLevel[];
  readonly asks: readonly BookLevel[];
}

/**
 * Trades and books consistent with the minute candles: every trade of a minute lies inside that
 * candle's range, the first trade is at its open and the last at its close, their lots sum to its
 * volume; the book's best prices sit around the last trade. Deterministic from the seed.
 */
export interface MarketTape {
  /** Trades of `uid` with time in [from, to), oldest first. */
  trades(uid: string, from: number, to: number): TapeTrade[];
  /** The last trade of `uid` at or before `at`, if any. */
  lastTrade(uid: string, at: number): TapeTrade | undefined;
  /** The book of `uid` at `at` with up to `depth` levels per side (undefined when closed). */
  book(uid: string, at: number, depth: number): BookSnapshot | undefined;
}
