/**
 * @module Walk-forward splits, exact at the edges (every candle of the out-of-sample span in exactly
 * one window, no gap), and a small walk-forward over a real cache file on worker threads.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { candleAt } from '../../src/core/candle.ts';
import { openStore } from '../../src/data/index.ts';
import { renderWalkForwardPage } from '../../src/report/study/walk-forward-page.ts';
import { createPool } from '../../src/research/config-pool.ts';
import { parseAxis } from '../../src/research/grid.ts';
import { loadSharedSeries } from '../../src/research/load-series.ts';
import { runWalkForward, walkForwardWindows } from '../../src/research/walk-forward.ts';
import { instrument, randomWalk } from '../stubs/candles.ts';

const D = 86_400_000;
const H = 3_600_000;
const T0 = Date.UTC(2024, 0, 1);

describe('walk-forward windows', () => {
  it('tile the out-of-sample span exactly: no candle in two windows, no gap', () => {
    const range = { from: T0, to: T0 + 100 * D + 5 * H };
    for (const anchored of [false, true]) {
      const w = walkForwardWindows(range, 30 * D, 20 * D, anchored);
      expect(w[0].outOfSample.from).toBe(T0 + 30 * D);
      expect(w.at(-1)?.outOfSample.to).toBe(range.to);
      for (let k = 1; k < w.length; k++)
        expect(w[k].outOfSample.from).toBe(w[k - 1].outOfSample.to);
      for (const x of w) {
        expect(x.inSample.to).toBe(x.outOfSample.from);
        expect(x.inSample.from).toBe(anchored ? T0 : x.outOfSample.from - 30 * D);
      }
      // every hourly candle open in the OOS span falls in exactly one window
      for (let t = T0 + 30 * D; t < range.to; t += H) {
        expect(w.filter((x) => x.outOfSample.from <= t && t < x.outOfSample.to)).toHaveLength(1);
      }
      expect(w).toHaveLength(4); // 70 days + 5 h in 20-day steps: 20, 20, 20, 10 d + 5 h
    }
  });

  it('refuses a range too short for one split', () => {
    expect(() => walkForwardWindows({ from: T0, to: T0 + 10 * D }, 30 * D, 10 * D, false)).toThrow(
      /shorter than one in-sample window/,
    );
  });
});

describe('walk-forward run', () => {
  it('picks the in-sample best per window, runs it out of sample and stitches the curve', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tlab-wf-'));
    const store = openStore(path.join(dir, 'cache.sqlite'));
    const sber = instrument({ ticker: 'SBER' });
    store.upsertInstrument(sber);
    const n = 24 * 90;
    const b = randomWalk({ seed: 3, count: n, start: T0, interval: '1h', vol: 0.01 });
    const rows = Array.from({ length: n }, (_, i) => candleAt(b, i));
    const range = { from: T0, to: T0 + n * H };
    store.upsertCandles(sber.uid, '1h', rows, range);
    const spec = {
      template: { strategy: 'sma-cross', instruments: [sber], intervals: ['1h' as const], range },
      fixed: {},
      axes: [parseAxis('fast=5,10'), parseAxis('slow=20,40')],
      constraints: [],
      objective: 'sharpe' as const,
    };
    const windows = walkForwardWindows(range, 30 * D, 20 * D, false);
    const pool = createPool(2);
    try {
      const r = await runWalkForward(spec, windows, {
        pool,
        series: loadSharedSeries(store, [sber], ['1h'], range),
      });
      expect(r.windows).toHaveLength(3);
      for (const w of r.windows) {
        expect(w.configurations).toBe(4);
        expect(w.params).not.toBeNull();
        expect(w.oosDailyTime.every((t) => t >= w.outOfSample.from && t < w.outOfSample.to)).toBe(
          true,
        );
      }
      const last = r.stitchedEquity.at(-1) as number;
      const product = r.windows.reduce((e, w) => e * ((w.oosDailyEquity.at(-1) ?? 1e6) / 1e6), 1e6);
      expect(last).toBeCloseTo(product, 6);
      expect(r.outOfSample.totalReturn).toBeCloseTo(last / 1e6 - 1, 12);
      const html = renderWalkForwardPage('wf', r);
      expect(html).toContain('id="windows"');
      expect(html).not.toMatch(/https?:\/\//);
    } finally {
      await pool.close();
      store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
