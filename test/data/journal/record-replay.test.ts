/**
 * Record and replay on real journal files. A backtest-like run (the kernel and the simulated broker
 * over a memory feed, wrapped with the journaling feed and broker) replays with identical decisions,
 * acks, events and fills, both as a paper run (over its recorded candles) and as a backtest (over
 * the original feed); a changed parameter is reported as the first divergence. A run against a
 * venue-like broker (pending acks, partial fills, events between candles) replays through the
 * ReplayBroker with the same strategy-visible sequence, and a different decision is reported.
 */
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { batchFromCandles, type CandleBatch } from '../../../src/core/candle.ts';
import { runRegisteredBacktest } from '../../../src/app/registered-backtest.ts';
import {
  JournalFeed,
  JournalingFeed,
  ReplayBroker,
  ReplayDivergenceError,
  journalingBroker,
  openJournal,
  replayRun,
  type SqliteRunJournal,
} from '../../../src/data/journal/index.ts';
import {
  Kernel,
  ReplayClock,
  type Broker,
  type MarketDataFeed,
  type StrategyContext,
} from '../../../src/engine/index.ts';
import { sha256 } from '../../../src/engine/backtest/fingerprint.ts';
import type { RunStartMeta } from '../../../src/engine/ports/order-journal.ts';
import { getStrategy } from '../../../src/strategies/index.ts';
import { instrument, randomWalk } from '../../stubs/candles.ts';
import { MemoryFeed } from '../../stubs/memory-feed.ts';
import { ScriptedStrategy } from '../../stubs/scripted-strategy.ts';
import { VenueLikeBroker } from '../../stubs/venue-like-broker.ts';
import { tempDir } from './journal-fixture.ts';

const M = 60_000;
const T0 = Date.UTC(2024, 2, 4, 7);
const SBER = instrument({ ticker: 'SBER' });
const key = { instrumentUid: SBER.uid, interval: '1m' } as const;
const N = 600;
const range = { from: T0, to: T0 + N * M };
const params = { fast: 5, slow: 20 };
const models = {
  fillModel: 'next-bar',
  fees: { kind: 'percent', rate: 0.0005 },
  allowShort: false,
} as const;

let tmp: ReturnType<typeof tempDir>;
let journal: SqliteRunJournal;
beforeEach(() => {
  tmp = tempDir('tlab-replay-');
  journal = openJournal(path.join(tmp.dir, 'runs.sqlite'));
});
afterEach(() => {
  journal.close();
  tmp.remove();
});

function walkFeed(): MemoryFeed {
  return new MemoryFeed({ batchSize: 97 }).add(key, randomWalk({ seed: 7, count: N, start: T0 }));
}

function startMeta(mode: RunStartMeta['mode']): RunStartMeta {
  const entry = getStrategy('sma-cross');
  return {
    mode,
    strategy: entry.name,
    strategySourceHash: sha256(entry.source()),
    params: entry.parse(params),
    models,
    instruments: [SBER],
    intervals: ['1m'],
    from: range.from,
    to: range.to,
    startingCash: 100_000,
    startedAt: 0,
  };
}

async function recordSma(mode: RunStartMeta['mode']) {
  const runId = journal.startRun(startMeta(mode));
  const result = await runRegisteredBacktest({
    strategy: 'sma-cross',
    params,
    instruments: [SBER],
    intervals: ['1m'],
    range,
    feed: new JournalingFeed(walkFeed(), journal, runId),
    cash: 100_000,
    ...models,
    recordEquity: false,
    wrapBroker: (b, clock) => journalingBroker(b, clock, journal, runId),
  });
  journal.endRun(runId, { outcome: 'completed', endedAt: 1, metrics: result.metrics });
  return { runId, result };
}

describe('replay through the simulated broker', () => {
  it('a paper run replays over its recorded candles with identical decisions, events and fills', async () => {
    const { runId, result } = await recordSma('paper');
    const rec = journal.readRun(runId);
    expect(rec.decisions.length).toBeGreaterThan(4);
    expect(rec.fills).toEqual(result.fills);
    expect(journal.readSoFar(runId).candleCount).toBe(N);
    const out = await replayRun(journal, runId);
    expect(out.broker).toBe('simulated');
    expect(out.sourceChanged).toBe(false);
    expect(out.decisions).toBe(rec.decisions.length);
    expect(out.events).toBe(rec.events.length);
    expect(out.result.fills).toEqual(result.fills);
    expect(out.result.fingerprint.tradesHash).toBe(result.fingerprint.tradesHash);
    expect(out.result.metrics).toEqual(result.metrics);
  });

  it('a backtest replays over the original feed, times included', async () => {
    const { runId, result } = await recordSma('backtest');
    const out = await replayRun(journal, runId, { cacheFeed: walkFeed });
    expect(out.decisions).toBe(journal.readRun(runId).decisions.length);
    expect(out.result.fills).toEqual(result.fills);
  });

  it('a changed parameter is reported as the first divergent decision', async () => {
    const { runId } = await recordSma('paper');
    journal.db
      .prepare('UPDATE runs SET params = ? WHERE run_id = ?')
      .run(JSON.stringify({ ...startMeta('paper').params, slow: 25 }), runId);
    const err = await replayRun(journal, runId).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ReplayDivergenceError);
    const d = (err as ReplayDivergenceError).divergence;
    expect(d.kind).toBe('decision');
    expect((err as Error).message).toMatch(/^replay diverged at decision #\d+ \(after candle \d+\)/);
  });
});

