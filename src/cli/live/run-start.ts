/**
 * @module How a live run begins: a new one resolves its instruments, fills the cached warm-up,
 * takes its window from the venue's time and is recorded in the journal; a resumed one takes all of
 * that from its journal record (instruments, window, run id), so it continues the same run.
 */
import type { Instrument } from '../../core/instrument.ts';
import { JournalFeed } from '../../data/journal/journal-feed.ts';
import { recordRunGuards } from '../../data/journal/run-guards.ts';
import type { SqliteRunJournal } from '../../data/journal/sqlite-journal.ts';
import type { VenueBroker } from '../../engine/index.ts';
import type { RunSoFar } from '../../engine/ports/order-journal.ts';
import { sha256 } from '../../engine/backtest/fingerprint.ts';
import { getStrategy } from '../../strategies/index.ts';
import { decisionWindow, type DecisionWindow } from './decision-window.ts';
import { fillWarmup, resolveInstruments } from './live-instruments.ts';
import type { LiveSessionInput, LiveSessionPorts } from './live-session.ts';

/** What the rest of the session runs on. */
export interface RunStart {
  runId: string;
  instruments: Instrument[];
  window: DecisionWindow;
  venue?: VenueBroker;
}

/** Begins a new run: instruments, warm-up in the cache, window, journal entry. */
export async function startNewRun(
  input: LiveSessionInput,
  ports: LiveSessionPorts,
  venueOf: (instruments: readonly Instrument[]) => VenueBroker | undefined,
): Promise<RunStart> {
  const { link, store, journal } = ports;
  const entry = getStrategy(input.strategy);
  const instruments = await resolveInstruments(link.client, store, input.instruments);
  const uids = instruments.map((i) => i.uid);
  const first = decisionWindow({ ...input, venueNow: await link.venueNow(uids) });
  await fillWarmup(link.client, store, instruments, input.intervals, {
    from: first.warmFrom,
    to: first.tradeFrom,
    now: first.tradeFrom,
  });
  // The venue may have moved on while the warm-up downloaded: start from its time now.
  const window = decisionWindow({ ...input, venueNow: await link.venueNow(uids) });
  const venue = venueOf(instruments);
  const runId = journal.startRun({
    mode: input.mode,
    strategy: entry.name,
    strategySourceHash: sha256(entry.source()),
    params: entry.parse(input.params),
    // A paper run's replay rebuilds the simulated broker from these.
    models:
      venue === undefined
        ? { ...input.models, allowShort: input.allowShort }
        : { venue: venue.label },
    instruments,
    intervals: input.intervals,
    from: window.tradeFrom,
    to: window.to,
    startingCash: input.cash ?? 1_000_000,
    ...(input.accountId === undefined ? {} : { accountId: input.accountId }),
    startedAt: Date.now(),
  });
  // A resumed run trades under the same limits.
  recordRunGuards(journal, runId, { ...input.guards });
  return { runId, instruments, window, ...(venue === undefined ? {} : { venue }) };
}

/**
 * Continues a recorded run: its instruments and window, its warm-up from its first candle, and
 * (sandbox, live) the broker at the venue `venueOf` builds for it.
 */
export function resumeRecordedRun(
  journal: SqliteRunJournal,
  soFar: RunSoFar,
  venueOf: (instruments: readonly Instrument[]) => VenueBroker | undefined = () => undefined,
): RunStart {
  const { meta, runId } = soFar;
  const recorded = new JournalFeed(journal.db, runId);
  let warmFrom = meta.from;
  for (const instrument of meta.instruments) {
    for (const interval of meta.intervals) {
      const key = { instrumentUid: instrument.uid, interval } as Parameters<JournalFeed['read']>[0];
      for (const b of recorded.read(key, { from: 0, to: meta.to })) {
        if (b.length > 0) warmFrom = Math.min(warmFrom, b.time[0]);
        break;
      }
    }
  }
  journal.resumeRun(runId);
  const instruments = [...meta.instruments];
  const venue = venueOf(instruments);
  return {
    runId,
    instruments,
    window: { warmFrom, tradeFrom: meta.from, to: meta.to },
    ...(venue === undefined ? {} : { venue }),
  };
}
