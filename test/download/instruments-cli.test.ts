/**
 * `tlab instruments find` and `tlab instruments show` (child processes) against an emulator in
 * this process: the right rows for a ticker, a ticker@class_code and a FIGI, and a one-line
 * NotFound answer for an instrument the server does not know.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.ts';
import { emuEnv, expectOneLineError, runCli } from './helpers.ts';

let emu: RunningEmulator;

beforeAll(async () => {
  emu = await startEmulator({ now: () => Date.UTC(2025, 5, 20, 12) });
});
afterAll(async () => {
  await emu?.stop();
});

/** What `show` prints for SBER: the emulator serves the real identifiers and specs. */
const SBER_SHOWN = [
  'SBER@TQBR  Сбер Банк',
  '  uid                e6123145-9665-43e0-8413-cd61b8aa9b13',
  '  figi / isin        BBG004730N88 / RU0009029540',
  '  kind / exchange    share / MOEX',
  '  lot                10',
  '  price step         0.01 rub',
  '  short enabled      yes',
  '  first 1m / 1d      2018-03-07T07:00:00Z / 2018-03-07T00:00:00Z',
  '',
].join('\n');

describe.concurrent('tlab instruments', () => {
  it('find SBER lists SBER@TQBR with its identifiers', async () => {
    const r = await runCli(['instruments', 'find', 'SBER'], emuEnv(emu));
    expect(r.code, r.stderr).toBe(0);
    const rows = r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => l.split(/\s{2,}/));
    expect(rows[0]).toEqual(['ticker', 'class', 'kind', 'lot', 'figi', 'uid', 'name']);
    expect(rows).toContainEqual([
      'SBER',
      'TQBR',
      'share',
      '10',
      'BBG004730N88',
      'e6123145-9665-43e0-8413-cd61b8aa9b13',
      'Сбер Банк',
    ]);
    expect(rows.slice(1).every((row) => /SBER/i.test(row.join(' ')))).toBe(true);
  });

  it('show SBER@TQBR prints the full spec', async () => {
    const r = await runCli(['instruments', 'show', 'SBER@TQBR'], emuEnv(emu));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(SBER_SHOWN);
  });

  it('show BBG004730N88 (a FIGI) finds the same instrument, also as JSON', async () => {
    const [text, json] = await Promise.all([
      runCli(['instruments', 'show', 'BBG004730N88'], emuEnv(emu)),
      runCli(['instruments', 'show', 'BBG004730N88', '--json'], emuEnv(emu)),
    ]);
    expect(text.stdout).toBe(SBER_SHOWN);
    expect(JSON.parse(json.stdout)).toEqual(emu.instruments.find((i) => i.ticker === 'SBER'));
  });

  it('show of an unknown instrument is a one-line NotFound, exit 1', async () => {
    const r = await runCli(['instruments', 'show', 'NOPE@TQBR'], emuEnv(emu));
    expectOneLineError(
      r,
      1,
      /^tlab: unknown instrument NOPE@TQBR: look it up with: tlab instruments find NOPE$/,
    );
    expect(r.stdout).toBe('');
  });
});
