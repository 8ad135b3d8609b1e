import { describe, expect, it } from 'vitest';
import { DataIntegrityError, NotFoundError, UsageError } from '../../src/core/errors.ts';
import {
  MissingDataError,
  runBacktest,
  type BacktestConfig,
  type BacktestResult,
} from '../../src/engine/index.ts';
import { smaCross } from '../../src/strategies/index.ts';
import { candles, instrument, randomWalk } from '../stubs/candles.ts';
import { MemoryFeed } from '../stubs/memory-feed.ts';
import { ScriptedStrategy } from '../stubs/scripted-strategy.ts';

const M = 60_000;
const H = 60 * M;
const T0 = Date.UTC(2024, 0, 9, 7);
const sber = instrument({ ticker: 'SBER' });
const gazp = instrument({ ticker: 'GAZP', lot: 10 });
const walkA = randomWalk({ seed: 11, count: 3000, start: T0, interval: '1m' });
const walkB = randomWalk({ seed: 12, count: 3000, start: T0, interval: '1m', startPrice: 160 });
const range = { from: T0, to: T0 + 3000 * M };

function feedOf(o: { batchSize?: number; async?: boolean } = {}): MemoryFeed {
  return new MemoryFeed(o)
    .add({ instrumentUid: sber.uid, interval: '1m' }, walkA)
    .add({ instrumentUid: gazp.uid, interval: '1m' }, walkB);
}

function smaConfig(feed: MemoryFeed, o: Partial<BacktestConfig> = {}): BacktestConfig {
  const params = smaCross.parse({ fast: 5, slow: 20 });
  return {
    strategy: smaCross.create(params as Record<string, number>),
    strategyName: smaCross.name,
    strategySource: 'source text',
    params,
    instruments: [sber, gazp],
    interval: '1m',
    range,
    feed,
    ...o,
  };
}

const json = (r: BacktestResult) => JSON.stringify(r);

