/**
 * @module `tlab live --config FILE --confirm-live`: the promoted strategy with real orders on a
 * T-Invest account (TINKOFF_TOKEN_STRING, the production host). Everything about what to trade
 * (strategy, parameters, instruments, interval, risk guards, account) comes from the live config
 * `tlab promote --from sandbox` wrote; before any connection is opened it refuses, in one line
 * naming the fix, without that config, without `--confirm-live`, with a sandbox token or host, with
 * guards unset, or when the strategy's source changed since it was promoted.
 */
import { checkLivePreflight } from '../../app/live-preflight.ts';
import { readLiveConfig, type LiveConfig } from '../../app/promotion/live-config.ts';
import { UsageError } from '../../core/errors.ts';
import { parseInstrumentRef } from '../../core/instrument-ref.ts';
import { isInterval } from '../../core/interval.ts';
import {
  KillSwitch,
  PRODUCTION_ENDPOINT,
  guardsFromConfig,
  missingGuards,
} from '../../live/index.ts';
import type { RawParam } from '../../strategies/index.ts';
import { liveCommand, type LiveArgs, type LiveJob, type ModeVenue } from '../live/live-command.ts';
import { tinvestVenue } from '../live/tinvest-venue.ts';
import type { VenueLink } from '../live/venue-link.ts';

/** The endpoint the run would connect to, as the client would resolve it. */
function endpointOf(args: LiveArgs): string {
  // The in-process emulator listens on a loopback port chosen at start.
  if (args.emulator) return '127.0.0.1:1';
  const flag = typeof args.endpoint === 'string' ? args.endpoint : undefined;
  return flag ?? (process.env.TINVEST_ENDPOINT?.trim() || PRODUCTION_ENDPOINT);
}

/** The required guards a live config leaves unset (the session supplies every source). */
function unsetGuards(configPath: string): string[] {
  return missingGuards({
    ...guardsFromConfig(readLiveConfig(configPath).guards),
    clock: { now: () => 0 },
    instruments: [],
    equity: () => 0,
    tradingStatus: () => undefined,
    killSwitch: new KillSwitch({ now: () => 0 }),
  });
}

/** Every check of the live preflight; the config when all pass. */
function preflight(args: LiveArgs): LiveConfig {
  const configPath = typeof args.config === 'string' ? args.config : undefined;
  // Asked only once the config has been read and validated; read it once more, then keep it.
  let unset: string[] | undefined;
  const missing = () => (unset ??= unsetGuards(configPath as string));
  const check = checkLivePreflight({
    configPath,
    confirmLive: args['confirm-live'] === true,
    env: process.env,
    endpoint: endpointOf(args),
    guards: { armed: () => missing().length === 0, missing },
  });
  if (!check.ok) throw new UsageError(check.refusal, 'nothing was sent');
  return check.config;
}

/** The job the live config names; refuses first, before anything connects. */
function jobOf(args: LiveArgs): LiveJob {
  const c = preflight(args);
  if (!isInterval(c.interval)) {
    throw new UsageError(`the live config's interval ${c.interval} is unknown`, 'promote again');
  }
  return {
    strategy: c.strategy,
    params: c.params as Record<string, RawParam>,
    instruments: c.instruments.map((i) => parseInstrumentRef(i.uid)),
    intervals: [c.interval],
    guards: guardsFromConfig(c.guards),
    accountId: c.accountId,
  };
}

function liveVenue(link: VenueLink, job: LiveJob): Promise<ModeVenue> {
  return Promise.resolve(tinvestVenue(link, job.accountId as string, false));
}

/** The `live` command. */
export const liveTradingCommand = liveCommand({
  mode: 'live',
  command: 'live',
  describe: 'Run a promoted strategy with real orders (needs --config and --confirm-live)',
  options: {
    config: {
      type: 'string',
      requiresArg: true,
      describe: 'The live config tlab promote --from sandbox wrote',
    },
    'confirm-live': {
      type: 'boolean',
      default: false,
      describe: 'Confirm that real orders with real money may be sent',
    },
  },
  examples: [
    [
      '$0 live --config live-config.json --confirm-live',
      'trade the promoted strategy on the account the config names (TINKOFF_TOKEN_STRING)',
    ],
  ],
  job: jobOf,
  venueBroker: (link, _args, _o, job) => liveVenue(link, job),
});
