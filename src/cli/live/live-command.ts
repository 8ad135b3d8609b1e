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
import type { LiveEventSink } from '../../live/index.ts';
import { getStrategy } from '../../strategies/index.ts';
import { parseParams } from '../commands/backtest.ts';
import { emitResult } from '../emit-result.ts';
import { openCliStore, resolveDbPath } from '../options/db.ts';
import { checkOutDir } from '../options/out-dir.ts';
import { checkShortFlags } from '../options/short.ts';
import { validateArgs } from '../options/validate.ts';
import { countersLine } from './live-counters.ts';
import { fillWarmup } from './live-instruments.ts';
import { liveOptions, liveSchema, type LiveOptions } from './live-options.ts';
import { runLiveSession, type LiveMode, type LiveSessionInput } from './live-session.ts';
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
  make: (instruments: readonly Instrument[], onEvent: LiveEventSink) => VenueBroker;
  close(): Promise<void>;
}

/** What a mode adds to the shared command. */
export interface LiveModeSpec {
  mode: LiveMode;
  command: string;
  describe: string;
  /** The mode's own yargs options. */
  options?: Record<string, unknown>;
  examples: [string, string][];
  /** Checks that must pass before any connection is opened (the live preflight). */
  preflight?(args: LiveArgs, o: LiveOptions): void;
  /** Whether the in-process emulator is a sandbox host. */
  sandboxHost?: boolean;
  /** The broker at the venue (sandbox, live); absent for paper. */
  venueBroker?(link: VenueLink, args: LiveArgs, o: LiveOptions): Promise<ModeVenue>;
}

function replayOf(o: LiveOptions, emulator: boolean): { from: number; speed: number } | undefined {
  const from = o['replay-from'];
  if (from === undefined) {
    if (o.speed !== undefined)
      throw new UsageError(
        '--speed needs --replay-from',
        'add --replay-from ISO_TIME, or drop --speed',
      );
    return undefined;
  }
  if (!emulator)
    throw new UsageError(
      '--replay-from needs --emulator',
      'add --emulator, or run `tlab serve --replay-from` and point --endpoint at it',
    );
  return { from, speed: o.speed ?? 1 };
}

function guardsOf(o: LiveOptions, args: LiveArgs): LiveSessionInput['guards'] {
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
      let y = yargs.options({ ...liveOptions(), ...(spec.options ?? {}) });
      for (const [cmd, what] of spec.examples) y = y.example(cmd, what);
      return y as unknown as Argv<LiveArgs>;
    },
    handler: async (args) => {
      const entry = getStrategy(args.strategy);
      const params = parseParams(args.param);
      checkShortFlags(entry, entry.parse(params), args.short ?? false);
      const o = validateArgs(liveSchema, args);
      spec.preflight?.(args, o);
      const replay = replayOf(o, args.emulator);
      const out = args.out === undefined ? undefined : checkOutDir(args.out);
      const dbPath = resolveDbPath(args.db);
      const store = openCliStore(args.db, { mustExist: false });
      const journal = openJournal(args.journal ?? journalPathFor(dbPath));
      let link: VenueLink | undefined;
      let venue: ModeVenue | undefined;
      try {
        link = await openVenueLink({
          ...(args as object),
          emulator: args.emulator,
          ...(replay === undefined ? {} : { replay }),
          sandboxHost: spec.sandboxHost ?? false,
        });
        venue = await spec.venueBroker?.(link, args, o);
        const session = await runLiveSession(
          {
            mode: spec.mode,
            strategy: entry.name,
            params,
            instruments: o.instrument,
            intervals: o.interval,
            warmupMs: o.warmup,
            ...(o.until === undefined ? {} : { until: o.until }),
            ...(o.for === undefined ? {} : { forMs: o.for }),
            ...(o.cash === undefined ? {} : { cash: o.cash }),
            models: {},
            allowShort: args.short ?? false,
            guards: guardsOf(o, args),
            ...(venue === undefined ? {} : { venueBroker: venue.make, accountId: venue.accountId }),
          },
          { link, store, journal, note: (line) => process.stderr.write(`tlab: ${line}\n`) },
        );
        // The report's chart reads the cache: fill it over the whole window when the venue has it.
        const venueNow = await link.venueNow(session.instruments.map((i) => i.uid));
        await fillWarmup(link.client, store, session.instruments, o.interval, {
          from: session.window.warmFrom,
          to: Math.min(session.result.universe.to, venueNow),
          now: venueNow,
        }).catch(() => undefined);
        const html = emitResult(store, session.result, session.instruments, {
          json: args.json,
          out,
          chartInterval: o.interval[0],
        });
        if (html && !args.json) process.stdout.write(`report: ${html}\n`);
        process.stderr.write(
          `tlab: run ${session.runId} ${session.outcome}; ${countersLine(session.counters)}\n`,
        );
      } finally {
        await venue?.close();
        await link?.close();
        journal.close();
        store.close();
      }
    },
  };
}
