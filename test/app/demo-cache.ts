// The CLI tests' shared set-up: a candle cache filled by `tlab demo` (offline, through the
// emulator) and `tlab backtest --out` folders of sma-cross on SBER 1h over it.
import path from 'node:path';
import { expect } from 'vitest';
import { runCli } from '../cli/run-cli.ts';

/** The period every ladder CLI test backtests. */
export const DEMO_PERIOD = { from: '2025-02-01', to: '2025-06-01' };

/** Runs `tlab demo` in `dir`, leaving its cache at `dir/demo.sqlite`; returns that path. */
export async function demoCache(dir: string): Promise<string> {
  const db = path.join(dir, 'demo.sqlite');
  const demo = await runCli(['demo', '--db', db, '--out', path.join(dir, 'demo')], { cwd: dir });
  expect(demo.code, demo.stderr).toBe(0);
  return db;
}

/** `tlab backtest` of sma-cross (fast 5, slow 20) on SBER 1h into `out`, with `more` options. */
export async function backtestInto(db: string, out: string, ...more: string[]): Promise<void> {
  const r = await runCli(
    [
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
      DEMO_PERIOD.from,
      '--to',
      DEMO_PERIOD.to,
      '--param',
      'fast=5',
      '--param',
      'slow=20',
      '--out',
      out,
      ...more,
    ],
    { cwd: path.dirname(db) },
  );
  expect(r.code, r.stderr).toBe(0);
}
