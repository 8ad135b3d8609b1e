/**
 * @module A cursor over one subscribed series: pulls the feed's batches one at a time (awaiting only
 * per batch, and only when the feed is asynchronous), checks their order and range, hashes their
 * content for the run fingerprint, and exposes the current candle's close time for the merge.
 */
import { createHash, type Hash } from 'node:crypto';
import type { CandleBatch } from '../../core/candle.ts';
import { DataIntegrityError } from '../../core/errors.ts';
import { closeTime, intervalMs, type Interval } from '../../core/interval.ts';
import { isoUtc, type TimeRange } from '../../core/time.ts';
import { CandleEvent } from '../candle-event.ts';
import { SeriesHistory } from '../history/series-history.ts';
import type { MarketDataFeed, SeriesKey } from '../ports/market-data-feed.ts';

const COLUMNS = ['time', 'open', 'high', 'low', 'close', 'volume'] as const;

/** Everything the loops need about one series while they walk it. */
export class SeriesCursor {
  batch: CandleBatch | null = null;
  /** Index of the current candle in `batch`, and the batch's length. */
  i = 0;
  n = 0;
  done = false;
  /** Close time of the current candle (Infinity when done). */
  nextClose = Infinity;
  /** Fixed interval length in ms, NaN for months. */
  readonly ivMs: number;
  readonly view: CandleEvent;
  readonly history: SeriesHistory;
  count = 0;
  /** True when this is its instrument's execution series (finest interval): orders fill on it. */
  isExec = false;
  /** The feed's next batch while it is still on its way (a live feed's); null otherwise. */
  pending: Promise<boolean> | null = null;
  private lastTime = -Infinity;
  private readonly hashes: Hash[] = COLUMNS.map(() => createHash('sha256'));
  private sync: Iterator<CandleBatch> | null = null;
  private async: AsyncIterator<CandleBatch> | null = null;
  private range: TimeRange = { from: 0, to: 0 };

  constructor(
    readonly key: SeriesKey,
    readonly ticker: string,
    /** Index in the subscription list. */
    readonly index: number,
    /** Instrument slot. */
    readonly slot: number,
    readonly historyLength: number,
  ) {
    this.ivMs = intervalMs(key.interval) ?? NaN;
    this.view = new CandleEvent(key.instrumentUid, ticker, key.interval, index, slot);
    this.history = new SeriesHistory(historyLength);
  }

  /** Opens the feed's stream for this series. */
  open(feed: MarketDataFeed, range: TimeRange): void {
    const src = feed.read(this.key, range);
    if (Symbol.asyncIterator in src) this.async = src[Symbol.asyncIterator]();
    else this.sync = src[Symbol.iterator]();
    this.range = range;
  }

  /** Close time of the candle opening at `t` in this series. */
  closeOf(t: number): number {
    const ms = this.ivMs;
    return ms === ms ? t + ms : closeTime(this.key.interval as Interval, t);
  }

  /** Moves to the next non-empty batch; false (or a promise of false) when the series is exhausted. */
  advance(): boolean | Promise<boolean> {
    if (this.async !== null) return this.advanceAsync();
    const it = this.sync as Iterator<CandleBatch>;
    for (;;) {
      const r = it.next();
      if (r.done === true) return this.finish();
      if (r.value.length > 0) return this.load(r.value);
    }
  }

  private async advanceAsync(): Promise<boolean> {
    const it = this.async as AsyncIterator<CandleBatch>;
    for (;;) {
      const r = await it.next();
      if (r.done === true) return this.finish();
      if (r.value.length > 0) return this.load(r.value);
    }
  }

  /**
   * Earliest close time the next candle can have: it opens no earlier than the close of the last one
   * (or the range's start), so it closes no earlier than one interval after that. The merge uses it
   * to go on with the other series while this one's next candle is still on its way.
   */
  nextCloseBound(): number {
    const opensFrom = this.lastTime === -Infinity ? this.range.from : this.closeOf(this.lastTime);
    return this.closeOf(opensFrom);
  }

  /** Releases the feed's stream early (a strategy threw); a finished stream needs nothing. */
  close(): void {
    if (this.done) return;
    this.done = true;
    void this.sync?.return?.();
    void this.async?.return?.();
  }

  private finish(): false {
    this.done = true;
    this.batch = null;
    this.n = 0;
    this.nextClose = Infinity;
    return false;
  }

  private load(b: CandleBatch): true {
    const n = b.length;
    const T = b.time;
    let prev = this.lastTime;
    for (let k = 0; k < n; k++) {
      const t = T[k];
      if (!(t > prev))
        throw this.integrity(`candle times are not strictly increasing at ${isoUtc(t)}`);
      prev = t;
    }
    if (T[0] < this.range.from || prev >= this.range.to) {
      throw this.integrity(
        `the feed returned a candle outside ${isoUtc(this.range.from)}..${isoUtc(this.range.to)}`,
      );
    }
    this.lastTime = prev;
    for (let c = 0; c < COLUMNS.length; c++) {
      const col = b[COLUMNS[c]];
      this.hashes[c].update(new Uint8Array(col.buffer, col.byteOffset, n * 8));
    }
    this.batch = b;
    this.i = 0;
    this.n = n;
    this.count += n;
    this.nextClose = this.closeOf(T[0]);
    return true;
  }

  /** Digest line of this series for the data hash (series, range, count, column digests). */
  digest(): string {
    const cols = this.hashes.map((h) => h.digest('hex')).join(',');
    const k = this.key;
    return `${k.instrumentUid}|${k.interval}|${this.range.from}|${this.range.to}|${this.count}|${cols}`;
  }

  private integrity(what: string): DataIntegrityError {
    return new DataIntegrityError(
      `${this.ticker} ${this.key.interval}: ${what}`,
      'the feed is inconsistent; re-download the range into the cache',
    );
  }
}
