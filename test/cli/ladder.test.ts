/**
 * @module The promotion ladder end to end through the real binary against in-process emulators:
 * `tlab sandbox` records a run, `tlab promote --from sandbox` checks it (parity against a
 * sandbox-model backtest of its period over the cache the run filled) and writes the live config,
 * and `tlab live` accepts that config and runs.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

describe('the ladder against the emulator', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tlab-ladder-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const db = ['--db', path.join(dir, 'c.sqlite')];
  const session = [
    ...['--emulator', '--replay-from', '2024-10-02T08:00:00Z', '--speed', '60', '--warmup', '1h'],
    ...db,
  ];

  it('sandbox run → promote → live', async () => {
    const sandbox = await runCli(
      [
        'sandbox',
        '--strategy',
        'sma-cross',
        '--param',
        'fast=3',
        '--param',
        'slow=8',
        '--instrument',
        'SBER',
        '--interval',
        '1m',
        '--for',
        '15m',
        ...session,
      ],
      { cwd: dir, timeoutMs: 120_000 },
    );
    expect(sandbox.code).toBe(0);
    const runId = /run (\S+) completed/.exec(sandbox.stderr)?.[1];
    expect(runId).toBeDefined();

    writeFileSync(
      path.join(dir, 'promotion.json'),
      JSON.stringify({
        backtest: { minTrades: 1, maxDrawdown: 0.5, minDeflatedSharpe: 0 },
        sandbox: { minDuration: '10m', parity: { priceTicks: 0, maxFillDelay: '1m' } },
        live: { guards: { maxOrderValue: 50_000, maxPositionLots: 10, maxDailyLoss: 5_000 } },
      }),
    );
    const config = path.join(dir, 'live-config.json');
    const promote = await runCli(
      ['promote', '--from', 'sandbox', runId!, '--account', '2000123456', '--out', config, ...db],
      { cwd: dir, timeoutMs: 120_000 },
    );
    expect(promote.stderr).toBe('');
    expect(promote.code).toBe(0);
    expect(existsSync(config)).toBe(true);
    const live = JSON.parse(readFileSync(config, 'utf8'));
    expect(live.promotedFrom.sandboxRunId).toBe(runId);
    expect(live.promotedFrom.parity.withinTolerance).toBe(true);

    const run = await runCli(
      ['live', '--config', config, '--confirm-live', '--for', '5m', ...session],
      { cwd: dir, timeoutMs: 120_000 },
    );
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/run \S+ completed/);
    expect(run.stdout).toContain('Final equity');
  });
});
