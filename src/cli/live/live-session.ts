/**
 * @module One live run, composed (the paper, sandbox and live rows of the environment table): the
 * venue link, the instruments and their warm-up in the cache, the journal, the GrpcStreamFeed, the
 * broker (simulated for paper, at the venue otherwise) behind the risk guards and the journal, and
 * the same kernel and result assembly a backtest uses, on a clock moved to each event's time. It
 * ends at the window's end, when the feed ends, or on the kill switch (a stop signal).
 */
import type { InstrumentRef } from '../../core/instrument-ref.ts';
import type { Interval } from '../../core/interval.ts';
import type { Instrument } from '../../core/instrument.ts';
import { SqliteFeed } from '../../data/sqlite-feed.ts';
import type { CandleStore } from '../../data/store.ts';
import { journalingBroker } from '../../data/journal/journaling.ts';
import { LiveEventRecorder } from '../../data/journal/live-events.ts';
import type { SqliteRunJournal } from '../../data/journal/sqlite-journal.ts';
import type { RunSoFar } from '../../engine/ports/order-journal.ts';
import type {
  AccountView,
  BacktestResult,
  Broker,
  Clock,
  VenueBroker,
} from '../../engine/index.ts';
import type {
  CounterSnapshot,
  ExpectedState,
  GuardLimits,
  LiveEventSink,
  LiveObservability,
} from '../../live/index.ts';
import { READINESS, startLiveObservability, type GrpcStreamFeedOptions } from '../../live/index.ts';
import { GrpcStreamFeed, GuardedBroker, KillSwitch, handleStopSignals } from '../../live/index.ts';
import { SessionClock } from '../../live/session-clock.ts';
import { makeRedactor } from '../../live/client/redact.ts';
import { runRegisteredBacktest, type ModelChoice } from '../../app/registered-backtest.ts';
import { getStrategy, type RawParam } from '../../strategies/index.ts';
import type { DecisionWindow } from './decision-window.ts';
import { flatCounters } from './live-counters.ts';
import { reportingBroker } from './reporting-broker.ts';
import { BROKER_RECONCILED } from './tinvest-venue.ts';
import { SettlingFeed } from './settling-feed.ts';
import { resumedJournal } from './resumed-journal.ts';
import { expectedStateOf, resumedVenue } from './resumed-venue.ts';
import { ReconcileGate } from './reconcile-gate.ts';
import { resumeRecordedRun, startNewRun } from './run-start.ts';
import { recordedThrough, runFeed } from './spliced-feed.ts';
import { GuardStatus } from './guard-status.ts';
import { readRunStatuses } from '../../data/journal/run-market.ts';
import { venueClock, type VenueLink } from './venue-link.ts';

/** Real ms a run waits at its end for the venue to report executions of its open market orders. */
const SETTLE_MS = 10_000;

/** Which rung of the ladder. */
export type LiveMode = 'paper' | 'sandbox' | 'live';

/** Everything one live run is made of. */
export interface LiveSessionInput {
  mode: LiveMode;
  strategy: string;
  params: Record<string, RawParam>;
  instruments: InstrumentRef[];
  intervals: Interval[];
  warmupMs: number;
  until?: number;
  forMs?: number;
  cash?: number;
  /** Paper runs: the simulated broker's models. */
  models: ModelChoice;
  allowShort: boolean;
  guards: GuardLimits;
  /**
   * Sandbox and live: the broker at the venue (absent for paper), reporting to `onEvent`; a resumed
   * run passes what its journal says is open and held, for the broker's reconciliation.
   */
  venueBroker?: (
    instruments: readonly Instrument[],
    onEvent: LiveEventSink,
    expected?: ExpectedState,
  ) => VenueBroker;
  accountId?: string;
  /** Continue this recorded run (of the same mode) instead of starting a new one. */
  resume?: RunSoFar;
  /** Feed settings (tests shorten the ping period). */
  feed?: Pick<
    GrpcStreamFeedOptions,
    | 'pingDelayMs'
    | 'deadAfterMs'
    | 'closeGraceMs'
    | 'reconnectInitialDelayMs'
    | 'reconnectMaxDelayMs'
  >;
}

/** What a finished live run gives back. */
export interface LiveSessionResult {
  runId: string;
  result: BacktestResult;
  instruments: Instrument[];
  window: DecisionWindow;
  /** Events by kind (reconnects, orders sent, guard trips...). */
  counters: CounterSnapshot;
  /** Why it ended: `completed` (window or feed ended) or `stopped` (a signal or the kill switch). */
  outcome: 'completed' | 'stopped';
}

/** The ports a session runs against; the caller owns and closes them. */
export interface LiveSessionPorts {
  link: VenueLink;
  store: CandleStore;
  journal: SqliteRunJournal;
  /** Logs, counters, readiness and the metrics server of the run (default: silent, no server). */
  obs?: LiveObservability;
  /** Called with a line of progress for stderr. */
  note?: (line: string) => void;
  /** Tokens in use: kept out of the live events the journal records. */
  secrets?: readonly string[];
}

