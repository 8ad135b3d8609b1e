/**
 * @module One yargs command per live mode, built from the same parts: the shared options, their
 * checks, the venue link, the cache and the journal opened and always closed, the session, and the
 * same summary and `--out` files as `tlab backtest` plus the journal's run id. A mode adds only what
 * differs: its broker at the venue and the checks before anything is sent.
 */
import type { Argv, CommandModule } from 'yargs';
import { UsageError } from '../../core/errors.ts';
import type { Instrument } from '../../core/instrument.ts';
import { journalPathFor } from '../../data/journal/open-journal.ts';
import { openJournal } from '../../data/journal/open-journal.ts';
import type { VenueBroker } from '../../engine/index.ts';
import {
  startLiveObservability,
  type ExpectedState,
  type GuardLimits,
  type LiveEventSink,
} from '../../live/index.ts';
import type { InstrumentRef } from '../../core/instrument-ref.ts';
import type { Interval } from '../../core/interval.ts';
import type { RawParam } from '../../strategies/index.ts';
import { getStrategy } from '../../strategies/index.ts';
import { parseParams } from '../commands/backtest.ts';
import { emitResult } from '../emit-result.ts';
import { openCliStore, resolveDbPath } from '../options/db.ts';
import { checkOutDir } from '../options/out-dir.ts';
import { checkShortFlags } from '../options/short.ts';
import { replayOf } from '../options/replay.ts';
import { validateArgs } from '../options/validate.ts';
import { fillWarmup } from './live-instruments.ts';
import {
  liveOptions,
  liveRunSchema,
  liveSchema,
  type LiveOptions,
  type LiveRunOptions,
} from './live-options.ts';
import { runLiveSession, type LiveMode } from './live-session.ts';
import { jobOfRun, resumable } from './resume-job.ts';
import { openVenueLink, type VenueLink } from './venue-link.ts';

/** The parsed arguments every live command receives (the mode's own options included). */
export type LiveArgs = Record<string, unknown> & {
  strategy: string;
  param: string[];
  emulator: boolean;
  'flatten-on-loss': boolean;
  out?: string;
  json: boolean;
  db?: string;
  journal?: string;
  short?: boolean;
  verbose?: boolean;
};

/** The broker at the venue a mode trades through, and how to close it after the run. */
export interface ModeVenue {
  accountId: string;
  /** The broker for the run's instruments; `expected` is what a resumed run's journal holds. */
  make: (
    instruments: readonly Instrument[],
    onEvent: LiveEventSink,
    expected?: ExpectedState,
  ) => VenueBroker;
  close(): Promise<void>;
}

/** What a run trades: from the command line (paper, sandbox) or from the live config (live). */
export interface LiveJob {
  strategy: string;
  params: Record<string, RawParam>;
  instruments: InstrumentRef[];
  intervals: Interval[];
  guards: GuardLimits;
  /** The account the live config names (tlab live). */
  accountId?: string;
  /** A resumed run's starting cash and short rule, as recorded (otherwise from the flags). */
  cash?: number;
  allowShort?: boolean;
}

/** What a mode adds to the shared command. */
export interface LiveModeSpec {
  mode: LiveMode;
  command: string;
  describe: string;
  /** The mode's own yargs options. */
  options?: Record<string, unknown>;
  examples: [string, string][];
  /**
   * The run's job instead of `--strategy`, `--instrument`, `--interval` and the guard flags (the
   * live config); it also makes the checks that must pass before any connection is opened.
   */
  job?(args: LiveArgs): LiveJob;
  /** Whether the in-process emulator is a sandbox host. */
  sandboxHost?: boolean;
  /** The broker at the venue (sandbox, live); absent for paper. */
  venueBroker?(link: VenueLink, args: LiveArgs, o: LiveOptions, job: LiveJob): Promise<ModeVenue>;
}

/** The in-process emulator's replay clock; a replay needs the emulator it would drive. */
function emulatorReplay(args: LiveArgs, o: LiveRunOptions) {
  const from = typeof args['replay-from'] === 'string' ? args['replay-from'] : undefined;
  if (from !== undefined && !args.emulator) {
    throw new UsageError(
      '--replay-from needs --emulator',
      'add --emulator, or run `tlab serve --replay-from` and point --endpoint at it',
    );
  }
  return replayOf({ 'replay-from': from, speed: o.speed });
}

/** The tokens in the environment, so the logger can keep them out of every line. */
function envTokens(): string[] {
  const env = process.env;
  return [env.TINKOFF_TOKEN_STRING, env.SANDBOX_TOKEN_STRING].filter(
    (t): t is string => t !== undefined && t.trim() !== '',
  );
}

