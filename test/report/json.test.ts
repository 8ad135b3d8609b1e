// The published JSON object: exact key sets and order, null for undefined numbers, ISO times,
// and byte-identical text for equal results.
import { describe, expect, it } from 'vitest';
import type { BacktestResult } from '../../src/engine/result.ts';
import { fingerprintId, formatResultJson, resultToJson } from '../../src/report/json.ts';
import { makeCandles, makeResult } from './fixture.ts';

const REQUIRED_METRICS = [
  'totalReturn',
  'cagr',
  'volatility',
  'sharpe',
  'sortino',
  'calmar',
  'maxDrawdown',
  'maxDrawdownDuration',
  'trades',
  'winRate',
  'profitFactor',
  'expectancy',
  'exposure',
  'turnover',
  'commission',
  'finalEquity',
];

const result = (): BacktestResult => makeResult(makeCandles(300));

describe('result JSON', () => {
  it('has exactly the published top-level keys and metric keys, in order', () => {
    const json = JSON.parse(formatResultJson(result()));
    expect(Object.keys(json)).toEqual([
      'fingerprint',
      'params',
      'universe',
      'startingCash',
      'metrics',
      'benchmark',
      'trades',
      'rejections',
    ]);
    const keys = Object.keys(json.metrics);
    expect(keys.filter((k) => REQUIRED_METRICS.includes(k))).toEqual(REQUIRED_METRICS);
    expect(keys.filter((k) => !REQUIRED_METRICS.includes(k))).toEqual([
      'averageWin',
      'averageLoss',
    ]);
    expect(Object.keys(json.benchmark)).toEqual(keys);
  });

  it('prints trades and the range with ISO 8601 UTC times', () => {
    const json = resultToJson(result());
    expect(json.universe.from).toBe('2024-01-08T07:00:00Z');
    expect(json.trades).toHaveLength(4);
    expect(json.trades[0]).toMatchObject({
      instrument: 'SBER',
      side: 'long',
      lots: 2,
      entryTime: '2024-01-08T17:00:00Z',
      exitTime: '2024-01-09T23:00:00Z',
    });
  });

  it('turns NaN and ±Infinity anywhere into null, never into invalid JSON', () => {
    const r = result();
    r.metrics = {
      ...r.metrics,
      sharpe: Number.NaN,
      profitFactor: Number.POSITIVE_INFINITY,
      calmar: -Infinity,
    };
    r.benchmark = { ...r.benchmark, sortino: Number.NaN };
    r.params = { ...r.params, threshold: Number.NaN };
    r.trades[0] = { ...r.trades[0], pnl: Number.NaN };
    const text = formatResultJson(r);
    expect(text).not.toMatch(/NaN|Infinity/);
    const json = JSON.parse(text);
    expect(json.metrics.sharpe).toBeNull();
    expect(json.metrics.profitFactor).toBeNull();
    expect(json.metrics.calmar).toBeNull();
    expect(json.metrics.sortino).toBe(1.9876);
    expect(json.benchmark.sortino).toBeNull();
    expect(json.params.threshold).toBeNull();
    expect(json.trades[0].pnl).toBeNull();
  });

  it('gives byte-identical text for equal results, whatever the key insertion order', () => {
    const a = result();
    const b = result();
    b.params = { lots: 1, fast: 10, slow: 30 };
    b.fingerprint = {
      ...b.fingerprint,
      models: { fill: 'next-open', slippage: { kind: 'none' }, fee: { rate: 0.0005 } },
    };
    expect(formatResultJson(b)).toBe(formatResultJson(a));
    expect(fingerprintId(b.fingerprint)).toBe(fingerprintId(a.fingerprint));
    expect(fingerprintId(a.fingerprint)).toMatch(/^[0-9a-f]{12}$/);
  });

  it('gives a different fingerprint id when a parameter changes, but not when only the trades hash does', () => {
    const a = result().fingerprint;
    expect(fingerprintId({ ...a, params: { ...a.params, fast: 11 } })).not.toBe(fingerprintId(a));
    expect(fingerprintId({ ...a, tradesHash: 'd'.repeat(64) })).toBe(fingerprintId(a));
  });
});
