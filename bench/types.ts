/** @module The result row every benchmark suite returns; the runner prints and collects them. */

/** One measured workload. Rates are medians over repetitions. */
export interface BenchResult {
  name: string;
  candlesPerSecond?: number;
  ratioToRawRead?: number;
  peakRssMB?: number;
  [extra: string]: unknown;
}
