/**
 * @module Strict inputs and no silent no-op (issue 8 §2), through the real CLI: bad dates name the
 * wrong field, bad numbers quote what was typed, a parameter that cannot take effect is refused,
 * `--out` is checked before the run, and rejected orders are counted where the user sees them.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { aggregate } from '../../src/core/aggregate.ts';
import { openStore } from '../../src/data/index.ts';
import { SyntheticMarket } from '../../src/emulator/index.ts';
import { smaCrossDefaults } from '../../src/strategies/sma-cross/config.ts';
import { isOneLineError, runCli } from './run-cli.ts';

let dir: string;
let db: string;
const FROM = '2025-03-03';
const TO = '2025-03-29';

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'tlab-strict-'));
  db = path.join(dir, 'c.sqlite');
  const market = new SyntheticMarket(3);
  const sber = market.instruments().find((i) => i.ticker === 'SBER')!;
  const range = { from: Date.UTC(2025, 2, 3), to: Date.UTC(2025, 2, 29) };
  const minutes = market.minuteCandles(sber.uid, range.from, range.to);
  const store = openStore(db);
  store.upsertInstrument(sber);
  store.upsertCandles(sber.uid, '1m', minutes, range);
  store.upsertCandles(sber.uid, '1h', aggregate(minutes, '1h'), range);
  store.close();
});

/** `tlab backtest` of `strategy` on the fixture cache from `from`, plus `extra`. */
const backtestOf = (strategy: string, from: string, ...extra: string[]) =>
  runCli([
    'backtest',
    '--db',
    db,
    '--strategy',
    strategy,
    '--instrument',
    'SBER',
    '--from',
    from,
    ...extra,
  ]);

/** sma-cross at 1h over the fixture range, plus `extra`. */
const backtest = (...extra: string[]) =>
  backtestOf('sma-cross', FROM, '--interval', '1h', '--to', TO, ...extra);

/** A usage error: exit 2, one `tlab:` line matching `re`, nothing on stdout. */
async function expectUsage(
  run: Promise<{ code: number | null; stdout: string; stderr: string }>,
  re: RegExp,
) {
  const r = await run;
  expect(r.stderr).toMatch(re);
  expect(isOneLineError(r.stderr), r.stderr).toBe(true);
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
}

describe('strict values', () => {
  it('names the day of 2025-02-30 and the hour of T25:00', async () => {
    await expectUsage(
      backtestOf('sma-cross', '2025-02-30'),
      /--from '2025-02-30' is not a date: day 30 is not in February 2025/,
    );
    await expectUsage(backtestOf('sma-cross', '2025-02-29'), /day 29 is not in February 2025/);
    await expectUsage(
      backtestOf('sma-cross', '2025-03-03T25:00'),
      /--from '2025-03-03T25:00' is not a date: hour 25/,
    );
  });
  it('quotes a bad --cash as typed, not NaN', async () => {
    await expectUsage(backtest('--cash', 'abc'), /--cash 'abc' is not a number/);
    const r = await backtest('--cash', 'abc');
    expect(r.stderr).not.toMatch(/NaN/);
  });
});

describe('no silent no-op', () => {
  it('refuses --param short=true without --short', async () => {
    await expectUsage(backtest('--param', 'short=true'), /short=true.*--short/);
  });
  it('refuses --short with a long-only strategy', async () => {
    await expectUsage(
      backtestOf('breakout', FROM, '--to', TO, '--short'),
      /--short.*breakout.*long only/,
    );
  });
  it('refuses --short when the strategy is told not to short', async () => {
    await expectUsage(backtest('--short'), /--short.*sma-cross.*short=true/);
  });
  it('refuses data resample --interval 1m', async () => {
    await expectUsage(
      runCli(['data', 'resample', '--db', db, '--instrument', 'SBER', '--interval', '1h,1m']),
      /--interval 1m.*cannot be resampled/,
    );
  });
  it('refuses --source archive with a non-1m interval', async () => {
    await expectUsage(
      runCli([
        'download',
        '--db',
        path.join(dir, 'never.sqlite'),
        '--instrument',
        'SBER',
        '--interval',
        '1h',
        '--source',
        'archive',
        '--from',
        FROM,
      ]),
      /--source archive.*1m/,
    );
    expect(existsSync(path.join(dir, 'never.sqlite'))).toBe(false);
  });
});

describe('--out', () => {
  // Root may write anywhere, so a read-only folder proves nothing there.
  it.skipIf(process.getuid?.() === 0)(
    'is checked for writability before the run prints anything (skipped as root: root writes anywhere)',
    async () => {
      const ro = path.join(dir, 'read-only');
      mkdirSync(ro);
      chmodSync(ro, 0o500);
      const r = await backtest('--out', path.join(ro, 'report'));
      expect(r.stdout).toBe('');
      expect(r.code).toBe(2);
      expect(isOneLineError(r.stderr), r.stderr).toBe(true);
      expect(r.stderr).toMatch(/--out .*read-only.*cannot be written/);
    },
  );
  it('is checked before the run when a parent of it is a file', async () => {
    const r = await backtest('--out', path.join(db, 'report'));
    expect(r.stdout).toBe('');
    expect(r.code).toBe(2);
    expect(isOneLineError(r.stderr), r.stderr).toBe(true);
    expect(r.stderr).toMatch(/--out .*cannot be written/);
  });
  it('refuses an --out that is a file', async () => {
    const r = await backtest('--out', db);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/--out .* is a file/);
  });
});

describe('rejected orders', () => {
  it('are counted on stderr and in result.json, and a run with no trades says why', async () => {
    const out = path.join(dir, 'poor');
    const r = await backtest('--cash', '100', '--out', out);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/tlab: note: \d+ orders? rejected/);
    expect(r.stderr).toMatch(/no trades: every order was rejected/);
    const json = JSON.parse(readFileSync(path.join(out, 'result.json'), 'utf8'));
    expect(json.rejections.total).toBeGreaterThan(0);
    expect(json.trades).toEqual([]);
  });
  it('say nothing when nothing was rejected', async () => {
    const r = await backtest();
    expect(r.code).toBe(0);
    expect(r.stderr).not.toMatch(/rejected/);
  });
});

describe('default sizes', () => {
  it('are the same in tlab demo and tlab backtest (the strategy default, 1 lot)', async () => {
    const demoDir = mkdtempSync(path.join(tmpdir(), 'tlab-strict-demo-'));
    const demo = await runCli(
      ['demo', '--json', '--db', path.join(demoDir, 'd.sqlite'), '--out', path.join(demoDir, 'r')],
      { cwd: demoDir },
    );
    expect(demo.code, demo.stderr).toBe(0);
    const bt = await backtest('--json');
    expect(bt.code, bt.stderr).toBe(0);
    const demoLots = JSON.parse(demo.stdout).params.lots;
    expect(demoLots).toBe(JSON.parse(bt.stdout).params.lots);
    expect(demoLots).toBe(smaCrossDefaults.lots);
  }, 120_000);
});
