/**
 * @module MarketTape over any MarketSource: the trades of each 1-minute candle (./minute-trades.ts)
 * and the book around the last trade (./synthetic-book.ts), deterministic from the seed. It serves
 * the synthetic market and a replayed candle cache alike, so `--data` runs get trades and books
 * consistent with the cached minutes. Recently built minutes are cached, since streams and orders
 * read the same minutes over and over.
 */
import type { Candle } from '../../core/candle.ts';
import { dayStart } from '../../core/time.ts';
import { stringKey } from '../market/anchor.ts';
import type { MarketSource } from '../market/market-source.ts';
import { phaseAt } from '../market/trading-phase.ts';
import { minuteTrades } from './minute-trades.ts';
import { bookAround } from './synthetic-book.ts';
import type { BookSnapshot, MarketTape, TapeTrade } from './venue-ports.ts';

const MINUTE = 60_000;
const DAY = 86_400_000;
/** How far back lastTrade looks (covers weekends and long holidays). */
const LOOKBACK_DAYS = 14;
const CACHED_MINUTES = 8192;

interface Spec {
  step: number;
  key: number;
}

/** Trades and books derived from a source's minute candles. */
export class CandleTape implements MarketTape {
  private readonly specs = new Map<string, Spec>();
  private readonly cache = new Map<string, TapeTrade[]>();

  constructor(
    private readonly source: MarketSource,
    private readonly seed = 1,
  ) {
    for (const i of source.instruments()) {
      this.specs.set(i.uid, { step: i.minPriceIncrement, key: stringKey(i.uid) });
    }
  }

  /** @inheritdoc */
  trades(uid: string, from: number, to: number): TapeTrade[] {
    const spec = this.specs.get(uid);
    if (!spec || to <= from) return [];
    const first = Math.floor(from / MINUTE) * MINUTE;
    const out: TapeTrade[] = [];
    // One minute straight from the cache; longer ranges read the source once.
    if (to <= first + MINUTE) {
      for (const t of this.minute(uid, spec, first)) if (t.time >= from && t.time < to) out.push(t);
      return out;
    }
    for (const c of this.source.minuteCandles(uid, first, to)) {
      for (const t of this.tradesOf(uid, spec, c)) if (t.time >= from && t.time < to) out.push(t);
    }
    return out;
  }

  /** @inheritdoc */
  lastTrade(uid: string, at: number): TapeTrade | undefined {
    const spec = this.specs.get(uid);
    if (!spec) return undefined;
    const m = Math.floor(at / MINUTE) * MINUTE;
    const here = this.minute(uid, spec, m).filter((t) => t.time <= at);
    if (here.length > 0) return here[here.length - 1];
    let end = m;
    for (let k = 0; k < LOOKBACK_DAYS; k++) {
      const start = k === 0 ? dayStart(m) : end - DAY;
      const day = this.source.minuteCandles(uid, start, end);
      const c = day[day.length - 1];
      if (c) {
        const trades = this.tradesOf(uid, spec, c);
        return trades[trades.length - 1];
      }
      end = start;
    }
    return undefined;
  }

  /** @inheritdoc */
  book(uid: string, at: number, depth: number): BookSnapshot | undefined {
    const spec = this.specs.get(uid);
    if (!spec || phaseAt(at) === 'closed') return undefined;
    const last = this.lastTrade(uid, at);
    return last
      ? bookAround(last, spec.step, depth, { seed: this.seed, key: spec.key })
      : undefined;
  }

  private minute(uid: string, spec: Spec, m: number): TapeTrade[] {
    const hit = this.cache.get(`${uid}:${m}`);
    if (hit) return hit;
    const c = this.source.minuteCandles(uid, m, m + MINUTE)[0];
    return c ? this.tradesOf(uid, spec, c) : this.remember(`${uid}:${m}`, []);
  }

  private tradesOf(uid: string, spec: Spec, c: Candle): TapeTrade[] {
    const id = `${uid}:${c.time}`;
    return this.cache.get(id) ?? this.remember(id, minuteTrades(c, spec.step, this.seed, spec.key));
  }

  private remember(id: string, trades: TapeTrade[]): TapeTrade[] {
    if (this.cache.size >= CACHED_MINUTES) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(id, trades);
    return trades;
  }
}
