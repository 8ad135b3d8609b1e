/**
 * @module The journal side of `tlab backtest`, loaded only when `--save` or `--replay` asks for it
 * (a plain backtest never opens the journal). `--save` records the run (mode `backtest`: its
 * decisions, events, fills and metrics, not its candles, which the cache has) in one transaction;
 * `--replay RUN` runs a recorded run again through the same kernel and checks every decision.
 */
import { existsSync, rmSync } from 'node:fs';
import type { CandleStore } from '../data/store.ts';
import { journalingBroker, openJournal, replayRun } from '../data/journal/index.ts';
import { sha256 } from '../engine/backtest/fingerprint.ts';
import { DEFAULT_CASH, type BacktestResult } from '../engine/index.ts';
import type { Instrument } from '../core/instrument.ts';
import { getStrategy } from '../strategies/index.ts';
import { runCliBacktest, type CliBacktest } from './backtest-run.ts';
import { recordedCacheFeed } from '../data/session-feed.ts';
import { openCliStore } from './options/db.ts';

/** A backtest recorded as a run. */
export interface SavedBacktest {
  result: BacktestResult;
  instruments: Instrument[];
  runId: string;
}

/** Runs the backtest and records it in the journal at `file` (created when new). */
export async function saveBacktest(
  store: CandleStore,
  job: CliBacktest,
  file: string,
): Promise<SavedBacktest> {
  const entry = getStrategy(job.strategy);
  const fresh = !existsSync(file);
  const journal = openJournal(file);
  let saved = false;
  try {
    let runId = '';
    // One transaction: a saved run is all there or (killed, failed) not there at all.
    const { result, instruments } = await journal.batch(async () => {
      const out = await runCliBacktest(store, {
        ...job,
        wrapBroker: (broker, clock, setup) => {
          runId = journal.startRun({
            mode: 'backtest',
            strategy: entry.name,
            strategySourceHash: sha256(entry.source()),
            params: entry.parse(job.params),
            models: {
              fillModel: job.fillModel ?? 'next-bar',
              ...(job.fees === undefined ? {} : { fees: job.fees }),
              ...(job.slippage === undefined ? {} : { slippage: job.slippage }),
              allowShort: job.allowShort ?? false,
              ...(job.sessions === undefined ? {} : { sessions: job.sessions }),
            },
            instruments: setup.instruments,
            intervals: job.intervals,
            from: setup.range.from,
            to: setup.range.to,
            startingCash: job.cash ?? DEFAULT_CASH,
            startedAt: Date.now(),
          });
          return journalingBroker(broker, clock, journal, runId);
        },
      });
      journal.endRun(runId, {
        outcome: 'completed',
        endedAt: Date.now(),
        metrics: out.result.metrics,
        counters: { rejectedOrders: out.result.rejectedOrders ?? 0 },
      });
      return out;
    });
    saved = true;
    return { result, instruments, runId };
  } finally {
    journal.close();
    // A first --save that failed (missing data, a bad option) leaves no empty journal behind.
    if (fresh && !saved)
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  }
}

/** What `--replay` needs from the command line. */
export interface ReplayArgs {
  replay: string;
  journal: string;
  db?: string;
  json: boolean;
}

/** Replays a recorded run and prints whether it reproduced every decision. */
export async function replayBacktest(a: ReplayArgs): Promise<void> {
  const journal = openJournal(a.journal, { mustExist: true });
  let store: CandleStore | undefined;
  try {
    const runId = journal.findRun(a.replay);
    const out = await replayRun(journal, runId, {
      cacheFeed: (meta) => {
        store = openCliStore(a.db, { mustExist: true });
        return recordedCacheFeed(store, meta);
      },
    });
    const summary = {
      runId,
      mode: out.run.meta.mode,
      strategy: out.run.meta.strategy,
      broker: out.broker,
      identical: true,
      decisions: out.decisions,
      cancels: out.cancels,
      events: out.events,
      eventsNotReached: out.eventsLeft,
      sourceChanged: out.sourceChanged,
      from: out.range.from,
      to: out.range.to,
      metrics: out.result.metrics,
    };
    if (a.json) {
      process.stdout.write(`${JSON.stringify(summary)}\n`);
      return;
    }
    const via =
      out.broker === 'simulated' ? 'the simulated broker' : 'the recorded acks and events';
    process.stdout.write(
      `replayed ${runId} (${summary.mode}, ${summary.strategy}) through the same kernel with ${via}: ` +
        `${out.decisions} decisions, ${out.cancels} cancels and ${out.events} order events identical\n`,
    );
    if (out.eventsLeft > 0)
      process.stdout.write(
        `note: ${out.eventsLeft} recorded events came after the last candle and were not replayed\n`,
      );
    if (out.sourceChanged)
      process.stderr.write(
        `tlab: note: the strategy's source changed since ${runId} was recorded\n`,
      );
  } finally {
    store?.close();
    journal.close();
  }
}
