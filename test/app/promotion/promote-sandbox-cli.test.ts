// The sandbox rung end to end through the CLI and a real run journal: a sandbox run is written to
// runs.sqlite (its decisions and order events are those of a sandbox-model run over the demo
// cache, as a sandbox venue filling at the next open would give), `tlab parity` compares it by
// journal id with a backtest folder, and `tlab promote --from sandbox` writes the live config that
// tlab live's preflight then accepts; a run with a slipped fill and one with an error are refused.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkLivePreflight } from '../../../src/app/live-preflight.ts';
import { recordingBroker } from '../../../src/app/parity/recording-broker.ts';
import { runRegisteredBacktest } from '../../../src/app/registered-backtest.ts';
import { openJournal } from '../../../src/data/journal/index.ts';
import { SqliteFeed } from '../../../src/data/sqlite-feed.ts';
import { openStore } from '../../../src/data/store.ts';
import type { OrderUpdate } from '../../../src/engine/ports/broker.ts';
import { runCli } from '../../cli/run-cli.ts';
import { demoCache } from '../demo-cache.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'tlab-promote-sbx-'));
const db = path.join(dir, 'demo.sqlite');
const journalFile = path.join(dir, 'runs.sqlite');
const from = Date.UTC(2025, 1, 1);
const to = Date.UTC(2025, 5, 1);
const cfg = path.join(dir, 'promotion.json');
const ids: Record<string, string> = {};

/** A sandbox run in the journal; `alter` may change its events (a slipped fill) or add an error. */
async function journalSandboxRun(
  alter: (u: OrderUpdate, k: number) => OrderUpdate,
  error?: string,
): Promise<string> {
  const store = openStore(db, { mustExist: true });
  const sber = store.findInstrument({ kind: 'ticker', ticker: 'SBER' });
  if (sber === undefined) throw new Error('demo cache lacks SBER');
  const { recording, wrap } = recordingBroker();
  const result = await runRegisteredBacktest({
    strategy: 'sma-cross',
    params: { fast: 5, slow: 20 },
    instruments: [sber],
    intervals: ['1h'],
    range: { from, to },
    feed: new SqliteFeed(store),
    fillModel: 'sandbox',
    recordEquity: false,
    wrapBroker: wrap,
  });
  store.close();
  const journal = openJournal(journalFile);
  const runId = journal.startRun({
    mode: 'sandbox',
    strategy: 'sma-cross',
    strategySourceHash: result.fingerprint.strategySourceHash,
    params: result.params,
    models: { venue: 'sandbox-invest-public-api.tinkoff.ru:443' },
    instruments: [sber],
    intervals: ['1h'],
    from,
    to,
    startingCash: result.startingCash,
    accountId: 'sandbox-account',
    startedAt: from,
  });
  for (const d of recording.decisions) journal.recordDecision(runId, { ...d, at: 0 });
  recording.events.forEach((e, k) =>
    journal.recordEvent(runId, { seq: e.seq, update: alter(e.update, k), phase: 'outside', at: 0 }),
  );
  if (error !== undefined) journal.recordError(runId, from + 86_400_000, error);
  journal.endRun(runId, { outcome: 'completed', endedAt: to, metrics: result.metrics });
  journal.close();
  return runId;
}

beforeAll(async () => {
  await demoCache(dir);
  writeFileSync(
    cfg,
    JSON.stringify({
      backtest: { minTrades: 1, maxDrawdown: 1, minDeflatedSharpe: 0 },
      sandbox: { minDuration: '30d', parity: { priceTicks: 1 } },
      live: { guards: { maxOrderValue: 50_000, maxPositionLots: 10, maxDailyLoss: 5_000 } },
    }),
  );
  ids.clean = await journalSandboxRun((u) => u);
  let slipped = 0;
  ids.slipped = await journalSandboxRun((u) => {
    if (u.status !== 'filled' || slipped++ !== 3) return u;
    return { ...u, price: Number((u.price + 0.05).toFixed(2)) };
  });
  ids.failing = await journalSandboxRun((u) => u, 'orders stream: UNAVAILABLE after 5 retries');
}, 180_000);

/** `tlab promote --from sandbox RUN` on the test's cache, journal and config, to account 2000123456. */
const promote = (run: string, ...more: string[]) =>
  runCli(
    [
      'promote',
      '--from',
      'sandbox',
      run,
      '--config',
      cfg,
      '--db',
      db,
      '--journal',
      journalFile,
      '--account',
      '2000123456',
      ...more,
    ],
    { cwd: dir },
  );

describe('tlab promote --from sandbox', () => {
  it('promotes a clean sandbox run and writes a live config that tlab live accepts', async () => {
    const out = path.join(dir, 'live-config.json');
    const r = await promote(ids.clean, '--out', out);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /promoted .* from sandbox \(durationMs \d+, errors 0, differences 0, slippageCost 0\)/,
    );
    const live = JSON.parse(readFileSync(out, 'utf8'));
    expect(live).toMatchObject({
      kind: 'tlab-live-config',
      strategy: 'sma-cross',
      accountId: '2000123456',
      promotedFrom: { sandboxRunId: ids.clean },
    });
    const pre = checkLivePreflight({
      configPath: out,
      confirmLive: true,
      env: { TINKOFF_TOKEN_STRING: 't.x' },
      endpoint: 'invest-public-api.tinkoff.ru:443',
      guards: true,
    });
    expect(pre).toMatchObject({ ok: true });
  });

  it('refuses a sandbox run with a fill 5 ticks off the sandbox model, naming it', async () => {
    const r = await promote(ids.slipped, '--out', path.join(dir, 'no.json'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^tlab: promote refused: parity within 1 ticks against the sandbox-model backtest: 1 price-slippage-outside \(first: .*slippage -?5 ticks/,
    );
  });

  it('refuses a sandbox run that met an error', async () => {
    const r = await promote(ids.failing);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/errors 0: the sandbox run met 1, .*UNAVAILABLE after 5 retries/);
  });

  it('tlab parity reads journal run ids and says where two runs differ', async () => {
    const r = await runCli(
      ['parity', ids.clean, ids.slipped, '--journal', journalFile, '--db', db],
      { cwd: dir },
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/matched by decisions/);
    expect(r.stdout).toMatch(
      /SBER {2}price-slippage-outside: (buy|sell) at [\d.]+ in A, [\d.]+ in B: slippage -?5 ticks/,
    );
    const missing = await runCli(['parity', ids.clean, 'no-such-run', '--journal', journalFile], {
      cwd: dir,
    });
    expect(missing.code).not.toBe(0);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
  });
});
