/**
 * @module The prebuilt CLI in dist/ behaves as the TypeScript sources do: the same backtest gives
 * byte-identical output and report files (the fingerprint hashes the strategy sources, which the
 * bundle must still find), yargs still finds its locale files, and --verbose stack frames point
 * into src/ through the source maps. The suite's global setup has just built dist/.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoUtc } from '../../src/core/time.ts';
import { openStore } from '../../src/data/index.ts';
import { chooseEntry } from '../../scripts/dist-stamp.mjs';
import { BENCH_START, benchInstrument, writeSeries } from '../../bench/engine-data.ts';
import { ROOT, runCli } from '../cli/run-cli.ts';

const CANDLES = 3_000;
const FROM_SOURCE = { TLAB_FROM_SOURCE: '1' };
let dir: string;
let db: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'tlab-dist-'));
  db = path.join(dir, 'cache.sqlite');
  const store = openStore(db);
  const inst = benchInstrument(3);
  store.upsertInstrument(inst);
  writeSeries(store, inst, CANDLES, 11);
  store.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const backtest = (out: string) => [
  'backtest',
  '--strategy',
  'sma-cross',
  '--instrument',
  benchInstrument(3).ticker,
  '--interval',
  '1m',
  '--from',
  isoUtc(BENCH_START),
  '--to',
  isoUtc(BENCH_START + CANDLES * 60_000),
  '--db',
  db,
  '--json',
  '--out',
  out,
];

describe('dist/', () => {
  it('is the build of the current sources (what bin/tlab.mjs runs)', () => {
    expect(chooseEntry(ROOT, {})).toEqual({ entry: 'dist', reason: 'build matches the sources' });
  });

  it('gives the same backtest output and report files as the sources', async () => {
    const [built, source] = await Promise.all([
      runCli(backtest(path.join(dir, 'built'))),
      runCli(backtest(path.join(dir, 'source')), { env: FROM_SOURCE }),
    ]);
    // The bench series trades around the clock and no schedule is cached: one notice, nothing else.
    expect(built.stderr).toMatch(
      /^(tlab: note: no trading schedule cached for MOEX on \d+ days[^\n]*\n)?$/,
    );
    expect(source.stderr).toBe(built.stderr);
    expect(built.code).toBe(0);
    expect(source.code).toBe(0);
    expect(JSON.parse(built.stdout).metrics.trades).toBeGreaterThan(0);
    expect(built.stdout).toBe(source.stdout);
    for (const f of ['result.json', 'trades.csv', 'equity.csv', 'report.html']) {
      const a = readFileSync(path.join(dir, 'built', f), 'utf8');
      expect(a.length, f).toBeGreaterThan(0);
      expect(a, f).toBe(readFileSync(path.join(dir, 'source', f), 'utf8'));
    }
  });

  it('prints yargs help in the user’s language, as the sources do', async () => {
    const env = { LANG: 'ru_RU.UTF-8', LC_ALL: '' };
    const [built, source] = await Promise.all([
      runCli(['backtest', '--help'], { env }),
      runCli(['backtest', '--help'], { env: { ...env, ...FROM_SOURCE } }),
    ]);
    expect(built.code).toBe(0);
    expect(built.stdout).toContain('Опции:');
    expect(built.stdout).toBe(source.stdout);
  });

  it('maps --verbose stack frames back to src/', async () => {
    const run = await runCli([
      'backtest',
      '--strategy',
      'nope',
      '--instrument',
      'X',
      '--from',
      '2024-01-01',
      '--db',
      db,
      '--verbose',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^tlab: unknown strategy 'nope'/);
    expect(run.stderr).toMatch(/src\/strategies\/index\.ts:\d+/);
  });
});
