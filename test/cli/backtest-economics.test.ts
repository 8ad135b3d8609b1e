/**
 * @module `tlab backtest` with instrument economics, through the real CLI: `--dividend-tax` is
 * checked at the edge, a share run with no dividend in the cache prints exactly what it printed
 * before the option existed, a dividend in the cache reaches the run (and its total-return
 * benchmark), and a futures contract cached with its spec and GO is backtested as a future.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { aggregate } from '../../src/core/aggregate.ts';
import { EconomicsCache, openStore } from '../../src/data/index.ts';
import { SyntheticMarket, syntheticEconomics } from '../../src/emulator/index.ts';
import { parseDividendTax } from '../../src/cli/options/dividend-tax.ts';
import { isOneLineError, runCli } from './run-cli.ts';

let db: string;
let divDb: string;
let futDb: string;
let sberOpen: number;

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

  // SBER over its 2024 dividend (33.30, record date 2024-07-11), the dividend cached with it.
  divDb = path.join(dir, 'div.sqlite');
  const july = { from: Date.UTC(2024, 6, 1), to: Date.UTC(2024, 6, 20) };
  const jm = market.minuteCandles(sber.uid, july.from, july.to);
  sberOpen = aggregate(jm, '1h')[0].open;
  const ds = openStore(divDb);
  ds.upsertInstrument(sber);
  ds.upsertCandles(sber.uid, '1h', aggregate(jm, '1h'), july);
  new EconomicsCache(ds).putDividends(sber.uid, july, syntheticEconomics.dividends(sber.uid));
  ds.close();

  // Si-3.24 with its spec and GO, through its expiry on 2024-03-21.
  futDb = path.join(dir, 'fut.sqlite');
  const si = market.instruments().find((i) => i.ticker === 'SiH4')!;
  const margin = syntheticEconomics.margin(si.uid)!;
  si.futures = {
    ...si.futures!,
    margin: {
      initialMarginOnBuy: margin.onBuy,
      initialMarginOnSell: margin.onSell,
      readAt: july.from,
    },
  };
  const march = { from: Date.UTC(2024, 2, 1), to: Date.UTC(2024, 2, 29) };
  const fm = market.minuteCandles(si.uid, march.from, march.to);
  const fs = openStore(futDb);
  fs.upsertInstrument(si);
  fs.upsertCandles(si.uid, '1h', aggregate(fm, '1h'), march);
  fs.close();
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

describe('tlab backtest over cached economics', () => {
  it('credits a cached dividend to the total-return benchmark, net of --dividend-tax', async () => {
    const run = (...extra: string[]) =>
      runCli([
        'backtest',
        '--db',
        divDb,
        '--strategy',
        'sma-cross',
        '--instrument',
        'SBER',
        '--interval',
        '1h',
        '--from',
        '2024-07-01',
        '--to',
        '2024-07-20',
        '--json',
        ...extra,
      ]);
    const [taxed, gross] = await Promise.all([
      run('--dividend-tax', '20%'),
      run('--dividend-tax', '0'),
    ]);
    expect(taxed.code, taxed.stderr).toBe(0);
    const a = JSON.parse(taxed.stdout);
    const b = JSON.parse(gross.stdout);
    expect(a.economics).toMatchObject({
      baseCurrency: 'rub',
      benchmark: 'total-return',
      dividendTax: 0.2,
    });
    expect(a.fingerprint.models.economics.dividendTax).toBe(0.2);
    // the benchmark holds 1,000,000 / first open shares; the tax takes 20% of 33.30 on each
    const held = 1_000_000 / sberOpen;
    expect(b.benchmark.finalEquity - a.benchmark.finalEquity).toBeCloseTo(held * 33.3 * 0.2, 1);
  });

  it('backtests a cached future with its GO and closes it at expiry', async () => {
    const r = await runCli([
      'backtest',
      '--db',
      futDb,
      '--strategy',
      'sma-cross',
      '--instrument',
      'SiH4',
      '--interval',
      '1h',
      '--from',
      '2024-03-01',
      '--to',
      '2024-03-29',
      '--json',
      '--param',
      'short=true',
      '--short',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.economics.instruments[0]).toMatchObject({ instrument: 'SiH4', kind: 'futures' });
    expect(out.economics.marginBlocked).toBe(0); // nothing is open after the expiry
    const lastTrade = Date.UTC(2024, 2, 21, 15, 50);
    expect(out.trades.length).toBeGreaterThan(0);
    for (const t of out.trades) expect(Date.parse(t.exitTime)).toBeLessThanOrEqual(lastTrade);
    // this seed's run is long into the expiry: the last trip ends there
    expect(Date.parse(out.trades.at(-1).exitTime)).toBe(lastTrade);
  });
});
