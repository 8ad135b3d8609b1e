/**
 * @module Stores the equity curve (time, equity, buy-and-hold benchmark) in typed-array chunks:
 * recording a mark costs three stores and growing never copies. The first chunk is sized to the most
 * marks the range can hold (its untouched tail costs address space, not memory: fresh pages are only
 * paid for when written, and paying for them twice, as a copying growth does, dominated the loop);
 * when the marks fit in it, `curve()` returns views of it without copying. With recording off it keeps
 * nothing: the metrics never need the stored curve.
 */
import type { EquityCurve } from '../result.ts';

const CHUNK = 65_536;
/** Largest first chunk (marks); beyond it the curve grows in CHUNK steps. */
const MAX_FIRST = 1 << 23;

/** Chunked columnar store of equity marks. */
export class EquityRecorder {
  private readonly chunks: Float64Array[][] = [];
  private time = new Float64Array(0);
  private equity = new Float64Array(0);
  private bench = new Float64Array(0);
  /** Marks in the current chunk, and in all earlier chunks. */
  private k = 0;
  private before = 0;

  /** `expected` is an upper estimate of the number of marks (sizes the first chunk). */
  constructor(
    readonly enabled: boolean,
    private readonly expected = CHUNK,
  ) {}

  /** Records one mark (no-op when disabled). */
  push(t: number, eq: number, benchmark: number): void {
    if (!this.enabled) return;
    let k = this.k;
    if (k === this.time.length) {
      this.addChunk();
      k = 0;
    }
    this.time[k] = t;
    this.equity[k] = eq;
    this.bench[k] = benchmark;
    this.k = k + 1;
  }

  /** The recorded curve in tight arrays. */
  curve(): EquityCurve {
    const n = this.before + this.k;
    if (this.chunks.length === 1) {
      return {
        time: this.time.subarray(0, n),
        equity: this.equity.subarray(0, n),
        benchmark: this.bench.subarray(0, n),
      };
    }
    const out = {
      time: new Float64Array(n),
      equity: new Float64Array(n),
      benchmark: new Float64Array(n),
    };
    let at = 0;
    for (const [t, e, b] of this.chunks) {
      const len = Math.min(t.length, n - at);
      out.time.set(t.subarray(0, len), at);
      out.equity.set(e.subarray(0, len), at);
      out.benchmark.set(b.subarray(0, len), at);
      at += len;
    }
    return out;
  }

  private addChunk(): void {
    this.before += this.k;
    const size =
      this.chunks.length === 0 ? Math.min(Math.max(this.expected, 16), MAX_FIRST) : CHUNK;
    this.time = new Float64Array(size);
    this.equity = new Float64Array(size);
    this.bench = new Float64Array(size);
    this.chunks.push([this.time, this.equity, this.bench]);
    this.k = 0;
  }
}
