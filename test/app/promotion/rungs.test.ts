// The two rungs of the promotion ladder. Backtest → sandbox: each threshold refused in one line
// naming it and the run's value, and a deflated Sharpe that is never guessed. Sandbox → live: a
// sandbox run is checked against a real backtest of its period with the sandbox fill model (here
// over an in-memory feed): identical fills pass and yield a live config tlab live accepts; a
// slipped fill, an error, a short run or changed code are refused.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkLivePreflight, registeredSourceHash } from '../../../src/app/live-preflight.ts';
import { recordingBroker, runFromBacktest } from '../../../src/app/parity/recording-broker.ts';
import { checkBacktestRung, type TrialsInfo } from '../../../src/app/promotion/backtest-rung.ts';
import { formatLiveConfig } from '../../../src/app/promotion/live-config.ts';
import { liveConfigFor } from '../../../src/app/promotion/next-rung.ts';
import { sandboxModelBacktest } from '../../../src/app/promotion/parity-backtest.ts';
import {
  promotionConfigSchema,
  readPromotionConfig,
} from '../../../src/app/promotion/promotion-config.ts';
import { checkSandboxRung } from '../../../src/app/promotion/sandbox-rung.ts';
import { runRegisteredBacktest } from '../../../src/app/registered-backtest.ts';
import type { RunRecord } from '../../../src/app/run-record.ts';
import { instrument, randomWalk } from '../../stubs/candles.ts';
import { MemoryFeed } from '../../stubs/memory-feed.ts';
import { run } from '../run-fixture.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'tlab-promote-'));
const config = promotionConfigSchema.parse({
  backtest: { minTrades: 10, maxDrawdown: 0.2, minDeflatedSharpe: 0.9 },
  sandbox: { minDuration: '5d', parity: { priceTicks: 1 } },
  live: {
    accountId: '2000123456',
    guards: { maxOrderValue: 50_000, maxPositionLots: 10, maxDailyLoss: 5_000 },
  },
});
const metrics = (trades: number, maxDrawdown: number) =>
  ({ trades, maxDrawdown }) as RunRecord['metrics'];
// 60 days of small positive daily returns with noise: a clearly positive Sharpe.
const daily = Array.from({ length: 60 }, (_, k) => 0.002 + 0.001 * Math.sin(k * 1.7));
const one: TrialsInfo = { kind: 'stated', trials: 1 };

