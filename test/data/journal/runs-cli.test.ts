/**
 * The journal through the real `tlab` binary: `backtest --save` records a run (its output otherwise
 * equal to a plain backtest's) and prints its id; `tlab runs` lists it newest first; `runs show`
 * prints its details; `backtest --replay` reproduces it; a missing journal, an unknown run id and
 * a backtest without its arguments fail with one line each. A plain backtest creates no journal.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { candleAt } from '../../../src/core/candle.ts';
import { openStore } from '../../../src/data/index.ts';
import { openJournal } from '../../../src/data/journal/index.ts';
import { tradesHash } from '../../../src/engine/backtest/fingerprint.ts';
import { instrument, randomWalk } from '../../stubs/candles.ts';
import { isOneLineError, runCli } from '../../cli/run-cli.ts';

const H = 3_600_000;
const T0 = Date.UTC(2024, 0, 1);
const N = 24 * 60;
let dir: string;
let db: string;
const base = ['backtest', '--strategy', 'sma-cross', '--instrument', 'SBER', '--interval', '1h'];
const range = ['--from', '2024-01-01', '--to', new Date(T0 + N * H).toISOString()];

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'tlab-runs-cli-'));
  db = path.join(dir, 'cache.sqlite');
  const store = openStore(db);
  const sber = instrument({ ticker: 'SBER' });
  store.upsertInstrument(sber);
  const b = randomWalk({ seed: 3, count: N, start: T0, interval: '1h', vol: 0.01 });
  const rows = Array.from({ length: N }, (_, i) => candleAt(b, i));
  store.upsertCandles(sber.uid, '1h', rows, { from: T0, to: T0 + N * H }, { source: 'test' });
  store.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('tlab backtest --save / --replay and tlab runs', () => {
  it('saves, lists, shows and replays a backtest', async () => {
    const plain = await runCli([...base, ...range, '--db', db, '--json']);
    expect(plain.code).toBe(0);
    expect(existsSync(path.join(dir, 'runs.sqlite'))).toBe(false);

    const saved = await runCli([...base, ...range, '--db', db, '--json', '--save']);
    expect(saved.code).toBe(0);
    expect(saved.stdout).toBe(plain.stdout);
    const runId = /^run: (\S+)$/m.exec(saved.stderr)?.[1] as string;
    expect(runId).toMatch(/^\d{8}-\d{6}-\d{3}-[0-9a-f]{6}$/);
    const fast = await runCli([...base, ...range, '--db', db, '--param', 'fast=5', '--save']);
    const second = /^run: (\S+)$/m.exec(fast.stdout)?.[1] as string;

    const result = JSON.parse(plain.stdout) as {
      fingerprint: { tradesHash: string };
      metrics: { trades: number };
    };
    const j = openJournal(path.join(dir, 'runs.sqlite'), { mustExist: true });
    const rec = j.readRun(runId);
    expect(rec.fills.length).toBeGreaterThan(10);
    expect(tradesHash(rec.fills)).toBe(result.fingerprint.tradesHash);
    expect(rec.metrics?.trades).toBe(result.metrics.trades);
    expect(rec.outcome).toBe('completed');
    j.close();

    const list = await runCli(['runs', '--db', db]);
    expect(list.code).toBe(0);
    const lines = list.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^RUN\s+MODE\s+STRATEGY\s+PARAMS\s+PERIOD\s+OUTCOME\s+TRADES\s+FINAL EQUITY$/);
    expect(lines.slice(1).map((l) => l.split(/\s+/)[0])).toEqual([second, runId]);
    expect(lines[2]).toContain(`completed  ${result.metrics.trades}`);
    const json = JSON.parse((await runCli(['runs', '--db', db, '--mode', 'paper', '--json'])).stdout);
    expect(json).toEqual([]);

    const show = await runCli(['runs', 'show', runId.slice(0, 19), '--db', db]);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain(`run          ${runId}`);
    expect(show.stdout).toMatch(/decisions {4}\d+/);
    expect(show.stdout).toMatch(/SBER/);

    const replay = await runCli(['backtest', '--replay', runId, '--db', db, '--json']);
    expect(replay.stderr).toBe('');
    const out = JSON.parse(replay.stdout) as { identical: boolean; decisions: number; metrics: unknown };
    expect(out.identical).toBe(true);
    expect(out.decisions).toBe(rec.decisions.length);
    expect(out.metrics).toEqual(rec.metrics);
  }, 120_000);

  it('fails with one line for a missing journal, an unknown run and missing arguments', async () => {
    const missing = await runCli(['runs', '--journal', path.join(dir, 'nope.sqlite')]);
    expect(missing.code).toBe(1);
    expect(isOneLineError(missing.stderr)).toBe(true);
    expect(missing.stderr).toMatch(/no run journal at .*nope\.sqlite: record a run first/);
    expect(existsSync(path.join(dir, 'nope.sqlite'))).toBe(false);
    const unknown = await runCli(['runs', 'show', '19990101-000000-000-000000', '--db', db]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/no run '19990101-000000-000-000000' in .*: `tlab runs` lists/);
    const replayUnknown = await runCli(['backtest', '--replay', 'zzz', '--db', db]);
    expect(replayUnknown.code).toBe(1);
    expect(isOneLineError(replayUnknown.stderr)).toBe(true);
    const bare = await runCli(['backtest', '--db', db]);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toMatch(/missing required arguments: --strategy, --instrument, --from/);
  }, 60_000);
});
