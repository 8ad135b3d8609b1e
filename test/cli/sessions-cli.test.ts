/**
 * @module `--sessions` on the command line: resample keeps the minutes of the kept sessions (by a
 * cached schedule when there is one, else the standard day with a one-line notice), a backtest
 * trades only kept candles, and a bad value is a usage error (exit 2).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Candle } from '../../src/core/candle.ts';
import { openStore } from '../../src/data/index.ts';
import { ScheduleRepo } from '../../src/data/schedule-repo.ts';
import { instrument } from '../stubs/candles.ts';
import { isOneLineError, runCli } from './run-cli.ts';

const at = (d: number, h: number, m: number) => Date.UTC(2024, 0, d, h, m);
const sber = instrument({ ticker: 'SBER', exchange: 'MOEX_WEEKEND' });

/** One flat minute per listed time, priced by its index so the 1h aggregate shows which were kept. */
function minutes(times: number[]): Candle[] {
  return times.map((time, k) => ({
    time,
    open: 100 + k,
    high: 100 + k,
    low: 100 + k,
    close: 100 + k,
    volume: 1,
  }));
}

function cache(withSchedule: boolean): string {
  const db = path.join(mkdtempSync(path.join(tmpdir(), 'tlab-sessions-')), 'c.sqlite');
  const store = openStore(db);
  store.upsertInstrument(sber);
  // Friday 5 Jan: a dealer minute 06:30, main 06:50 and 07:10; Saturday 6 Jan: 10:00 (weekend).
  const times = [at(5, 6, 30), at(5, 6, 50), at(5, 7, 10), at(6, 10, 0)];
  store.upsertCandles(sber.uid, '1m', minutes(times), { from: at(5, 0, 0), to: at(7, 0, 0) });
  if (withSchedule)
    new ScheduleRepo(store.db).write(
      [
        {
          exchange: 'MOEX_WEEKEND',
          date: at(5, 0, 0),
          isTradingDay: true,
          sessions: [{ kind: 'main', start: at(5, 7, 0), end: at(5, 15, 50) }],
        },
        {
          exchange: 'MOEX_WEEKEND',
          date: at(6, 0, 0),
          isTradingDay: true,
          sessions: [{ kind: 'weekend', start: at(6, 7, 0), end: at(6, 16, 0) }],
        },
      ],
      'test',
    );
  store.close();
  return db;
}

function hours(db: string): Candle[] {
  const store = openStore(db);
  try {
    return store.readCandles(sber.uid, '1h', at(5, 0, 0), at(7, 0, 0));
  } finally {
    store.close();
  }
}

const resample = (db: string, sessions?: string) =>
  runCli([
    'data',
    'resample',
    '--db',
    db,
    '--instrument',
    'SBER',
    '--interval',
    '1h',
    ...(sessions ? ['--sessions', sessions] : []),
  ]);

describe('--sessions', () => {
  it('resample by the standard day without a schedule: says so, keeps 06:50 and 07:10 only', async () => {
    const db = cache(false);
    const r = await resample(db);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(
      /^tlab: note: no trading schedule cached for MOEX_WEEKEND on 2 days; kept --sessions main\+evening by MOEX's standard times/,
    );
    expect(
      hours(db).map((c) => [new Date(c.time).toISOString().slice(5, 16), c.open, c.close]),
    ).toEqual([
      ['01-05T06:00', 101, 101],
      ['01-05T07:00', 102, 102],
    ]);
  });

  it('resample by the cached schedule: main from 07:00; all keeps every minute', async () => {
    const db = cache(true);
    const main = await resample(db, 'main');
    expect(main.code, main.stderr).toBe(0);
    expect(main.stderr).toBe('');
    expect(hours(db).map((c) => c.open)).toEqual([102]);
    const everything = cache(true);
    expect((await resample(everything, 'all')).code).toBe(0);
    expect(hours(everything).map((c) => [c.open, c.close])).toEqual([
      [100, 101],
      [102, 102],
      [103, 103],
    ]);
  });

  it('refuses a value it does not know with a usage error', async () => {
    const r = await resample(cache(false), 'night');
    expect(r.code).toBe(2);
    expect(isOneLineError(r.stderr)).toBe(true);
    expect(r.stderr).toMatch(/--sessions 'night' is not supported.*main, main\+evening, all/);
  });

  it('data ls and data verify classify every gap by the cached schedule', async () => {
    const db = cache(true);
    const ls = await runCli(['data', 'ls', '--db', db, '--json']);
    expect(ls.code, ls.stderr).toBe(0);
    const [series] = JSON.parse(ls.stdout).series;
    // Hand count over Fri 5 and Sat 6 Jan (2,880 minute slots, 4 candles): closed 00:00-06:30,
    // 06:31-06:50, 06:51-07:00, Fri 15:50-Sat 07:00, Sat 16:00-24:00 (390 + 19 + 9 + 910 + 480);
    // no trades Fri 07:00-07:10, 07:11-15:50, Sat 07:00-10:00, 10:01-16:00 (10 + 519 + 180 + 359).
    expect(series.gaps.closed).toEqual({ gaps: 5, candles: 1808 });
    expect(series.gaps.noTrades).toEqual({ gaps: 4, candles: 1068 });
    expect(series.gaps.missingData).toEqual({ gaps: 0, candles: 0 });
    const verify = await runCli(['data', 'verify', '--db', db]);
    expect(verify.stdout).toContain(
      'gaps: closed by schedule 5 (1808 candles), no trades 4 (1068 candles), missing data 0',
    );
  });
});