/** Runs one live session to its end. */
export async function runLiveSession(
  input: LiveSessionInput,
  ports: LiveSessionPorts,
): Promise<LiveSessionResult> {
  const { link, store, journal } = ports;
  const entry = getStrategy(input.strategy);
  const obs = ports.obs ?? (await startLiveObservability({ log: { level: 'silent' } }));
  // Every event is also journaled; those before the run has an id are held until it has.
  const recorder = new LiveEventRecorder(journal, {
    redact: makeRedactor(ports.secrets ?? []),
    onError: (err) => obs.logger.error({ err }, 'a live event could not be journaled'),
  });
  const gate = new ReconcileGate();
  // The broker's reconciliation at start makes it ready (paper's simulated broker always is).
  const sink: LiveEventSink = (e) => {
    if (e.kind === BROKER_RECONCILED) brokerReady(true);
    gate.sink(e);
    obs.sink(e);
    recorder.sink(e);
  };
  obs.addClient(() => link.client.stats());
  const streamReady = obs.readiness.register(READINESS.stream);
  const brokerReady = obs.readiness.register(READINESS.broker, input.venueBroker === undefined);
  const guardsReady = obs.readiness.register(READINESS.guards);
  const soFar = input.resume;
  const started =
    soFar === undefined
      ? await startNewRun(input, ports, (instruments) => input.venueBroker?.(instruments, sink))
      : resumeRecordedRun(journal, soFar, (instruments) => {
          const venue = input.venueBroker?.(instruments, sink, expectedStateOf(soFar));
          return venue && resumedVenue(venue, soFar);
        });
  const { runId, instruments, window, venue } = started;
  recorder.attach(runId);
  ports.note?.(
    `run ${runId}: ${input.mode} ${entry.name} from ${new Date(window.tradeFrom).toISOString()}`,
  );
  const stream = new GrpcStreamFeed({
    client: link.client,
    history: new SqliteFeed(store),
    onEvent: sink,
    ...input.feed,
  });
  let clockNow = () => window.tradeFrom;
  const kill = new KillSwitch({ now: () => clockNow() }, sink);
  let stopped = false;
  const disposeSignals = handleStopSignals(kill, {
    graceful: (signal) => {
      stopped = true;
      ports.note?.(`${signal}: stopping (no new orders, open ones cancelled); again to exit now`);
      stream.stop();
    },
  });
  let broker: Broker | undefined;
  // Replayed decisions are those up to the close of the last candle the journal holds.
  const replayedUntil = soFar === undefined ? -Infinity : recordedThrough(soFar.lastCandle);
  const statuses = new GuardStatus(journal, runId, readRunStatuses(journal, runId), sink);
  const readyTimer = setInterval(() => streamReady(stream.ready()), 250).unref();
  obs.addGauge('tlab_venue_lag_ms', 'Wall time minus the venue time last seen on the stream', () =>
    Number.isFinite(stream.venueTime()) ? Date.now() - stream.venueTime() : 0,
  );
  const wrapBroker = (inner: Broker, clock: Clock, account: AccountView) => {
    clockNow = () => clock.now();
    // A venue's broker reports its own traffic; the simulated one is reported here.
    const reported = venue === undefined ? reportingBroker(inner, clock, sink) : inner;
    const guarded = new GuardedBroker(reported, {
      ...input.guards,
      // Orders only from the first live candle's close: the warm-up's last candle closes at tradeFrom.
      tradeFrom: window.tradeFrom + 1,
      clock,
      instruments,
      equity: () => account.equity(),
      // Replayed decisions were checked when first made, before the stream tells the status again.
      tradingStatus: (uid) =>
        clock.now() <= replayedUntil
          ? 'normal_trading'
          : statuses.of(uid, stream.tradingStatus(uid), clock.now()),
      killSwitch: kill,
      onEvent: sink,
    });
    // Paper runs may go without limits; a real-money run is refused earlier unless armed.
    guardsReady(input.mode === 'paper' || guarded.armed());
    const record = soFar === undefined ? journal : resumedJournal(journal, soFar);
    broker = journalingBroker(guarded, clock, record, runId);
    return broker;
  };
  try {
    const result = await runRegisteredBacktest({
      strategy: entry.name,
      params: input.params,
      instruments,
      intervals: input.intervals,
      range: { from: window.warmFrom, to: window.to },
      feed: new SettlingFeed(
        runFeed(stream, journal, runId, soFar, venue === undefined ? undefined : gate.opened),
        () => broker,
        SETTLE_MS,
      ),
      ...input.models,
      ...(input.cash === undefined ? {} : { cash: input.cash }),
      allowShort: input.allowShort,
      recordEquity: true,
      wrapBroker,
      // Timers fire when the venue's time reaches them, not at the next candle.
      clock: new SessionClock(window.warmFrom, { venueNow: venueClock(link, stream) }),
      ...(venue === undefined ? {} : { venueBroker: venue }),
    });
    const outcome = stopped ? 'stopped' : 'completed';
    // A run without a planned end ends where the venue's time stood when it stopped.
    if (!Number.isFinite(result.universe.to)) result.universe.to = stream.venueTime();
    const counters = obs.counters.snapshot();
    journal.endRun(runId, {
      outcome,
      endedAt: Date.now(),
      metrics: result.metrics,
      counters: flatCounters(counters),
    });
    return { runId, result, instruments, window, counters, outcome };
  } catch (err) {
    journal.recordError(runId, clockNow(), (err as Error).message);
    journal.endRun(runId, {
      outcome: 'failed',
      endedAt: Date.now(),
      counters: flatCounters(obs.counters.snapshot()),
    });
    throw err;
  } finally {
    disposeSignals();
    clearInterval(readyTimer);
    stream.stop();
  }
}
