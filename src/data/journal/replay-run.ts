/**
 * @module `replayRun`: runs a recorded run again through the same kernel and checks that it makes
 * the same decisions. A backtest replays over the candle cache and a paper run over its recorded
 * candles, both with the simulated broker and the recorded models, where every decision, ack and
 * event must come out equal; a sandbox or live run replays over its recorded candles with the
 * ReplayBroker, which answers with the recorded acks and events. The first difference stops the
 * replay with a ReplayDivergenceError.
 */
import type { Interval } from '../../core/interval.ts';
import type { TimeRange } from '../../core/time.ts';
import { sha256 } from '../../engine/backtest/fingerprint.ts';
import type { Broker } from '../../engine/ports/broker.ts';
import type { MarketDataFeed } from '../../engine/ports/market-data-feed.ts';
import type { RunSoFar } from '../../engine/ports/order-journal.ts';
import type { BacktestResult, FeeSpec, FillModelName, SlippageSpec } from '../../engine/index.ts';
import { runRegisteredBacktest } from '../../app/registered-backtest.ts';
import { getStrategy, type RawParam } from '../../strategies/index.ts';
import { checkingBroker, type CheckedBroker } from './checking-broker.ts';
import { JournalFeed } from './journal-feed.ts';
import { ReplayBroker } from './replay-broker.ts';
import type { SqliteRunJournal } from './sqlite-journal.ts';

/** What a replay found. */
export interface ReplayOutcome {
  run: RunSoFar;
  /** The replay's own result (metrics, fills) through the same kernel. */
  result: BacktestResult;
  /** `simulated`: the recorded models again; `recorded`: the recorded acks and events. */
  broker: 'simulated' | 'recorded';
  decisions: number;
  cancels: number;
  events: number;
  /** Recorded events a recorded-broker replay never reached (after the last candle). */
  eventsLeft: number;
  /** True when the strategy's source differs from the one the run recorded. */
  sourceChanged: boolean;
  range: TimeRange;
}

/** Where a replay gets candles: a backtest's from the cache (`cacheFeed`), others from the run. */
export interface ReplaySources {
  /** The cache as the recorded backtest read it (given the run's meta, e.g. its `--sessions`). */
  cacheFeed?: (meta: RunSoFar['meta']) => MarketDataFeed;
  /** Keep the replay's equity curve in its result (default false: the check needs none). */
  recordEquity?: boolean;
}

/** The simulated models a run recorded (see the `models` of RunStartMeta). */
interface RecordedModels {
  fillModel?: FillModelName;
  fees?: FeeSpec;
  slippage?: SlippageSpec;
  allowShort?: boolean;
}

function replayRange(run: RunSoFar, feed: MarketDataFeed): TimeRange {
  const { from, to } = run.meta;
  if (!(feed instanceof JournalFeed)) return { from, to };
  // A live run also received its warm-up (before `from`), and a run that was stopped or killed
  // less than it planned: replay exactly what it received.
  let start = from;
  let end = to;
  for (const inst of run.meta.instruments) {
    for (const interval of run.meta.intervals) {
      const c = feed.covered({ instrumentUid: inst.uid, interval: interval as Interval });
      start = Math.min(start, c?.from ?? from);
      end = Math.min(end, c?.to ?? from);
    }
  }
  return { from: start, to: Math.max(end, start + 1) };
}

/** Replays `runId` from `journal`; see the module comment. */
export async function replayRun(
  journal: SqliteRunJournal,
  runId: string,
  sources: ReplaySources = {},
): Promise<ReplayOutcome> {
  const run = journal.readSoFar(runId);
  const { meta } = run;
  const entry = getStrategy(meta.strategy);
  const sourceChanged = sha256(entry.source()) !== meta.strategySourceHash;
  const feed =
    meta.mode === 'backtest' && sources.cacheFeed
      ? sources.cacheFeed(meta)
      : new JournalFeed(journal.db, runId);
  const simulated = meta.mode === 'backtest' || meta.mode === 'paper';
  let checked: CheckedBroker | undefined;
  let replay: ReplayBroker | undefined;
  const wrapBroker = (sim: Broker, clock: Parameters<typeof checkingBroker>[1]): Broker => {
    if (simulated) {
      checked = checkingBroker(sim, clock, run, { compareTime: meta.mode === 'backtest' });
      return checked.broker;
    }
    replay = new ReplayBroker(run, clock);
    return replay;
  };
  const models = meta.models as RecordedModels;
  const range = replayRange(run, feed);
  const result = await runRegisteredBacktest({
    strategy: meta.strategy,
    params: meta.params as Record<string, RawParam>,
    instruments: meta.instruments,
    intervals: meta.intervals as Interval[],
    range,
    feed,
    cash: meta.startingCash,
    ...(models.fillModel === undefined ? {} : { fillModel: models.fillModel }),
    ...(models.fees === undefined ? {} : { fees: models.fees }),
    ...(models.slippage === undefined ? {} : { slippage: models.slippage }),
    allowShort: models.allowShort ?? false,
    recordEquity: sources.recordEquity ?? false,
    wrapBroker,
  });
  const counts = checked ? { ...checked.finish(), eventsLeft: 0 } : undefined;
  const progress = replay?.finish();
  return {
    run,
    result,
    broker: simulated ? 'simulated' : 'recorded',
    decisions: counts?.decisions ?? progress?.decisions ?? 0,
    cancels: counts?.cancels ?? progress?.cancels ?? 0,
    events: counts?.events ?? progress?.eventsDelivered ?? 0,
    eventsLeft: counts?.eventsLeft ?? progress?.eventsLeft ?? 0,
    sourceChanged,
    range,
  };
}