/** The job of a paper or sandbox run: strategy, instruments, interval and guards from the flags. */
function jobFromArgs(args: LiveArgs, o: LiveOptions): LiveJob {
  if (!args.strategy || !o.instrument?.length) {
    throw new UsageError(
      'missing --strategy or --instrument',
      'name what to run, e.g. --strategy sma-cross --instrument SBER, or --resume RUN',
    );
  }
  const entry = getStrategy(args.strategy);
  const params = parseParams(args.param);
  checkShortFlags(entry, entry.parse(params), args.short ?? false);
  return {
    strategy: entry.name,
    params,
    instruments: o.instrument,
    intervals: o.interval,
    guards: guardsOf(o, args),
  };
}

function guardsOf(o: LiveOptions, args: LiveArgs): GuardLimits {
  return {
    ...(o['max-order-value'] === undefined ? {} : { maxOrderValue: o['max-order-value'] }),
    ...(o['max-position'] === undefined ? {} : { maxPositionLots: o['max-position'] }),
    ...(o['max-daily-loss'] === undefined ? {} : { maxDailyLoss: o['max-daily-loss'] }),
    flattenOnDailyLoss: args['flatten-on-loss'],
  };
}

/** Builds the command of one live mode. */
export function liveCommand(spec: LiveModeSpec): CommandModule<object, LiveArgs> {
  return {
    command: spec.command,
    describe: spec.describe,
    builder: (yargs: Argv) => {
      let y = yargs.options({ ...liveOptions(spec.job === undefined), ...(spec.options ?? {}) });
      for (const [cmd, what] of spec.examples) y = y.example(cmd, what);
      return y as unknown as Argv<LiveArgs>;
    },
    handler: async (args) => {
      const resuming = typeof args.resume === 'string';
      const o = validateArgs(
        spec.job === undefined && !resuming ? liveSchema : liveRunSchema,
        args,
      );
      const replay = emulatorReplay(args, o);
      const out = args.out === undefined ? undefined : checkOutDir(args.out);
      const dbPath = resolveDbPath(args.db);
      const store = openCliStore(args.db, { mustExist: false });
      const journal = openJournal(args.journal ?? journalPathFor(dbPath), {
        mustExist: resuming,
      });
      const soFar = resuming ? resumable(journal, String(args.resume), spec.mode) : undefined;
      // A live run's preflight refuses before anything connects, resumed or not.
      const configured = spec.job?.(args);
      const job =
        soFar !== undefined
          ? jobOfRun(journal, soFar, configured)
          : (configured ?? jobFromArgs(args, o as LiveOptions));
      const { cash: recordedCash, allowShort: recordedShort, accountId: _account, ...what } = job;
      const cash = recordedCash ?? o.cash;
      const obs = await startLiveObservability({
        log: args['log-file']
          ? { logFile: String(args['log-file']), secrets: envTokens(), base: { mode: spec.mode } }
          : { level: 'error', secrets: envTokens() },
        ...(o['metrics-port'] === undefined ? {} : { metrics: { port: o['metrics-port'] } }),
      });
      let finished = false;
      let link: VenueLink | undefined;
      let venue: ModeVenue | undefined;
      try {
        link = await openVenueLink({
          ...(args as object),
          emulator: args.emulator,
          ...(replay === undefined ? {} : { replay }),
          sandboxHost: spec.sandboxHost ?? false,
          logger: obs.clientLogger,
        });
        venue = await spec.venueBroker?.(link, args, o as LiveOptions, job);
        const session = await runLiveSession(
          {
            mode: spec.mode,
            ...what,
            ...(soFar === undefined ? {} : { resume: soFar }),
            warmupMs: o.warmup,
            ...(o.until === undefined ? {} : { until: o.until }),
            ...(o.for === undefined ? {} : { forMs: o.for }),
            ...(cash === undefined ? {} : { cash }),
            models: {},
            allowShort: recordedShort ?? args.short ?? false,
            ...(venue === undefined ? {} : { venueBroker: venue.make, accountId: venue.accountId }),
          },
          {
            link,
            store,
            journal,
            obs,
            note: (line) => process.stderr.write(`tlab: ${line}\n`),
            secrets: envTokens(),
          },
        );
        // The report's chart reads the cache: fill it over the whole window when the venue has it.
        const venueNow = await link.venueNow(session.instruments.map((i) => i.uid));
        await fillWarmup(link.client, store, session.instruments, job.intervals, {
          from: session.window.warmFrom,
          to: Math.min(session.result.universe.to, venueNow),
          now: venueNow,
          // The stream has already delivered these candles as closed: no need to let them settle.
          settleMs: 0,
        }).catch(() => undefined);
        const html = emitResult(store, session.result, session.instruments, {
          json: args.json,
          out,
          chartInterval: job.intervals[0],
        });
        if (html && !args.json) process.stdout.write(`report: ${html}\n`);
        finished = true;
        const { table } = await obs.finish();
        process.stderr.write(`tlab: run ${session.runId} ${session.outcome}\n${table}\n`);
      } finally {
        if (!finished) await obs.finish();
        await venue?.close();
        await link?.close();
        journal.close();
        store.close();
      }
    },
  };
}
