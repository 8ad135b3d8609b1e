/**
 * @module A MarketSource over a candle cache (the SQLite store of src/data), so `tlab serve --data`
 * replays downloaded history through the real API surface. Only the cache's 1-minute candles are
 * used; every other interval is aggregated from them like the synthetic market's. The store is
 * described structurally here, so the emulator does not depend on the data layer.
 */
import type { Candle } from '../../core/candle.ts';
import type { Instrument } from '../../core/instrument.ts';
import type { MarketSource } from './market-source.ts';

/** The read side of the candle cache this source needs. */
export interface MinuteStore {
  listInstruments(): Instrument[];
  readCandles(uid: string, interval: '1m', from: number, to: number): Candle[];
}

function order(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** MarketSource backed by a candle cache's instruments and 1-minute candles. */
export class StoreMarket implements MarketSource {
  private readonly list: Instrument[];

  constructor(private readonly store: MinuteStore) {
    // Instruments are read once: a server answers from a fixed list, like the real API per day.
    this.list = [...store.listInstruments()].sort(
      (a, b) => order(a.ticker, b.ticker) || order(a.uid, b.uid),
    );
  }

  /** @inheritdoc */
  instruments(): Instrument[] {
    return this.list.map((i) => ({ ...i }));
  }

  /** @inheritdoc */
  minuteCandles(uid: string, from: number, to: number): Candle[] {
    if (to <= from) return [];
    return this.store.readCandles(uid, '1m', from, to);
  }
}
