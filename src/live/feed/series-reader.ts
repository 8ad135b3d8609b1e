/**
 * @module One read of the stream feed: the seam between closed history and the live stream. It
 * subscribes first; once the venue confirms the subscription and a venue time T after it is
 * known, every candle that closed by T is in GetCandles (or the cache) and every later one comes on
 * the stream, so the reader backfills [cursor, T), then takes stream candles from the cursor on,
 * dropping any it already has. A dead stream repeats the same step after the reconnect, from the
 * last candle delivered. Stream candles that arrive before the backfill is done are held back.
 */
import { batchFromCandles, type Candle, type CandleBatch } from '../../core/candle.ts';
import { alignTime, closeTime } from '../../core/interval.ts';
import type { TimeRange } from '../../core/time.ts';
import type { SeriesKey } from '../../engine/ports/market-data-feed.ts';
import { backfill, type BackfillSources } from './backfill.ts';
import type { LiveEvent, SeriesNotice } from './feed-events.ts';
import { itemFor } from './stream-connection.ts';
import type { StreamPool } from './stream-pool.ts';

/** What a reader needs. */
export interface ReaderDeps extends BackfillSources {
  pool: StreamPool;
  /** Venue ms a candle may come after its close before the reader stops waiting for it. */
  closeGraceMs: number;
  emit(e: Omit<LiveEvent, 'time'>): void;
}

/** A queue of notices with one waiting consumer. */
class NoticeQueue {
  private readonly items: SeriesNotice[] = [];
  private wake: (() => void) | undefined;

  push = (n: SeriesNotice): void => {
    this.items.push(n);
    this.wake?.();
  };

  async next(): Promise<SeriesNotice> {
    while (this.items.length === 0) await new Promise<void>((r) => (this.wake = r));
    this.wake = undefined;
    return this.items.shift()!;
  }
}

/** The venue time after which no candle with open time before `to` can still arrive. */
function lastClose(series: SeriesKey, range: TimeRange): number {
  if (range.to === Number.POSITIVE_INFINITY) return range.to;
  return closeTime(series.interval, alignTime(series.interval, range.to - 1));
}

/** Reads closed candles of `series` in `range`: backfill, then the stream, exactly once each. */
export async function* readSeries(
  deps: ReaderDeps,
  series: SeriesKey,
  range: TimeRange,
): AsyncGenerator<CandleBatch> {
  if (!(range.to > range.from)) return;
  const item = itemFor(series.instrumentUid, series.interval);
  const queue = new NoticeQueue();
  const end = lastClose(series, range) + deps.closeGraceMs;
  let cursor = range.from;
  let held: Candle[] | undefined = [];
  let first = true;
  deps.pool.subscribe(item, queue.push);
  try {
    yield* follow();
  } catch (err) {
    // A call cut short by stop() (the client may be closing too) ends the read, not fails it.
    if (!deps.pool.isClosed()) throw err;
  } finally {
    deps.pool.release(item.id, queue.push);
  }

  async function* follow(): AsyncGenerator<CandleBatch> {
    for (;;) {
      const n = await queue.next();
      if (n.kind === 'stopped') return;
      if (n.kind === 'error') throw n.error;
      if (n.kind === 'down') {
        held ??= [];
        continue;
      }
      if (n.kind === 'candle') {
        if (held) {
          held.push(n.candle);
          continue;
        }
        if (n.candle.time < cursor) continue;
        if (n.candle.time >= range.to) return;
        cursor = n.candle.time + 1;
        yield batchFromCandles([n.candle]);
        if (closeTime(series.interval, n.candle.time) + deps.closeGraceMs >= end) return;
        continue;
      }
      if (n.kind === 'ping') {
        if (!held && n.venueNow >= end) return;
        continue;
      }
      // ready: backfill what closed while we were not subscribed, then release held candles.
      const upTo = Math.min(range.to, n.venueNow);
      const count = { cache: 0, api: 0 };
      const from = cursor;
      const src: BackfillSources = first ? deps : { client: deps.client };
      for await (const b of backfill(src, series, { from: cursor, to: upTo }, count)) {
        cursor = b.time[b.length - 1] + 1;
        yield b;
        if (deps.pool.isClosed()) return;
      }
      first = false;
      if (upTo > from) {
        deps.emit({ kind: 'stream-backfill', ...series, from, to: upTo, ...count });
      }
      const pending = held ?? [];
      held = undefined;
      for (const c of pending) {
        if (c.time < cursor) continue;
        if (c.time >= range.to) return;
        cursor = c.time + 1;
        yield batchFromCandles([c]);
      }
      if (n.venueNow >= end) return;
    }
  }
}
