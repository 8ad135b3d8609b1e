/**
 * @module The built-in deterministic market: a MarketSource over the catalog's shares, futures,
 * ETFs, bonds and currencies whose 1-minute candles are a pure function of (seed, instrument, day),
 * inside the instrument's listing (a contract's life, a bond's placement to maturity), with a
 * twentieth of the volume outside a futures contract's front window, and a share lower by its
 * dividends from each record date on (ex-dividend.ts). Same seed, same candles on any machine;
 * any range costs time proportional to the days it touches. Recently built days are kept in a small
 * cache because clients tend to ask for neighbouring windows.
 */
import { candleAt, type Candle, type CandleBatch } from '../../core/candle.ts';
import type { Instrument } from '../../core/instrument.ts';
import { stringKey } from './anchor.ts';
import { HISTORY_START, SYNTHETIC_CATALOG, type SyntheticInstrument } from './catalog.ts';
import { SYNTHETIC_FUTURES } from './catalog-futures.ts';
import { SYNTHETIC_OTHER_KINDS } from './catalog-kinds.ts';
import { dayCandles, type PathKey } from './day-path.ts';
import { exDividendTicks, lowerBy } from './ex-dividend.ts';
import type { MarketSource } from './market-source.ts';
import { dayIndex, isTradingDay } from './schedule.ts';

const CACHED_DAYS = 512;
const DAY = 86_400_000;
/** Volume share of a futures contract outside its front window. */
const INACTIVE_VOLUME = 1 / 20;

/** Every instrument of the built-in market: the shares, then futures, ETFs, bonds, currencies. */
export const SYNTHETIC_UNIVERSE: readonly SyntheticInstrument[] = [
  ...SYNTHETIC_CATALOG,
  ...SYNTHETIC_FUTURES,
  ...SYNTHETIC_OTHER_KINDS,
];

interface Entry {
  key: PathKey;
  quiet?: PathKey;
  listed?: { from: number; to: number };
  active?: { from: number; to: number };
}

/** MarketSource backed by the synthetic price model. */
export class SyntheticMarket implements MarketSource {
  private readonly byUid = new Map<string, Entry>();
  private readonly list: Instrument[];
  private readonly cache = new Map<string, CandleBatch>();
  private readonly firstDay = dayIndex(HISTORY_START);

  constructor(
    readonly seed = 1,
    catalog: readonly SyntheticInstrument[] = SYNTHETIC_UNIVERSE,
  ) {
    this.list = catalog.map((c) => ({ ...c.instrument }));
    for (const c of catalog) {
      const key = {
        seed,
        key: stringKey(c.path ?? c.instrument.figi),
        step: c.instrument.minPriceIncrement,
        params: c.params,
      };
      const entry: Entry = { key };
      if (c.listed) entry.listed = c.listed;
      if (c.active) {
        entry.active = c.active;
        entry.quiet = {
          ...key,
          params: { ...c.params, minuteLots: c.params.minuteLots * INACTIVE_VOLUME },
        };
      }
      this.byUid.set(c.instrument.uid, entry);
    }
  }

  /** @inheritdoc */
  instruments(): Instrument[] {
    return this.list.map((i) => ({ ...i }));
  }

  /** True when instrument `uid` trades at all at `t` (inside its listing; a weekend does not count). */
  isListed(uid: string, t: number): boolean {
    const e = this.byUid.get(uid);
    return !!e && t >= (e.listed?.from ?? -Infinity) && t < (e.listed?.to ?? Infinity);
  }

  /** @inheritdoc */
  minuteCandles(uid: string, from: number, to: number): Candle[] {
    const entry = this.byUid.get(uid);
    if (!entry || to <= from) return [];
    const lo = Math.max(from, entry.listed?.from ?? -Infinity);
    const hi = Math.min(to, entry.listed?.to ?? Infinity);
    const out: Candle[] = [];
    if (hi <= lo) return out;
    const last = dayIndex(hi - 1);
    for (let day = Math.max(dayIndex(lo), this.firstDay); day <= last; day++) {
      if (!isTradingDay(day)) continue;
      const t0 = day * DAY;
      const quiet =
        entry.quiet && entry.active && (t0 < entry.active.from || t0 >= entry.active.to);
      const b = this.day(uid, quiet ? entry.quiet! : entry.key, day);
      for (let i = 0; i < b.length; i++) {
        const t = b.time[i];
        if (t >= lo && t < hi) out.push(candleAt(b, i));
      }
    }
    return out;
  }

  private day(uid: string, key: PathKey, day: number): CandleBatch {
    const id = `${uid}:${day}:${key.params.minuteLots}`;
    const hit = this.cache.get(id);
    if (hit) {
      // Re-insert so the Map's insertion order doubles as recency order.
      this.cache.delete(id);
      this.cache.set(id, hit);
      return hit;
    }
    const built = lowerBy(
      dayCandles(key, day),
      exDividendTicks(uid, key.step, day * DAY),
      key.step,
    );
    this.cache.set(id, built);
    if (this.cache.size > CACHED_DAYS) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
    return built;
  }
}
