/**
 * @module Helpers for live-session tests: an in-process emulator replaying a trading morning, a
 * cache and a journal in a temp folder, and the backtest of a finished session's window over the
 * same candles (downloaded from the venue once it has moved past the window's end).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runRegisteredBacktest } from '../../../src/app/registered-backtest.ts';
import { fillWarmup } from '../../../src/cli/live/live-instruments.ts';
import type { LiveSessionResult } from '../../../src/cli/live/live-session.ts';
import { openVenueLink, type VenueLink } from '../../../src/cli/live/venue-link.ts';
import { openJournal } from '../../../src/data/journal/open-journal.ts';
import type { SqliteRunJournal } from '../../../src/data/journal/sqlite-journal.ts';
import { SqliteFeed } from '../../../src/data/sqlite-feed.ts';
import { openStore, type CandleStore } from '../../../src/data/index.ts';
import type { BacktestResult, FillModelName } from '../../../src/engine/index.ts';
import type { RawParam } from '../../../src/strategies/index.ts';
import { GuardedBroker, type TinvestClient } from '../../../src/live/index.ts';
import type { Instrument } from '../../../src/core/instrument.ts';
import type { Broker } from '../../../src/engine/ports/broker.ts';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
/** Wednesday 2024-10-02 08:00 UTC (11:00 in Moscow), a trading morning of the synthetic market. */
export const START = Date.UTC(2024, 9, 2, 8);

/** What a session test runs against. */
export interface SessionRig {
  link: VenueLink;
  store: CandleStore;
  journal: SqliteRunJournal;
  dir: string;
  close(): Promise<void>;
}

/** Feed timings for sessions whose streams are made to fail: pings every 40 ms, dead after 160. */
export const FAST_FEED = { pingDelayMs: 40, deadAfterMs: 160 };

/**
 * Starts the emulator (sandbox host when asked) replaying from START at `speed`. With `fastPings`
 * it allows the pings of FAST_FEED, so a stalled stream is noticed within a fraction of a second.
 */
export async function sessionRig(
  speed: number,
  sandboxHost = false,
  fastPings = false,
): Promise<SessionRig> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tlab-session-'));
  const link = await openVenueLink({
    emulator: true,
    replay: { from: START, speed },
    sandboxHost,
    ...(fastPings
      ? {
          emulatorTuning: {
            emulator: { streams: { minPingDelayMs: 10 } },
            client: { retry: { initialDelayMs: 20, maxDelayMs: 200 } },
          },
        }
      : {}),
  });
  const store = openStore(path.join(dir, 'cache.sqlite'));
  const journal = openJournal(path.join(dir, 'runs.sqlite'));
  return {
    link,
    store,
    journal,
    dir,
    async close() {
      journal.close();
      store.close();
      await link.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The backtest of a session's window (warm-up guarded the same way) over candles from the venue. */
export async function backtestOfWindow(
  rig: SessionRig,
  live: LiveSessionResult,
  job: { strategy: string; params: Record<string, RawParam>; fillModel: FillModelName },
): Promise<BacktestResult> {
  const { window, instruments } = live;
  const emu = rig.link.emulator!;
  while (emu.clock.now() < window.to + 5 * MINUTE) await new Promise((r) => setTimeout(r, 20));
  const venue = { client: rig.link.client, store: rig.store, now: emu.clock.now() };
  return referenceBacktest(venue, { ...job, instruments, ...window });
}

/** What {@link referenceBacktest} runs: a strategy over a live window, as the session ran it. */
export interface ReferenceJob {
  strategy: string;
  params: Record<string, RawParam>;
  instruments: readonly Instrument[];
  /** Warm-up start, first decision time (orders before it are refused), end. */
  warmFrom: number;
  tradeFrom: number;
  to: number;
  /** Default: the engine's default fill model; `sandbox` also takes the sandbox's 0.05% fee. */
  fillModel?: FillModelName;
  cash?: number;
  /** Wraps the warm-up guard, e.g. to record the orders it lets through. */
  wrapGuarded?: (guarded: GuardedBroker) => Broker;
}

/**
 * A live window's reference backtest: the window's candles fetched from the venue into `store`,
 * then the strategy run over them with its warm-up guarded as the session guards it.
 */
export async function referenceBacktest(
  venue: { client: TinvestClient; store: CandleStore; now: number },
  job: ReferenceJob,
): Promise<BacktestResult> {
  const { instruments, warmFrom, tradeFrom, to } = job;
  await fillWarmup(venue.client, venue.store, instruments, ['1m'], {
    from: warmFrom,
    to,
    now: venue.now,
  });
  return runRegisteredBacktest({
    strategy: job.strategy,
    params: job.params,
    instruments,
    intervals: ['1m'],
    range: { from: warmFrom, to },
    feed: new SqliteFeed(venue.store),
    ...(job.cash === undefined ? {} : { cash: job.cash }),
    ...(job.fillModel === undefined ? {} : { fillModel: job.fillModel }),
    ...(job.fillModel === 'sandbox' ? { fees: { kind: 'percent', rate: 0.0005 } } : {}),
    wrapBroker: (inner, clock) => {
      const guarded = new GuardedBroker(inner, { tradeFrom: tradeFrom + 1, clock, instruments });
      return job.wrapGuarded ? job.wrapGuarded(guarded) : guarded;
    },
  });
}

/** The id of the first run in `journalFile` once it has made `n` accepted decisions (polled). */
export async function waitForDecisions(journalFile: string, n: number): Promise<string> {
  for (let k = 0; k < 600; k++) {
    await new Promise((r) => setTimeout(r, 100));
    try {
      const j = openJournal(journalFile, { mustExist: true });
      try {
        const [run] = j.listRuns();
        if (run !== undefined) {
          const so = j.readSoFar(run.runId);
          if (so.decisions.filter((d) => d.ack.accepted).length >= n) return run.runId;
        }
      } finally {
        j.close();
      }
    } catch {
      // not created yet
    }
  }
  throw new Error(`no ${n} decisions in time`);
}
