/**
 * @module Rolling history of one series: the last `capacity` closed candles in a fixed-size ring over
 * typed arrays. Pushing never allocates, so the engine keeps every subscribed series' history up to
 * date at no measurable cost. Index 0 is the most recent closed candle, 1 the one before, and so on.
 */
import { candleAt, type Candle, type CandleBatch, type CandleColumns } from '../../core/candle.ts';
import { TlabError } from '../../core/errors.ts';

/** Read-only view of a series' recent candles (index 0 = most recent). */
export interface HistoryView {
  /** Most candles this history keeps. */
  readonly capacity: number;
  /** Candles held now (grows to `capacity`, then stays). */
  readonly size: number;
  time(ago: number): number;
  open(ago: number): number;
  high(ago: number): number;
  low(ago: number): number;
  close(ago: number): number;
  volume(ago: number): number;
  /** Copy of candle `ago` as a plain object. */
  candle(ago: number): Candle;
  /** Copy of the last `count` (default: all held) values of one field, oldest first. */
  values(field: keyof Candle, count?: number): Float64Array;
}

/** The ring buffer behind {@link HistoryView}. */
export class SeriesHistory implements HistoryView {
  readonly capacity: number;
  size = 0;
  /** Slot the next candle goes into. */
  private head = 0;
  private readonly cols: CandleColumns;

  constructor(capacity: number) {
    this.capacity = capacity;
    this.cols = {
      time: new Float64Array(capacity),
      open: new Float64Array(capacity),
      high: new Float64Array(capacity),
      low: new Float64Array(capacity),
      close: new Float64Array(capacity),
      volume: new Float64Array(capacity),
    };
  }

  /** Appends candle `i` of `batch` (the engine's hot path: six stores, no allocation). */
  pushFrom(batch: CandleBatch, i: number): void {
    const h = this.head;
    const c = this.cols;
    c.time[h] = batch.time[i];
    c.open[h] = batch.open[i];
    c.high[h] = batch.high[i];
    c.low[h] = batch.low[i];
    c.close[h] = batch.close[i];
    c.volume[h] = batch.volume[i];
    this.head = h + 1 === this.capacity ? 0 : h + 1;
    if (this.size < this.capacity) this.size++;
  }

  time(ago: number): number {
    return this.cols.time[this.slot(ago)];
  }
  open(ago: number): number {
    return this.cols.open[this.slot(ago)];
  }
  high(ago: number): number {
    return this.cols.high[this.slot(ago)];
  }
  low(ago: number): number {
    return this.cols.low[this.slot(ago)];
  }
  close(ago: number): number {
    return this.cols.close[this.slot(ago)];
  }
  volume(ago: number): number {
    return this.cols.volume[this.slot(ago)];
  }

  candle(ago: number): Candle {
    return candleAt(this.cols, this.slot(ago));
  }

  values(field: keyof Candle, count = this.size): Float64Array {
    const n = Math.min(count, this.size);
    const out = new Float64Array(n);
    const col = this.cols[field];
    for (let k = 0; k < n; k++) out[k] = col[this.slot(n - 1 - k)];
    return out;
  }

  private slot(ago: number): number {
    if (!(ago >= 0 && ago < this.size) || ago !== Math.floor(ago)) {
      throw new TlabError(
        `history index ${ago} is outside the ${this.size} candles held`,
        `ask for 0..${this.size - 1}, check history.size first, or raise historyLength (now ${this.capacity})`,
      );
    }
    const s = this.head - 1 - ago;
    return s < 0 ? s + this.capacity : s;
  }
}
