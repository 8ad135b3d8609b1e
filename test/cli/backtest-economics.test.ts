/**
 * @module `tlab backtest` with instrument economics, through the real CLI: `--dividend-tax` is
 * checked at the edge, and a share run with no dividend in the cache prints exactly what it printed
 * before the option existed.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { aggregate } from '../../src/core/aggregate.ts';
import { openStore } from '../../src/data/index.ts';
import { SyntheticMarket } from '../../src/emulator/index.ts';
import { parseDividendTax } from '../../src/cli/options/dividend-tax.ts';
import { isOneLineError, runCli } from './run-cli.ts';

let db: string;

beforeAll(() => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tlab-bt-econ-'));
  db = path.join(dir, 'c.sqlite');
  const market = new SyntheticMarket(3);
  const sber = market.instruments().find((i) => i.ticker === 'SBER')!;
  const range = { from: Date.UTC(2025, 2, 3), to: Date.UTC(2025, 2, 15) };
  const minutes = market.minuteCandles(sber.uid, range.from, range.to);
  const store = openStore(db);
  store.upsertInstrument(sber);
  store.upsertCandles(sber.uid, '1h', aggregate(minutes, '1h'), range);
  store.close();
});

const ARGS = 'sma-cross SBER 1h 2025-03-03 2025-03-15'.split(' ');
const FLAGS = ['--strategy', '--instrument', '--interval', '--from', '--to'];

/** sma-cross on SBER at 1h over the fixture's range, as JSON, plus `extra`. */
const backtest = (...extra: string[]) =>
  runCli(['backtest', '--db', db, ...FLAGS.flatMap((f, k) => [f, ARGS[k]]), '--json', ...extra]);

describe('tlab backtest --dividend-tax', () => {
  it('takes a fraction or a percentage', () => {
    expect(parseDividendTax('0.13')).toBe(0.13);
    expect(parseDividendTax('13%')).toBe(0.13);
    expect(parseDividendTax('0')).toBe(0);
    expect(() => parseDividendTax('1')).toThrow("--dividend-tax '1' is not a tax rate");
    expect(() => parseDividendTax('x')).toThrow("--dividend-tax 'x' is not a tax rate");
  });

  it('refuses a rate out of range in one line, exit 2', async () => {
    const r = await backtest('--dividend-tax', '150%');
    expect(r.code).toBe(2);
    expect(isOneLineError(r.stderr), r.stderr).toBe(true);
    expect(r.stderr).toMatch(/--dividend-tax '150%' is not a tax rate/);
  });

  it('changes nothing for a share without dividends in the cache', async () => {
    const [plain, taxed] = await Promise.all([backtest(), backtest('--dividend-tax', '0')]);
    expect(plain.code, plain.stderr).toBe(0);
    expect(taxed.stdout).toBe(plain.stdout);
    expect(JSON.parse(plain.stdout).economics).toBeUndefined();
  });
});
