/**
 * @module The user's first two commands, for real: `tlab demo` (emulator → download → backtest →
 * report, offline) and `tlab backtest` on the cache it leaves, with their outputs and errors.
 */
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { isOneLineError, runCli, type CliRun } from './run-cli.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'tlab-cli-'));
const db = path.join(dir, 'demo.sqlite');
let first: CliRun;

beforeAll(async () => {
  first = await runCli(['demo', '--db', db, '--out', path.join(dir, 'demo')], { cwd: dir });
}, 120_000);

describe('tlab demo', () => {
  it('downloads through the emulator, backtests and writes a report', () => {
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/download\s+SBER,GAZP 1h .*: \d+ new candles in \d+ requests/);
    expect(first.stdout).toMatch(/Final equity\s+[\d,.]+\s+[\d,.]+/);
    for (const f of ['result.json', 'trades.csv', 'equity.csv', 'report.html']) {
      expect(existsSync(path.join(dir, 'demo', f)), f).toBe(true);
    }
    const html = readFileSync(path.join(dir, 'demo', 'report.html'), 'utf8');
    expect(html).toContain('sma-cross');
    expect(html).not.toMatch(/<script[^>]+src=["']https?:/);
  });

  it('finds everything cached on a second run and gives byte-identical results', async () => {
    const again = await runCli(['demo', '--db', db, '--out', path.join(dir, 'demo2')], {
      cwd: dir,
    });
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/: 0 new candles in 0 requests/);
    for (const f of ['result.json', 'trades.csv', 'equity.csv']) {
      expect(readFileSync(path.join(dir, 'demo2', f), 'utf8'), f).toBe(
        readFileSync(path.join(dir, 'demo', f), 'utf8'),
      );
    }
  });
});

describe('tlab backtest', () => {
  const base = [
    'backtest',
    '--db',
    db,
    '--strategy',
    'sma-cross',
    '--instrument',
    'SBER',
    '--interval',
    '1h',
  ];

  it('prints one JSON object with the metric keys and the fingerprint', async () => {
    const r = await runCli([
      ...base,
      '--from',
      '2025-02-01',
      '--to',
      '2025-06-01',
      '--param',
      'fast=5',
      '--param',
      'slow=20',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out.metrics)).toEqual(
      expect.arrayContaining([
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
      ]),
    );
    expect(Object.keys(out.benchmark)).toEqual(Object.keys(out.metrics));
    expect(out.params).toMatchObject({ fast: 5, slow: 20 });
    expect(out.fingerprint.strategy).toBe('sma-cross');
    expect(out.trades.length).toBe(out.metrics.trades);
    expect(out.trades[0].entry_time ?? out.trades[0].entryTime).toMatch(
      /^2025-0\d-\d\dT\d\d:\d\d:\d\dZ$/,
    );
  });

  it('fails on a hole in the cache with the exact range and the download command', async () => {
    const r = await runCli([...base, '--from', '2024-12-01', '--to', '2025-02-01']);
    expect(r.code).not.toBe(0);
    expect(isOneLineError(r.stderr)).toBe(true);
    expect(r.stderr).toContain('2024-12-01T00:00:00Z..2025-01-01T00:00:00Z');
    expect(r.stderr).toContain(
      'tlab download --instrument SBER --interval 1h --from 2024-12-01T00:00:00Z --to 2025-01-01T00:00:00Z',
    );
  });

  it.each([
    [['--strategy', 'nope'], /unknown strategy 'nope'.*sma-cross/],
    [['--param', 'fast=abc'], /fast/],
    [['--param', 'slowness=3'], /no parameter 'slowness'/],
    [['--fee', 'cheap'], /fee 'cheap'/],
    [['--fill-model', 'magic'], /fill-model 'magic'/],
    [['--interval', '7m'], /'7m' is not an interval/],
    [['--instrument', 'LKOH'], /LKOH is not in the cache.*tlab download --instrument LKOH/],
  ])('rejects %j with one line', async (extra, message) => {
    const args = [...base, '--from', '2025-02-01', '--to', '2025-03-01'];
    for (let i = 0; i < extra.length; i += 2) {
      const at = args.indexOf(extra[i]);
      if (at >= 0) args.splice(at, 2);
      args.push(extra[i], extra[i + 1]);
    }
    const r = await runCli(args);
    expect(r.code).not.toBe(0);
    expect(isOneLineError(r.stderr), r.stderr).toBe(true);
    expect(r.stderr).toMatch(message);
  });

  it('rejects a single-value option given twice, in any command', async () => {
    for (const args of [
      [...base, '--from', '2025-02-01', '--from', '2025-03-01'],
      ['data', 'ls', '--db', db, '--db', db],
    ]) {
      const r = await runCli(args);
      expect(r.code).toBe(2);
      expect(isOneLineError(r.stderr), r.stderr).toBe(true);
      expect(r.stderr).toMatch(/given more than once/);
    }
  });

  it('rejects an unknown command with a non-zero exit and a pointer to --help', async () => {
    const r = await runCli(['bogus']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/tlab --help/);
  });
});
