/**
 * @module The built-in deterministic market: a MarketSource over the catalog's shares whose 1-minute
 * candles are a pure function of (seed, instrument, day). Same seed, same candles on any machine;
 * any range costs time proportional to the days it touches. Recently built days are kept in a small
 * cache because clients tend to ask for neighbouring windows.
 */
import { candleAt, type Candle, type CandleBatch } from '../../core/candle.ts';
import type { Instrument } from '../../core/instrument.ts';
import { stringKey } from './anchor.ts';
import { HISTORY_START, SYNTHETIC_CATALOG, type SyntheticInstrument } from './catalog.ts';
import { dayCandles, type PathKey } from './day-path.ts';
import type { MarketSource } from './market-source.ts';
import { dayIndex, isTradingDay } from './schedule.ts';

const CACHED_DAYS = 512;

/** MarketSource backed by the synthetic price model. */
export class SyntheticMarket implements MarketSource {
  private readonly byUid = new Map<string, PathKey>();
  private readonly list: Instrument[];
  private readonly cache = new Map<string, CandleBatch>();
  private readonly firstDay = dayIndex(HISTORY_START);

  constructor(
    readonly seed = 1,
    catalog: readonly SyntheticInstrument[] = SYNTHETIC_CATALOG,
  ) {
    this.list = catalog.map((c) => ({ ...c.instrument }));
    for (const c of catalog) {
      this.byUid.set(c.instrument.uid, {
        seed,
        key: stringKey(c.instrument.figi),
        step: c.instrument.minPriceIncrement,
        params: c.params,
      });
    }
  }

  /** @inheritdoc */
  instruments(): Instrument[] {
    return this.list.map((i) => ({ ...i }));
  }

  /** @inheritdoc */
  minuteCandles(uid: string, from: number, to: number): Candle[] {
    const key = this.byUid.get(uid);
    if (!key || to <= from) return [];
    const out: Candle[] = [];
    const last = dayIndex(to - 1);
    for (let day = Math.max(dayIndex(from), this.firstDay); day <= last; day++) {
      if (!isTradingDay(day)) continue;
      const b = this.day(uid, key, day);
      for (let i = 0; i < b.length; i++) {
        const t = b.time[i];
        if (t >= from && t < to) out.push(candleAt(b, i));
      }
    }
    return out;
  }

  private day(uid: string, key: PathKey, day: number): CandleBatch {
    const id = `${uid}:${day}`;
    const hit = this.cache.get(id);
    if (hit) {
      // Re-insert so the Map's insertion order doubles as recency order.
      this.cache.delete(id);
      this.cache.set(id, hit);
      return hit;
    }
    const built = dayCandles(key, day);
    this.cache.set(id, built);
    if (this.cache.size > CACHED_DAYS) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
    return built;
  }
}
