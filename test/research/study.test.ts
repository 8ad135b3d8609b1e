/**
 * @module A parameter study on real worker threads over a real cache file: every configuration's
 * result equals a plain backtest with the same parameters (full fingerprint, trades hash included),
 * constraints and resume behave, and the ranking and overfitting statistics are filled in.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { candleAt } from '../../src/core/candle.ts';
import { openStore, type CandleStore } from '../../src/data/index.ts';
import { runCliBacktest } from '../../src/cli/backtest-run.ts';
import { createPool } from '../../src/research/config-pool.ts';
import type { ConfigResult } from '../../src/research/config-run.ts';
import { parseAxis } from '../../src/research/grid.ts';
import { loadSharedSeries } from '../../src/research/load-series.ts';
import { paramKey, runStudy, type StudySpec } from '../../src/research/study.ts';
import { instrument, randomWalk } from '../stubs/candles.ts';

const T0 = Date.UTC(2024, 0, 1);
const H = 3_600_000;
const sber = instrument({ ticker: 'SBER', lot: 10 });
let dir: string;
let store: CandleStore;

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'tlab-study-'));
  store = openStore(path.join(dir, 'cache.sqlite'));
  store.upsertInstrument(sber);
  const b = randomWalk({ seed: 11, count: 24 * 60, start: T0, interval: '1h', vol: 0.01 });
  const rows = Array.from({ length: b.length }, (_, i) => candleAt(b, i));
  store.upsertCandles(sber.uid, '1h', rows, { from: T0, to: T0 + 24 * 60 * H });
});

afterAll(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

function spec(): StudySpec {
  return {
    template: {
      strategy: 'sma-cross',
      instruments: [sber],
      intervals: ['1h'],
      range: { from: T0, to: T0 + 24 * 60 * H },
    },
    fixed: { lots: 1 },
    axes: [parseAxis('fast=5:15:5'), parseAxis('slow=10,20,40')],
    constraints: ['fast<slow'],
    objective: 'sharpe',
  };
}

describe('parameter study', () => {
  it('runs every configuration on worker threads exactly as a plain backtest runs it', async () => {
    const s = spec();
    const series = loadSharedSeries(store, [sber], ['1h'], s.template.range);
    const pool = createPool(2);
    try {
      const r = await runStudy(s, { pool, series });
      // 3 × 3 grid minus fast >= slow (10/10, 15/10): 7 configurations
      expect(r.configurations).toBe(7);
      expect(r.excluded).toBe(2);
      expect(r.completed).toBe(7);
      for (const c of r.ranked.slice(0, 4)) {
        const plain = await runCliBacktest(store, {
          strategy: 'sma-cross',
          params: c.params,
          instruments: [{ kind: 'ticker', ticker: 'SBER' }],
          intervals: ['1h'],
          range: s.template.range,
          now: Date.UTC(2030, 0, 1),
        });
        const fp = { ...plain.result.fingerprint };
        expect(c.fingerprint).toEqual(fp);
        expect(c.metrics).toEqual(plain.result.metrics);
      }
      const sharpes = r.ranked.map((c) => c.metrics.sharpe ?? -Infinity);
      expect([...sharpes].sort((a, b) => b - a)).toEqual(sharpes);
      expect(r.probabilisticSharpe).not.toBeNull();
      expect(r.deflatedSharpe as number).toBeLessThanOrEqual(r.probabilisticSharpe as number);
    } finally {
      await pool.close();
    }
  });

  it('resumes: finished configurations are reused, not run again', async () => {
    const s = spec();
    const series = loadSharedSeries(store, [sber], ['1h'], s.template.range);
    const inProcess = createPool(0);
    const first = await runStudy(s, { pool: inProcess, series });
    const done = new Map<string, ConfigResult>(
      first.ranked.slice(0, 5).map((c) => [paramKey(c.params), c]),
    );
    let ran = 0;
    const counting = {
      ...inProcess,
      run: (t: Parameters<typeof inProcess.run>[0]) => (ran++, inProcess.run(t)),
    };
    const again = await runStudy(s, { pool: counting, series, done });
    expect(ran).toBe(2);
    expect(again.ranked.map((c) => c.fingerprint.tradesHash)).toEqual(
      first.ranked.map((c) => c.fingerprint.tradesHash),
    );
  });
});