describe('runBacktest determinism', () => {
  it('gives byte-identical results for the same inputs, whatever the feed batching', async () => {
    const a = await runBacktest(smaConfig(feedOf()));
    const b = await runBacktest(smaConfig(feedOf()));
    const c = await runBacktest(smaConfig(feedOf({ batchSize: 13, async: true })));
    expect(a.metrics.trades).toBeGreaterThan(10);
    expect(json(b)).toBe(json(a));
    expect(json(c)).toBe(json(a));
    expect(a.fingerprint.dataHash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.fingerprint.tradesHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes the fingerprint when data, parameters or models change', async () => {
    const a = await runBacktest(smaConfig(feedOf()));
    const fewer = await runBacktest(
      smaConfig(feedOf(), { range: { from: T0, to: T0 + 2000 * M } }),
    );
    const fee = await runBacktest(smaConfig(feedOf(), { fees: 'investor' }));
    expect(fewer.fingerprint.dataHash).not.toBe(a.fingerprint.dataHash);
    expect(fee.fingerprint.models).toMatchObject({ fees: { kind: 'percent', rate: 0.003 } });
    expect(fee.fingerprint.dataHash).toBe(a.fingerprint.dataHash);
    expect(fee.fingerprint.tradesHash).not.toBe(a.fingerprint.tradesHash);
  });
});

describe('runBacktest accounting', () => {
  it('marks final equity as cash plus positions at their last close, and agrees with the curve', async () => {
    const r = await runBacktest(smaConfig(feedOf()));
    const last = r.equity.equity.length - 1;
    expect(r.metrics.finalEquity).toBeCloseTo(r.equity.equity[last], 2);
    expect(r.equity.time.length).toBe(3000);
    // net P&L of round trips + open positions' P&L = change in equity (to rounding of trip P&L)
    const trips = r.trades.reduce((s, t) => s + t.pnl, 0);
    const open = (r.openPositions ?? []).reduce((s, p) => s + p.unrealizedPnl, 0);
    const openFees =
      r.fills.reduce((s, f) => s + f.commission, 0) -
      r.trades.reduce((s, t) => s + t.commission, 0);
    expect(trips + open - openFees).toBeCloseTo(r.metrics.finalEquity - 1_000_000, 0);
    expect(r.metrics.commission).toBeCloseTo(
      r.fills.reduce((s, f) => s + f.commission, 0),
      6,
    );
  });

  it('benchmarks buy-and-hold: equal cash shares bought at each first open, fractional, no fees', async () => {
    const r = await runBacktest(smaConfig(feedOf()));
    const share = 1_000_000 / 2;
    const expected =
      (share / walkA.open[0]) * walkA.close[2999] + (share / walkB.open[0]) * walkB.close[2999];
    expect(r.benchmark.finalEquity).toBeCloseTo(expected, 2);
    expect(r.equity.benchmark[2999]).toBeCloseTo(expected, 6);
    expect(r.benchmark.trades).toBe(0);
    expect(r.benchmark.commission).toBe(0);
    expect(r.benchmark.exposure).toBe(1);
  });
});

describe('runBacktest refusals', () => {
  it('refuses to trade across missing data and lists the exact ranges', async () => {
    const feed = feedOf().setMissing({ instrumentUid: gazp.uid, interval: '1m' }, [
      { from: T0 + 60 * M, to: T0 + 120 * M },
    ]);
    const err = await runBacktest(smaConfig(feed)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MissingDataError);
    expect(err).toBeInstanceOf(NotFoundError);
    const e = err as MissingDataError;
    expect(e.gaps).toEqual([
      {
        series: { instrumentUid: gazp.uid, interval: '1m' },
        ticker: 'GAZP',
        ranges: [{ from: T0 + 60 * M, to: T0 + 120 * M }],
      },
    ]);
    expect(e.message).toBe(
      'the cache lacks candles for GAZP 1m 2024-01-09T08:00:00Z..2024-01-09T09:00:00Z',
    );
    expect(feed.reads).toEqual([]); // nothing was read, nothing traded
  });

  it('refuses bad configurations with usage errors naming the fix', async () => {
    const bad = async (o: Partial<BacktestConfig>) =>
      runBacktest(smaConfig(feedOf(), o)).catch((e: unknown) => e);
    expect(await bad({ startingCash: 0 })).toBeInstanceOf(UsageError);
    expect(await bad({ instruments: [sber, { ...gazp, currency: 'usd' }] })).toMatchObject({
      message: 'instruments trade in several currencies (rub, usd)',
    });
    expect(await bad({ subscriptions: [{ instrumentUid: 'x', interval: '1m' }] })).toMatchObject({
      message: 'subscription to unknown instrument x',
    });
    expect(
      await bad({ subscriptions: [{ instrumentUid: sber.uid, interval: '1m' }] }),
    ).toMatchObject({
      message: 'GAZP has no subscribed series, so its orders could never fill',
    });
    expect(await bad({ range: { from: T0, to: T0 } })).toBeInstanceOf(UsageError);
    expect(await bad({ fillModel: 'magic' as never })).toBeInstanceOf(UsageError);
  });

  it('stops on candles out of order', async () => {
    const rows = candles(T0, H, [
      [1, 1, 1, 1],
      [1, 1, 1, 1],
    ]);
    rows[1].time = rows[0].time;
    const feed = new MemoryFeed().add({ instrumentUid: sber.uid, interval: '1h' }, rows);
    const err = await runBacktest({
      strategy: new ScriptedStrategy(),
      strategyName: 'x',
      instruments: [sber],
      interval: '1h',
      range: { from: T0, to: T0 + 5 * H },
      feed,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DataIntegrityError);
  });
});

describe('runBacktest failures mid-run', () => {
  it('propagates a strategy error and closes the feed streams', async () => {
    let closed = 0;
    const feed = feedOf();
    const read = feed.read.bind(feed);
    feed.read = (series, r) => {
      const it = (read(series, r) as Iterable<never>)[Symbol.iterator]();
      return {
        [Symbol.iterator]: () => ({
          next: () => it.next(),
          return: () => {
            closed++;
            return { done: true as const, value: undefined };
          },
        }),
      };
    };
    const boom = new ScriptedStrategy((k) => {
      if (k === 10) throw new Error('strategy bug');
    });
    await expect(runBacktest(smaConfig(feed, { strategy: boom }))).rejects.toThrow('strategy bug');
    expect(closed).toBe(2);
  });
});