describe('backtest → sandbox', () => {
  it('passes a run meeting every threshold', () => {
    const r = checkBacktestRung(
      run('bt', [], { metrics: metrics(12, 0.1) }),
      daily,
      one,
      config.backtest,
    );
    expect(r.refusals).toEqual([]);
    expect(r.measured.deflatedSharpe).toBeGreaterThan(0.9);
  });

  it('names each unmet threshold and the value, one line each', () => {
    const flat = daily.map((x, k) => (k % 2 === 0 ? x : -x));
    const r = checkBacktestRung(
      run('bt', [], { metrics: metrics(7, 0.25) }),
      flat,
      one,
      config.backtest,
    );
    expect(r.refusals).toHaveLength(3);
    expect(r.refusals[0]).toBe('minimum trades 10: the backtest has 7');
    expect(r.refusals[1]).toBe("maximum drawdown 0.2: the backtest's is 0.25");
    expect(r.refusals[2]).toMatch(/^minimum deflated Sharpe 0.9: the backtest's is 0\.\d{4}$/);
  });

  it('treats the thresholds as inclusive', () => {
    const r = checkBacktestRung(
      run('bt', [], { metrics: metrics(10, 0.2) }),
      daily,
      one,
      config.backtest,
    );
    expect(r.refusals).toEqual([]);
  });

  it('never guesses the number of configurations tried', () => {
    const bt = run('bt', [], { metrics: metrics(12, 0.1) });
    const unknown = checkBacktestRung(bt, daily, { kind: 'unknown' }, config.backtest);
    expect(unknown.refusals).toEqual([
      expect.stringMatching(/configurations tried is unknown; pass --trials N .* or --study DIR/),
    ]);
    const many = checkBacktestRung(bt, daily, { kind: 'stated', trials: 40 }, config.backtest);
    expect(many.refusals).toEqual([
      expect.stringMatching(
        /with 40 configurations tried it needs their Sharpe ratios; pass --study DIR/,
      ),
    ]);
    const study = (dsr: number, isBest: boolean): TrialsInfo => ({
      kind: 'study',
      configurations: 40,
      deflatedSharpe: dsr,
      isBest,
    });
    expect(checkBacktestRung(bt, daily, study(0.95, true), config.backtest).refusals).toEqual([]);
    expect(checkBacktestRung(bt, daily, study(0.5, true), config.backtest).refusals).toEqual([
      "minimum deflated Sharpe 0.9: the backtest's is 0.5000",
    ]);
    expect(checkBacktestRung(bt, daily, study(0.95, false), config.backtest).refusals[0]).toMatch(
      /not the study's best/,
    );
  });

  it('refuses a run that is not a finished backtest', () => {
    const r = checkBacktestRung(run('sb', [], { mode: 'sandbox' }), daily, one, config.backtest);
    expect(r.refusals[0]).toMatch(/is a sandbox run, not a backtest/);
    expect(r.refusals[1]).toMatch(/has no metrics/);
  });
});

describe('sandbox → live', () => {
  const sber = instrument({ ticker: 'SBER', lot: 10 });
  const start = Date.UTC(2024, 0, 9, 7);
  const walk = randomWalk({
    seed: 11,
    count: 24 * 20,
    start,
    interval: '1h',
    startPrice: 250,
    vol: 0.006,
  });
  const feed = () => new MemoryFeed().add({ instrumentUid: sber.uid, interval: '1h' }, walk);
  const cache = () => ({
    findInstrument: (uid: string) => (uid === sber.uid ? sber : undefined),
    feed: feed(),
  });
  const specs = new Map([[sber.uid, { step: sber.minPriceIncrement, lot: sber.lot }]]);
  const hash = registeredSourceHash('sma-cross');
  let sandboxRun: RunRecord;

  beforeAll(async () => {
    // What a sandbox run of this strategy records when the venue fills as the sandbox model says.
    const { recording, wrap } = recordingBroker();
    const result = await runRegisteredBacktest({
      strategy: 'sma-cross',
      params: { fast: 5, slow: 20 },
      instruments: [sber],
      intervals: ['1h'],
      range: { from: start, to: start + 24 * 20 * 3_600_000 },
      feed: feed(),
      fillModel: 'sandbox',
      wrapBroker: wrap,
    });
    const rec = runFromBacktest('sbx-1', result, recording, [{ uid: sber.uid, ticker: 'SBER' }]);
    sandboxRun = {
      ...rec,
      mode: 'sandbox',
      accountId: 'sandbox-acc',
      models: { venue: 'sandbox-invest-public-api.tinkoff.ru:443' },
    };
    expect(sandboxRun.fills.length).toBeGreaterThan(4);
  });

  it("passes a clean sandbox run whose fills are the sandbox model backtest's, and writes a live config tlab live accepts", async () => {
    const reference = await sandboxModelBacktest(sandboxRun, cache());
    const r = checkSandboxRung(sandboxRun, reference, specs, config.sandbox, hash);
    expect(r.refusals).toEqual([]);
    expect(r.parity?.matchedBy).toBe('decisions');
    expect(r.parity?.summary.decisions.matched).toBe(sandboxRun.decisions.length);
    const live = liveConfigFor({
      run: sandboxRun,
      parity: r.parity!,
      config,
      accountId: undefined,
      now: start,
    });
    expect(live).toMatchObject({
      strategy: 'sma-cross',
      strategySourceHash: hash,
      accountId: '2000123456',
      interval: '1h',
    });
    const file = path.join(dir, 'live-config.json');
    writeFileSync(file, formatLiveConfig(live));
    const pre = checkLivePreflight({
      configPath: file,
      confirmLive: true,
      env: { TINKOFF_TOKEN_STRING: 't.x' },
      endpoint: 'invest-public-api.tinkoff.ru:443',
      guards: true,
    });
    expect(pre.ok).toBe(true);
  });

  it('refuses a sandbox run whose fill slipped beyond the tolerance, naming the difference', async () => {
    const reference = await sandboxModelBacktest(sandboxRun, cache());
    const fills = sandboxRun.fills.map((f, k) =>
      k === 2 ? { ...f, price: Number((f.price + 0.02).toFixed(2)) } : f,
    );
    const r = checkSandboxRung({ ...sandboxRun, fills }, reference, specs, config.sandbox, hash);
    expect(r.refusals).toEqual([
      expect.stringMatching(
        /^parity within 1 ticks against the sandbox-model backtest: 1 price-slippage-outside \(first: .* slippage (2|-2) ticks/,
      ),
    ]);
    const within = sandboxRun.fills.map((f, k) =>
      k === 2 ? { ...f, price: Number((f.price + 0.01).toFixed(2)) } : f,
    );
    expect(
      checkSandboxRung({ ...sandboxRun, fills: within }, reference, specs, config.sandbox, hash)
        .refusals,
    ).toEqual([]);
  });

  it('refuses errors, a short or failed run, and changed code, each in one line', async () => {
    const reference = await sandboxModelBacktest(sandboxRun, cache());
    const bad: RunRecord = {
      ...sandboxRun,
      to: sandboxRun.from + 3 * 86_400_000,
      outcome: 'failed',
      errors: [{ time: start, message: 'stream died' }],
    };
    const r = checkSandboxRung(bad, reference, specs, config.sandbox, 'f'.repeat(64));
    expect(r.refusals.slice(0, 4)).toEqual([
      'minimum sandbox run length 5d 0h: the run lasted 3d 0h',
      'the sandbox run must have ended cleanly: its outcome is failed',
      'errors 0: the sandbox run met 1, the first at 2024-01-09T07:00:00.000Z: stream died',
      expect.stringMatching(/ran another version of sma-cross .*code now ffffffffffff/),
    ]);
  });

  it('refuses a live config without an account, or with the sandbox account', async () => {
    const reference = await sandboxModelBacktest(sandboxRun, cache());
    const parity = checkSandboxRung(sandboxRun, reference, specs, config.sandbox, hash).parity!;
    const noAccount = { ...config, live: { guards: config.live.guards } };
    expect(() =>
      liveConfigFor({ run: sandboxRun, parity, config: noAccount, accountId: undefined, now: 0 }),
    ).toThrow(/no account to trade live/);
    expect(() =>
      liveConfigFor({ run: sandboxRun, parity, config, accountId: 'sandbox-acc', now: 0 }),
    ).toThrow(/is the sandbox run's own account/);
  });
});

describe('the promotion config', () => {
  it('names the bad field', () => {
    const file = path.join(dir, 'promotion.json');
    writeFileSync(file, JSON.stringify({ ...config, sandbox: { minDuration: 'five days' } }));
    expect(() => readPromotionConfig(file)).toThrow(
      /bad sandbox.minDuration in the promotion config/,
    );
    writeFileSync(file, '{');
    expect(() => readPromotionConfig(file)).toThrow(/is not JSON/);
  });
});

describe('studyTrials', () => {
  it("reads a study's size and DSR, and whether the run is its best", async () => {
    const { studyTrials } = await import('../../../src/app/promotion/study-trials.ts');
    const study = path.join(dir, 'study');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(study, { recursive: true });
    writeFileSync(
      path.join(study, 'results.json'),
      JSON.stringify({
        configurations: 36,
        deflatedSharpe: 0.97,
        best: { fast: 5, slow: 20 },
        results: [],
      }),
    );
    expect(studyTrials(study, { fast: 5, slow: 20, lots: 1 })).toEqual({
      kind: 'study',
      configurations: 36,
      deflatedSharpe: 0.97,
      isBest: true,
    });
    expect(studyTrials(study, { fast: 6, slow: 20, lots: 1 })).toMatchObject({ isBest: false });
    expect(() => studyTrials(dir, {})).toThrow(/holds no study results/);
  });
});
