/**
 * @module `tlab data resample` end to end: a cache holding only 1-minute candles gets its 1h series
 * built offline, and a backtest at 1h then runs on it.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { aggregate } from '../../src/core/aggregate.ts';
import { SyntheticMarket } from '../../src/emulator/index.ts';
import { openStore } from '../../src/data/index.ts';
import { isOneLineError, runCli } from './run-cli.ts';

describe('tlab data resample', () => {
  it('builds 1h from cached minutes, exactly their aggregation, and a 1h backtest runs on it', async () => {
    const db = path.join(mkdtempSync(path.join(tmpdir(), 'tlab-resample-')), 'c.sqlite');
    const market = new SyntheticMarket(3);
    const sber = market.instruments().find((i) => i.ticker === 'SBER')!;
    const range = { from: Date.UTC(2025, 2, 3), to: Date.UTC(2025, 2, 15) };
    const minutes = market.minuteCandles(sber.uid, range.from, range.to);
    const store = openStore(db);
    store.upsertInstrument(sber);
    store.upsertCandles(sber.uid, '1m', minutes, range);
    store.close();

    const r = await runCli([
      'data',
      'resample',
      '--db',
      db,
      '--instrument',
      'SBER',
      '--interval',
      '1h',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/SBER 1h: [\d,]+ candles covering 2025-03-03\.\.2025-03-15/);
    const check = openStore(db);
    expect(check.readCandles(sber.uid, '1h', range.from, range.to)).toEqual(
      aggregate(minutes, '1h'),
    );
    check.close();

    const bt = await runCli([
      'backtest',
      '--db',
      db,
      '--strategy',
      'sma-cross',
      '--instrument',
      'SBER',
      '--interval',
      '1h',
      '--from',
      '2025-03-03',
      '--to',
      '2025-03-15',
      '--json',
    ]);
    expect(bt.code).toBe(0);
    expect(JSON.parse(bt.stdout).universe.intervals).toEqual(['1h']);

    const missing = await runCli([
      'data',
      'resample',
      '--db',
      db,
      '--instrument',
      'GAZP',
      '--interval',
      '1h',
    ]);
    expect(missing.code).toBe(1);
    expect(isOneLineError(missing.stderr)).toBe(true);
  });
});
