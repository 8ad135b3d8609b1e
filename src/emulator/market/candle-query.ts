/**
 * @module Candles of any interval from a MarketSource, as GetCandles and the archive serve them:
 * aggregated from 1-minute candles, only complete ones (close time <= now), selected by open time in
 * [from, to). Day candles are memoised per instrument and day so that daily, weekly and monthly
 * requests over years do not rebuild millions of minutes on every call.
 */
import type { Candle } from '../../core/candle.ts';
import { alignTime, closeTime, type Interval } from '../../core/interval.ts';
import { aggregate } from '../../core/aggregate.ts';
import type { MarketSource } from './market-source.ts';

const DAY = 86_400_000;
const MAX_MEMO_DAYS = 50_000;
const DAY_BASED: ReadonlySet<Interval> = new Set<Interval>(['1d', '1w', '1M']);

/** Reads aggregated candles out of a MarketSource. */
export class CandleQuery {
  private readonly dayMemo = new Map<string, Candle | null>();

  constructor(readonly source: MarketSource) {}

  /**
   * Complete candles of `interval` for instrument `uid` whose open time lies in [from, to) and whose
   * close time is at or before `now`, oldest first.
   */
  candles(uid: string, interval: Interval, from: number, to: number, now: number): Candle[] {
    let first = alignTime(interval, from);
    if (first < from) first = closeTime(interval, first);
    if (to <= first) return [];
    const lastOpen = alignTime(interval, to - 1);
    // Everything before the bucket that holds `now` is complete; nothing after it is needed.
    const end = Math.min(closeTime(interval, lastOpen), alignTime(interval, now));
    if (end <= first) return [];
    const parts = DAY_BASED.has(interval)
      ? this.days(uid, first, end)
      : this.source.minuteCandles(uid, first, end);
    return aggregate(parts, interval).filter(
      (c) => c.time >= from && c.time < to && closeTime(interval, c.time) <= now,
    );
  }

  /** The day candles of [from, to) (both on day boundaries), built once per instrument and day. */
  private days(uid: string, from: number, to: number): Candle[] {
    const out: Candle[] = [];
    for (let t = from; t < to; t += DAY) {
      const key = `${uid}:${t}`;
      let c = this.dayMemo.get(key);
      if (c === undefined) {
        c = aggregate(this.source.minuteCandles(uid, t, t + DAY), '1d')[0] ?? null;
        if (this.dayMemo.size >= MAX_MEMO_DAYS) this.dayMemo.clear();
        this.dayMemo.set(key, c);
      }
      if (c) out.push({ ...c });
    }
    return out;
  }
}
