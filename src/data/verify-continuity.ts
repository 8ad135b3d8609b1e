/**
 * @module What `data verify` warns about across chunks: price jumps between consecutive candles
 * that the series' own volatility does not explain, and every change of source. Both are what
 * stitching real and synthetic candles looks like; neither is corruption (a real gap after news
 * or a dividend can jump too), so they are warnings for a person to look at, not errors.
 *
 * The jump rule: with r = ln(open of a candle / close of the candle before it), a gap is flagged
 * when |r| > max(JUMP_SIGMAS × σ, JUMP_FLOOR), where σ is the robust deviation of the series'
 * close-to-close log returns (1.4826 × their median absolute deviation, which a few jumps do not
 * inflate). The floor keeps ordinary overnight gaps of a quiet minute series from being flagged.
 */

/** How many robust deviations a gap must exceed to be flagged. */
export const JUMP_SIGMAS = 10;
/** The smallest |log return| ever flagged (about a 10% move). */
export const JUMP_FLOOR = Math.log(1.1);
const MAX_LISTED = 20;

/** Warnings for one series. */
export interface ContinuityFindings {
  /** The robust σ of close-to-close log returns (0 with fewer than two candles). */
  sigma: number;
  /** Threshold |log return| used. */
  threshold: number;
  jumps: number;
  sourceChanges: number;
  /** Chunks that hold candles from more than one source. */
  mixedChunks: number;
  /** One line each (capped; the counts have the totals). */
  warnings: string[];
}

/** Collects one series' candles chunk by chunk, then judges them. */
export class ContinuityCheck {
  /** Open times of every candle added, in order (the gap classification reads them too). */
  readonly times: number[] = [];
  private opens: number[] = [];
  private closes: number[] = [];
  private lastSource: string | undefined;
  private readonly findings: ContinuityFindings = { sigma: 0, threshold: JUMP_FLOOR, jumps: 0, sourceChanges: 0, mixedChunks: 0, warnings: [] };

  constructor(private readonly describeTime: (t: number) => string) {}

  /** Adds one chunk (in time order) with its source column. */
  addChunk(day: string, source: string, b: { length: number; time: Float64Array; open: Float64Array; close: Float64Array }): void {
    if (this.lastSource !== undefined && source !== this.lastSource) {
      this.findings.sourceChanges++;
      this.warn(`source change at ${day}: ${this.lastSource.replaceAll('\n', ' + ')} -> ${source.replaceAll('\n', ' + ')}`);
    }
    if (source.includes('\n')) this.findings.mixedChunks++;
    if (source.includes('\n')) this.warn(`chunk ${day} holds candles from ${source.replaceAll('\n', ' and ')}`);
    this.lastSource = source;
    for (let i = 0; i < b.length; i++) {
      this.times.push(b.time[i]);
      this.opens.push(b.open[i]);
      this.closes.push(b.close[i]);
    }
  }

  /** Judges the collected candles. */
  finish(): ContinuityFindings {
    const f = this.findings;
    const n = this.closes.length;
    const returns: number[] = [];
    for (let i = 1; i < n; i++) returns.push(Math.log(this.closes[i] / this.closes[i - 1]));
    f.sigma = robustSigma(returns);
    f.threshold = Math.max(JUMP_SIGMAS * f.sigma, JUMP_FLOOR);
    for (let i = 1; i < n; i++) {
      const r = Math.log(this.opens[i] / this.closes[i - 1]);
      if (!(Math.abs(r) > f.threshold)) continue;
      f.jumps++;
      const pct = ((Math.exp(r) - 1) * 100).toFixed(1);
      this.warn(
        `price jump ${r > 0 ? '+' : ''}${pct}% from close ${this.closes[i - 1]} at ${this.describeTime(this.times[i - 1])} ` +
          `to open ${this.opens[i]} at ${this.describeTime(this.times[i])}`,
      );
    }
    return f;
  }

  private warn(line: string): void {
    if (this.findings.warnings.length < MAX_LISTED) this.findings.warnings.push(line);
  }
}

/** 1.4826 × the median absolute deviation from the median (σ for normal data, robust to outliers). */
export function robustSigma(xs: readonly number[]): number {
  const finite = xs.filter(Number.isFinite);
  if (finite.length === 0) return 0;
  const med = median(finite);
  return 1.4826 * median(finite.map((x) => Math.abs(x - med)));
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