/** An async feed that lets a macrotask pass before each candle, as a live stream does. */
function slowFeed(inner: MemoryFeed): MarketDataFeed {
  return {
    missing: (s, r) => inner.missing(s, r),
    read: (s, r) =>
      (async function* (): AsyncGenerator<CandleBatch> {
        for (const b of inner.read(s, r) as Iterable<CandleBatch>) {
          await new Promise((ok) => setTimeout(ok, 1));
          yield b;
        }
      })(),
  };
}

/** Buys 3 at candle 2 and 2 more at candle 6, buys 5 and cancels them at once at candle 10; sells on each fill. */
function venueStrategy(buyAt = 2) {
  return new ScriptedStrategy(
    (k, _c, ctx: StrategyContext) => {
      if (k === buyAt) ctx.buy(3);
      if (k === 6) ctx.buy(2);
      if (k === 10) ctx.cancel(ctx.buy(5).orderId);
    },
    (u, ctx) => {
      if (u.status === 'filled' && u.request.side === 'buy') ctx.sell(1);
      // A decision taken on an event that arrived between candles.
      if (u.status === 'accepted' && u.request.lots === 2) ctx.buy(1, { tag: 'reaction' });
    },
  );
}

function venueKernel(strategy: ScriptedStrategy, feed: MarketDataFeed, broker: (clock: ReplayClock) => Broker) {
  const clock = new ReplayClock(T0);
  return new Kernel({
    strategy,
    instruments: [SBER],
    subscriptions: [key],
    range: { from: T0, to: T0 + 14 * M },
    feed,
    broker: broker(clock),
    clock,
    startingCash: 10_000,
    historyLength: 10,
    recordEquity: false,
  });
}

describe('replay through the ReplayBroker (venue-like run with partial fills)', () => {
  const candles = () =>
    new MemoryFeed({ batchSize: 1 }).add(key, batchFromCandles(Array.from({ length: 14 }, (_, k) => ({ time: T0 + k * M, open: 100, high: 101, low: 99, close: 100 + k / 100, volume: 5 }))));

  async function recordVenue() {
    const runId = journal.startRun({ ...startMeta('sandbox'), strategy: 'scripted', to: T0 + 14 * M });
    const strategy = venueStrategy();
    let venue!: VenueLikeBroker;
    const kernel = venueKernel(strategy, new JournalingFeed(slowFeed(candles()), journal, runId), (clock) => {
      venue = new VenueLikeBroker({ slices: [1, 1, 2, 1], price: 100.5, commission: 0.05, now: () => clock.now() });
      // Acceptances arrive on a later macrotask, between candles, as from a venue's stream.
      const submit = venue.submit.bind(venue);
      venue.submit = (r) => {
        const ack = submit(r);
        venue.emitLater();
        return ack;
      };
      return journalingBroker(venue, clock, journal, runId);
    });
    await kernel.run();
    journal.endRun(runId, { outcome: 'completed', endedAt: 1 });
    return { runId, strategy };
  }

  it('delivers the recorded acks and events at the same points: the strategy sees the same sequence', async () => {
    const { runId, strategy } = await recordVenue();
    const so = journal.readSoFar(runId);
    expect(so.events.some((e) => e.phase === 'outside')).toBe(true);
    expect(so.events.some((e) => e.update.status === 'partially-filled')).toBe(true);
    expect(so.decisions.filter((d) => d.cause !== undefined).map((d) => d.request.tag)).toEqual([
      'reaction',
    ]);
    expect(so.cancels.length).toBeGreaterThan(0);

    const again = venueStrategy();
    let replay!: ReplayBroker;
    const kernel = venueKernel(again, new JournalFeed(journal.db, runId), (clock) => (replay = new ReplayBroker(so, clock)));
    const s = await kernel.run();
    expect(replay.finish()).toMatchObject({ decisions: so.decisions.length, eventsLeft: 0 });
    expect(again.log).toEqual(strategy.log);
    expect(again.updates.map(({ now: _now, ...u }) => u)).toEqual(strategy.updates.map(({ now: _now, ...u }) => u));
    expect(s.portfolio.fills).toEqual(journal.readRun(runId).fills);
  });

  it('reports the first decision that differs instead of inventing fills', async () => {
    const { runId } = await recordVenue();
    const so = journal.readSoFar(runId);
    const kernel = venueKernel(venueStrategy(3), new JournalFeed(journal.db, runId), (clock) => new ReplayBroker(so, clock));
    await expect(kernel.run()).rejects.toThrow(/replay diverged at decision #0 \(after candle 4\): recorded buy 3 lots market of uid-sber after candle 3, replay nothing/);
  });
});
