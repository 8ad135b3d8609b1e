/**
 * @module The sma-cross grid study the optimize and cluster benchmarks both run: one instrument's
 * 1-minute series written to a cache in `dir`, read back as shared series, and the study spec.
 */
import path from 'node:path';
import { openStore } from '../src/data/index.ts';
import { parseAxis } from '../src/research/grid.ts';
import { loadSharedSeries } from '../src/research/load-series.ts';
import type { SharedSeries } from '../src/research/shared-candles.ts';
import type { StudySpec } from '../src/research/study.ts';
import { BENCH_START, benchInstrument, writeSeries } from './engine-data.ts';

/** A cached `count`-candle series and a fast × slow grid over it (`slowAxis`, e.g. `slow=60:240:20`). */
export function benchStudy(
  dir: string,
  count: number,
  slowAxis: string,
): { series: SharedSeries[]; spec: StudySpec } {
  const store = openStore(path.join(dir, 'cache.sqlite'));
  const inst = benchInstrument(1);
  store.upsertInstrument(inst);
  writeSeries(store, inst, count, 7);
  const range = { from: BENCH_START, to: BENCH_START + count * 60_000 };
  const series = loadSharedSeries(store, [inst], ['1m'], range);
  store.close();
  const spec: StudySpec = {
    template: { strategy: 'sma-cross', instruments: [inst], intervals: ['1m'], range },
    fixed: {},
    axes: [parseAxis('fast=5:50:5'), parseAxis(slowAxis)],
    constraints: [],
    objective: 'sharpe',
  };
  return { series, spec };
}
