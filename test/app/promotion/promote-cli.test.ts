// `tlab promote` for real, on a cache from `tlab demo` and a `tlab backtest --out` folder: a run
// meeting the thresholds writes sandbox-config.json; one that does not gets one stderr line per
// unmet threshold with its value, exit 1 and no file; an unknown number of configurations tried is
// refused rather than guessed; a backtest cannot be promoted from the sandbox rung.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/run-cli.ts';
import { backtestInto, demoCache } from '../demo-cache.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'tlab-promote-cli-'));
const db = path.join(dir, 'demo.sqlite');
const bt = path.join(dir, 'bt');
const guards = { maxOrderValue: 50_000, maxPositionLots: 10, maxDailyLoss: 5_000 };

function config(name: string, backtest: Record<string, number>): string {
  const file = path.join(dir, name);
  writeFileSync(
    file,
    JSON.stringify({ backtest, sandbox: { minDuration: '5d' }, live: { guards } }),
  );
  return file;
}

beforeAll(async () => {
  await demoCache(dir);
  await backtestInto(db, bt);
}, 180_000);

describe('tlab promote', () => {
  it('promotes a backtest that meets the thresholds and writes the sandbox config', async () => {
    const cfg = config('easy.json', { minTrades: 1, maxDrawdown: 1, minDeflatedSharpe: 0 });
    const out = path.join(dir, 'sandbox-config.json');
    const r = await runCli(
      ['promote', '--from', 'backtest', bt, '--config', cfg, '--trials', '1', '--out', out],
      { cwd: dir },
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /promoted .* from backtest \(trades \d+, maxDrawdown 0\.\d+, deflatedSharpe [\d.]+\)/,
    );
    const written = JSON.parse(readFileSync(out, 'utf8'));
    const result = JSON.parse(readFileSync(path.join(bt, 'result.json'), 'utf8'));
    expect(written).toMatchObject({
      kind: 'tlab-sandbox-config',
      strategy: 'sma-cross',
      params: result.params,
      strategySourceHash: result.fingerprint.strategySourceHash,
      interval: '1h',
      promotedFrom: { backtestRunId: bt },
    });
  });

  it('refuses each unmet threshold in one line with the value, exit 1, nothing written', async () => {
    const cfg = config('strict.json', {
      minTrades: 100_000,
      maxDrawdown: 0.0001,
      minDeflatedSharpe: 1,
    });
    const out = path.join(dir, 'never.json');
    const r = await runCli(
      ['promote', '--from', 'backtest', bt, '--config', cfg, '--trials', '1', '--out', out],
      { cwd: dir },
    );
    expect(r.code).toBe(1);
    const trades = JSON.parse(readFileSync(path.join(bt, 'result.json'), 'utf8')).metrics.trades;
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe(
      `tlab: promote refused: minimum trades 100000: the backtest has ${trades}`,
    );
    expect(lines[1]).toMatch(
      /^tlab: promote refused: maximum drawdown 0.0001: the backtest's is 0\.\d+$/,
    );
    expect(lines[2]).toMatch(
      /^tlab: promote refused: minimum deflated Sharpe 1: the backtest's is /,
    );
    expect(existsSync(out)).toBe(false);
  });

  it('refuses to guess how many configurations were tried', async () => {
    const cfg = config('easy2.json', { minTrades: 1, maxDrawdown: 1, minDeflatedSharpe: 0 });
    const r = await runCli(
      ['promote', '--from', 'backtest', bt, '--config', cfg, '--out', path.join(dir, 'x.json')],
      { cwd: dir },
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^tlab: promote refused: deflated Sharpe: the number of configurations tried is unknown; pass --trials N/,
    );
  });

  it('refuses a backtest on the sandbox rung', async () => {
    const cfg = config('easy3.json', { minTrades: 1, maxDrawdown: 1, minDeflatedSharpe: 0 });
    const r = await runCli(
      [
        'promote',
        '--from',
        'sandbox',
        bt,
        '--config',
        cfg,
        '--db',
        db,
        '--account',
        '2000123456',
        '--out',
        path.join(dir, 'live.json'),
      ],
      { cwd: dir },
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^tlab: promote refused: run .* is a backtest run, not a sandbox run/m,
    );
    expect(existsSync(path.join(dir, 'live.json'))).toBe(false);
  });

  it('says which config field is bad, exit 2', async () => {
    const file = path.join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ backtest: { minTrades: -1 } }));
    const r = await runCli(['promote', '--from', 'backtest', bt, '--config', file], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^tlab: bad backtest.minTrades in the promotion config/);
  });
});
