/**
 * @module The research commands through the real binary over a real cache file: optimize (ranked
 * JSON with the number of configurations and the deflated Sharpe; its best configuration equals a
 * plain `tlab backtest` trade for trade; the study folder resumes), walk-forward, robustness of a
 * saved run, and the look-ahead check on a shipped strategy.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { candleAt } from '../../src/core/candle.ts';
import { openStore } from '../../src/data/index.ts';
import { instrument, randomWalk } from '../stubs/candles.ts';
import { runCli } from './run-cli.ts';

const H = 3_600_000;
const T0 = Date.UTC(2024, 0, 1);
const N = 24 * 120;
let dir: string;
let db: string;
const range = ['--from', '2024-02-01', '--to', new Date(T0 + N * H).toISOString()];

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'tlab-research-cli-'));
  db = path.join(dir, 'cache.sqlite');
  const store = openStore(db);
  const sber = instrument({ ticker: 'SBER' });
  store.upsertInstrument(sber);
  const b = randomWalk({ seed: 5, count: N, start: T0, interval: '1h', vol: 0.01 });
  const rows = Array.from({ length: N }, (_, i) => candleAt(b, i));
  store.upsertCandles(sber.uid, '1h', rows, { from: T0, to: T0 + N * H }, { source: 'test' });
  store.close();
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const base = ['--strategy', 'sma-cross', '--instrument', 'SBER', '--interval', '1h', ...range];

describe('research commands', () => {
  it('optimize ranks the grid, counts configurations, and its best equals a plain backtest', async () => {
    const out = path.join(dir, 'opt');
    const args = [
      'optimize',
      ...base,
      '--grid',
      'fast=5,10',
      '--grid',
      'slow=20,40',
      '--constraint',
      'fast<slow',
      '--workers',
      '2',
      '--db',
      db,
    ];
    const r = await runCli([...args, '--json', '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.configurations).toBe(4);
    expect(typeof j.deflatedSharpe).toBe('number');
    const best = j.results[0];
    const plain = await runCli([
      'backtest',
      ...base,
      '--param',
      `fast=${best.params.fast}`,
      '--param',
      `slow=${best.params.slow}`,
      '--json',
      '--db',
      db,
    ]);
    expect(JSON.parse(plain.stdout).fingerprint.tradesHash).toBe(best.tradesHash);
    expect(readFileSync(path.join(out, 'optimize.html'), 'utf8')).toContain('id="heatmap"');
    // a rerun into the same folder runs nothing again and gives the same ranking
    const again = await runCli([...args, '--json', '--out', out]);
    expect(JSON.parse(again.stdout).results).toEqual(j.results);
    expect(readFileSync(path.join(out, 'results.jsonl'), 'utf8').trim().split('\n')).toHaveLength(
      4,
    );
  });

  it('walk-forward prints stitched out-of-sample figures and writes its page', async () => {
    const out = path.join(dir, 'wf');
    const r = await runCli([
      'walk-forward',
      ...base,
      '--grid',
      'fast=5,10',
      '--grid',
      'slow=30',
      '--in-sample',
      '30d',
      '--out-of-sample',
      '30d',
      '--workers',
      '0',
      '--json',
      '--out',
      out,
      '--db',
      db,
    ]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.windows).toHaveLength(2); // 89 days: 30 in sample, then windows of 30 and 29 days
    expect(readFileSync(path.join(out, 'walk-forward.html'), 'utf8')).toContain('id="windows"');
  });

  it('robustness reads a saved run and gives seeded percentiles', async () => {
    const run = path.join(dir, 'run');
    expect((await runCli(['backtest', ...base, '--out', run, '--db', db])).code).toBe(0);
    const a = await runCli(['robustness', run, '--iterations', '200', '--json']);
    const b = await runCli(['robustness', run, '--iterations', '200', '--json']);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    const j = JSON.parse(a.stdout);
    expect(j.days.sharpe.p5).toBeLessThanOrEqual(j.days.sharpe.p95);
  });

  it('lookahead passes sma-cross and names the warm-up it needs', async () => {
    const r = await runCli(['lookahead', ...base, '--param', 'slow=30', '--cuts', '3', '--db', db]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/look-ahead: none found/);
    expect(r.stdout).toMatch(/warm-up: decisions stop changing from \d+ candles/);
  });

  it('optimize --search random runs the seeded sample it counts, the same for the same seed', async () => {
    const args = [
      'optimize',
      ...base,
      '--grid',
      'fast=5,10,15',
      '--grid',
      'slow=20,40',
      '--search',
      'random',
      '--samples',
      '3',
      '--seed',
      '5',
      '--workers',
      '0',
      '--json',
      '--db',
      db,
    ];
    const [a, b] = await Promise.all([runCli(args), runCli(args)]);
    expect(a.stderr).toBe('');
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    const j = JSON.parse(a.stdout);
    expect(j.configurations).toBe(3);
    expect(j.candidates).toBe(6);
    expect(j.search).toEqual({ kind: 'random', samples: 3, seed: 5 });
    expect(j.results).toHaveLength(3);
    expect(new Set(j.results.map((r: { params: object }) => JSON.stringify(r.params))).size).toBe(
      3,
    );
    const bad = await runCli([
      'optimize',
      ...base,
      '--grid',
      'fast=5,10',
      '--samples',
      '3',
      '--db',
      db,
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^tlab: --samples and --seed need --search random/);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('refuses a grid parameter the strategy does not have', async () => {
    const r = await runCli(['optimize', ...base, '--grid', 'fats=5,10', '--db', db]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/sma-cross has no parameter 'fats'/);
  });
});
