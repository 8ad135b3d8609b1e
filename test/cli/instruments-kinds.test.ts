/**
 * `tlab instruments find/show` for every kind (child processes against an in-process emulator):
 * a future's spec with its point value and GO, a bond's nominal, maturity and next coupon, a
 * currency pair, and `find --kind` narrowing a search.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.ts';
import { emuEnv, runCli } from '../download/helpers.ts';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ now: () => Date.UTC(2024, 9, 2, 12) });
});
afterAll(async () => {
  await emu?.stop();
});

const lines = (text: string) => text.trimEnd().split('\n');

describe.concurrent('tlab instruments for every kind', () => {
  it('show RIZ4@SPBFUT prints the contract, 18.2456 per 10 points = 1.82456 a point, and its GO', async () => {
    const r = await runCli(['instruments', 'show', 'RIZ4@SPBFUT'], emuEnv(emu));
    expect(r.code, r.stderr).toBe(0);
    const out = lines(r.stdout);
    expect(out[0]).toBe('RIZ4@SPBFUT  RTS-12.24');
    expect(out).toContain('  kind / exchange    futures / FORTS_EVENING');
    expect(out).toContain('  underlying         RTSI × 1 (cash settlement)');
    expect(out).toContain('  step value         18.2456 rub per 10 points');
    expect(out).toContain('  point value        1.82456 rub');
    // Third Thursday of December 2024 is the 19th; trading ends 15:40 UTC.
    expect(out).toContain('  expiration         2024-12-19T15:40:00Z');
    expect(out.at(-1)).toMatch(
      /^ {2}GO buy \/ sell {6}27140\.91 \/ 27140\.91 rub \(read \d{4}-\d\d-\d\dT[\d:.]+Z\)$/,
    );
  });

  it('show SU26238RMFS4@TQOB prints the nominal, placement, maturity and a 35.40 coupon', async () => {
    const r = await runCli(['instruments', 'show', 'SU26238RMFS4@TQOB'], emuEnv(emu));
    expect(r.code, r.stderr).toBe(0);
    const out = lines(r.stdout);
    expect(out).toContain('  nominal            1000 rub (prices in % of it)');
    expect(out).toContain('  placed / matures   2021-06-16T00:00:00Z / 2041-05-15T00:00:00Z');
    expect(out).toContain('  coupons per year   2');
    expect(out.at(-1)).toMatch(
      /^ {2}next coupon {8}#\d+ 35\.4 rub on \d{4}-(05|06|11|12)-\d\dT00:00:00Z$/,
    );
  });

  it('show USD000UTSTOM@CETS prints the pair, and --json carries the spec', async () => {
    const [text, json] = await Promise.all([
      runCli(['instruments', 'show', 'USD000UTSTOM@CETS'], emuEnv(emu)),
      runCli(['instruments', 'show', 'USD000UTSTOM@CETS', '--json'], emuEnv(emu)),
    ]);
    expect(lines(text.stdout)).toContain('  currency bought    1 usd per unit, 1000 a lot');
    expect(JSON.parse(json.stdout)).toMatchObject({
      kind: 'currency',
      lot: 1000,
      currencyPair: { isoCurrencyName: 'usd' },
    });
  });

  it('find Si --kind futures lists the five Si contracts only', async () => {
    const r = await runCli(['instruments', 'find', 'Si', '--kind', 'futures'], emuEnv(emu));
    expect(r.code, r.stderr).toBe(0);
    const tickers = lines(r.stdout)
      .slice(1)
      .map((l) => l.split(/\s{2,}/)[0]);
    expect(tickers).toEqual(['SiH4', 'SiM4', 'SiU4', 'SiZ4', 'SiH5']);
  });

  it('find --kind with an unknown kind is a usage error', async () => {
    const r = await runCli(['instruments', 'find', 'Si', '--kind', 'option'], emuEnv(emu));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/kind/);
  });
});
