/**
 * @module The options every live mode shares (`tlab paper`, `tlab sandbox`, `tlab live`): what to
 * run (strategy, instruments, interval), when (warm-up, `--until`, `--for` on the venue's clock),
 * where (`--emulator` in-process, or the configured host), the risk guards, and what to write
 * (`--out`, `--journal`, `--log-file`, `--metrics-port`). Checked at the edge with zod.
 */
import { z } from '../../core/zod.ts';
import { parseDuration } from '../../core/duration.ts';
import { parseUtc } from '../../core/time.ts';
import { API_CLI_OPTIONS } from '../options/api-options.ts';
import { dbOption } from '../options/db.ts';
import { instrumentListOption, instrumentListSchema } from '../options/instrument.ts';
import { intervalListOption, intervalListSchema } from '../options/interval.ts';
import { jsonOption } from '../options/output.ts';
import { strategyOptions } from '../options/strategy.ts';
import { numberText, parsed } from '../options/validate.ts';

/** What a run trades, from flags (paper, sandbox; `tlab live` reads them from its config). */
function jobOptions() {
  const { strategy, param } = strategyOptions();
  const { instrument } = instrumentListOption('Tickers (comma-separated) to trade');
  return {
    // Required unless --resume names a recorded run (checked when the job is built).
    strategy: { ...strategy, demandOption: false },
    param,
    instrument: { ...instrument, demandOption: false },
    ...intervalListOption(['1m'], 'Candle interval(s) the strategy sees'),
    'max-order-value': {
      type: 'string',
      requiresArg: true,
      describe: 'Risk guard: largest order value in the account currency',
    },
    'max-position': {
      type: 'string',
      requiresArg: true,
      describe: 'Risk guard: largest position per instrument, in lots',
    },
    'max-daily-loss': {
      type: 'string',
      requiresArg: true,
      describe: 'Risk guard: loss in a UTC day that stops new orders and cancels open ones',
    },
    'flatten-on-loss': {
      type: 'boolean',
      default: false,
      describe: 'Also close positions when the daily loss guard trips',
    },
  } as const;
}

/** yargs definitions of the shared live options; `withJob` adds the flags naming what to trade. */
export function liveOptions(withJob: boolean) {
  return {
    ...(withJob ? jobOptions() : {}),
    resume: {
      type: 'string',
      requiresArg: true,
      describe:
        'Continue a recorded run of this mode (its id from tlab runs) where it stopped; a sandbox or live run is reconciled with the venue first',
    },
    warmup: {
      type: 'string',
      default: '3d',
      requiresArg: true,
      describe: 'History before the start that only warms up indicators (e.g. 3d, 12h)',
    },
    until: {
      type: 'string',
      requiresArg: true,
      describe: 'End the run at this ISO time on the venue clock',
    },
    for: { type: 'string', requiresArg: true, describe: 'End the run after this long (e.g. 2h)' },
    cash: {
      type: 'string',
      requiresArg: true,
      describe: 'Starting cash the run accounts with (paper; default 1000000)',
    },
    emulator: {
      type: 'boolean',
      default: false,
      describe: 'Start a local emulator in this process (no token, no network)',
    },
    'replay-from': {
      type: 'string',
      requiresArg: true,
      describe: 'With --emulator: replay its market from this ISO time',
    },
    speed: {
      type: 'string',
      requiresArg: true,
      describe: 'With --replay-from: simulated seconds per real second (e.g. 600)',
    },
    out: {
      type: 'string',
      requiresArg: true,
      describe: 'Folder for result.json, trades.csv, equity.csv, report.html',
    },
    journal: {
      type: 'string',
      requiresArg: true,
      describe: 'Run journal file (default data/runs.sqlite)',
    },
    'log-file': { type: 'string', requiresArg: true, describe: 'Write JSON log lines here' },
    'metrics-port': {
      type: 'string',
      requiresArg: true,
      describe: 'Serve /metrics, /healthz and /readyz on this loopback port',
    },
    ...jsonOption('Print one JSON object instead of the table'),
    ...dbOption,
    ...API_CLI_OPTIONS,
  } as const;
}

/** An optional positive number typed as text; `hint` says what to give. */
const positive = (hint: string) => z.optional(numberText(z.number().check(z.positive(hint)), hint));

/** The parsed and checked options of when and where a live run goes. */
export const liveRunSchema = z.object({
  warmup: parsed((t) => parseDuration(t, '--warmup')),
  until: z.optional(parsed((t) => parseUtc(t, '--until'))),
  for: z.optional(parsed((t) => parseDuration(t, '--for'))),
  cash: positive('pass a positive amount, e.g. --cash 1000000'),
  speed: positive('pass a positive number, e.g. --speed 600'),
  'metrics-port': z.optional(
    numberText(
      z.int().check(z.gte(0), z.lte(65535, 'pass a port 0..65535')),
      'pass a port 0..65535, e.g. --metrics-port 9464',
    ),
  ),
});

/** The options of a run whose job comes from flags (paper, sandbox). */
export const liveSchema = z.extend(liveRunSchema, {
  instrument: z.optional(instrumentListSchema),
  interval: intervalListSchema,
  'max-order-value': positive('pass a positive amount, e.g. --max-order-value 50000'),
  'max-position': positive('pass whole lots, e.g. --max-position 10'),
  'max-daily-loss': positive('pass a positive amount, e.g. --max-daily-loss 5000'),
});

/** What {@link liveRunSchema} yields. */
export type LiveRunOptions = z.infer<typeof liveRunSchema>;

/** What {@link liveSchema} yields. */
export type LiveOptions = z.infer<typeof liveSchema>;
