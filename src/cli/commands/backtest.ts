/**
 * @module `tlab backtest`: runs a registered strategy over cached candles with the simulated
 * broker and prints the metrics beside buy-and-hold; `--json` prints one JSON object and `--out`
 * writes result.json, trades.csv, equity.csv and report.html.
 */
import { strategyOptions } from '../options/strategy.ts';
import type { Argv, CommandModule } from 'yargs';
import { z } from '../../core/zod.ts';
import { UsageError } from '../../core/errors.ts';
import { INTERVALS } from '../../core/interval.ts';
import { DEFAULT_CASH, FILL_MODELS } from '../../engine/index.ts';
import { getStrategy, type RawParam } from '../../strategies/index.ts';
import { runCliBacktest } from '../backtest-run.ts';
import { emitResult } from '../emit-result.ts';
import { dbOption, openCliStore } from '../options/db.ts';
import { journalOption, resolveJournalPath } from '../options/journal.ts';
import { instrumentListOption, instrumentListSchema } from '../options/instrument.ts';
import { intervalListOption, intervalListSchema } from '../options/interval.ts';
import { parseFee, parseSlippage } from '../options/models.ts';
import { checkOutDir } from '../options/out-dir.ts';
import { jsonOption } from '../options/output.ts';
import { inRange, rangeOptions } from '../options/range.ts';
import { checkShortFlags } from '../options/short.ts';
import { dividendTaxOption, parseDividendTax } from '../options/dividend-tax.ts';
import { sessionsOption, sessionsSchema } from '../options/sessions.ts';
import { numberText, parsed, validateArgs } from '../options/validate.ts';

interface Args {
  strategy: string;
  instrument: string[];
  interval: string[];
  from: string;
  to?: string;
  param: string[];
  cash: string;
  fee?: string;
  slippage?: string;
  'fill-model'?: string;
  'dividend-tax'?: string;
  sessions: string;
  short: boolean;
  out?: string;
  json: boolean;
  db?: string;
  save: boolean;
  replay?: string;
  journal?: string;
}

/** Parses `--param key=value` pairs. */
export function parseParams(items: readonly string[]): Record<string, RawParam> {
  const out: Record<string, RawParam> = {};
  for (const item of items) {
    const at = item.indexOf('=');
    if (at <= 0)
      throw new UsageError(`--param '${item}' is not key=value`, 'write e.g. --param fast=10');
    out[item.slice(0, at).trim()] = item.slice(at + 1).trim();
  }
  return out;
}

/** The options with `demandOption` dropped: {@link requireUnlessReplay} checks them instead. */
function notDemanded<T extends Record<string, object>>(options: T): T {
  const entries = Object.entries(options).map(([k, v]) => [k, { ...v, demandOption: false }]);
  return Object.fromEntries(entries) as T;
}

/** Without `--replay` a backtest needs its strategy, instruments and start; with it, none. */
function requireUnlessReplay(argv: Record<string, unknown>): true {
  if (argv.replay !== undefined) {
    if (argv.save) throw new UsageError('--save and --replay do not go together', 'drop one');
    return true;
  }
  const missing = ['strategy', 'instrument', 'from'].filter((k) => argv[k] === undefined);
  if (missing.length > 0)
    throw new UsageError(
      `missing required argument${missing.length > 1 ? 's' : ''}: ${missing.map((k) => `--${k}`).join(', ')}`,
      'pass them, or --replay RUN to re-run a recorded run',
    );
  return true;
}

/** What `tlab backtest` accepts, checked at the edge. */
function backtestSchema(now: number) {
  return z.intersection(
    z.object({
      instrument: instrumentListSchema,
      interval: intervalListSchema,
      cash: numberText(
        z.number().check(z.positive('pass a positive amount, e.g. --cash 1000000')),
        'pass a positive amount, e.g. --cash 1000000',
      ),
      fee: z.optional(parsed(parseFee)),
      slippage: z.optional(parsed(parseSlippage)),
      'fill-model': z.optional(z.enum(FILL_MODELS)),
      'dividend-tax': z.optional(parsed(parseDividendTax)),
      sessions: sessionsSchema,
    }),
    inRange(now),
  );
}

/** The `backtest` command. */
export const backtestCommand: CommandModule<object, Args> = {
  command: 'backtest',
  describe: 'Backtest a strategy on cached candles',
  builder: (yargs: Argv) =>
    yargs
      .options({
        ...notDemanded({
          ...strategyOptions(),
          ...instrumentListOption('Tickers (comma-separated) already in the cache'),
          ...rangeOptions(),
        }),
        ...intervalListOption(['1h'], `Interval(s): ${INTERVALS.join(', ')}`),
        cash: {
          type: 'string',
          default: String(DEFAULT_CASH),
          requiresArg: true,
          describe: 'Starting cash (RUB)',
        },
        fee: {
          type: 'string',
          requiresArg: true,
          describe:
            'Fee as a fraction of traded value (0.0005) or a preset (default 0.0005, the sandbox rate)',
        },
        slippage: {
          type: 'string',
          requiresArg: true,
          describe: 'none, ticks:N, percent:F or F% (default none)',
        },
        'fill-model': {
          type: 'string',
          requiresArg: true,
          describe: `${FILL_MODELS.join(' | ')} (default next-bar)`,
        },
        ...dividendTaxOption,
        ...sessionsOption,
        short: {
          type: 'boolean',
          default: false,
          describe: 'Allow short positions where the instrument permits',
        },
        out: {
          type: 'string',
          requiresArg: true,
          describe: 'Folder for result.json, trades.csv, equity.csv, report.html',
        },
        ...jsonOption('Print one JSON object instead of the table'),
        ...dbOption,
        save: {
          type: 'boolean',
          default: false,
          describe: 'Record the run in the run journal and print its id (see tlab runs)',
        },
        replay: {
          type: 'string',
          requiresArg: true,
          describe:
            'Re-run a recorded run (tlab runs) through the same kernel and check its decisions',
        },
        ...journalOption,
      })
      .example(
        '$0 backtest --strategy sma-cross --instrument SBER --interval 1h --from 2024-01-01 --param fast=10 --param slow=30',
        '',
      )
      .example(
        '$0 backtest --strategy sma-cross --instrument SBER --from 2024-01-01 --out reports/sber',
        'also write the report files',
      )
      .example(
        '$0 backtest --replay 20261201-140512-345-ab12cd',
        'reproduce a recorded run',
      ) as unknown as Argv<Args>,
  handler: async (args) => {
    requireUnlessReplay(args as unknown as Record<string, unknown>);
    if (args.replay !== undefined) {
      const { replayBacktest } = await import('../backtest-journal.ts');
      const journal = resolveJournalPath(args.journal, args.db);
      return replayBacktest({ replay: args.replay, journal, db: args.db, json: args.json });
    }
    const entry = getStrategy(args.strategy);
    const params = parseParams(args.param);
    checkShortFlags(entry, entry.parse(params), args.short);
    const now = Date.now();
    const opts = validateArgs(backtestSchema(now), args);
    const job = {
      strategy: entry.name,
      params,
      instruments: opts.instrument,
      intervals: opts.interval,
      range: opts.range,
      now,
      cash: opts.cash,
      ...(opts.fee === undefined ? {} : { fees: opts.fee }),
      ...(opts.slippage === undefined ? {} : { slippage: opts.slippage }),
      ...(opts['fill-model'] === undefined ? {} : { fillModel: opts['fill-model'] }),
      ...(opts['dividend-tax'] === undefined ? {} : { dividendTax: opts['dividend-tax'] }),
      allowShort: args.short,
      sessions: opts.sessions,
      // The equity curve costs memory per candle and only the --out files use it.
      recordEquity: args.out !== undefined,
    };
    const intervals = opts.interval;
    const out = args.out === undefined ? undefined : checkOutDir(args.out);
    const store = openCliStore(args.db, { mustExist: true });
    try {
      const saved = args.save
        ? await (
            await import('../backtest-journal.ts')
          ).saveBacktest(store, job, resolveJournalPath(args.journal, args.db))
        : undefined;
      const { result, instruments } = saved ?? (await runCliBacktest(store, job));
      const html = emitResult(store, result, instruments, {
        json: args.json,
        out,
        chartInterval: intervals[0],
      });
      if (html && !args.json) process.stdout.write(`report: ${html}\n`);
      // With --json stdout is one JSON object: the run id goes to stderr there.
      if (saved) (args.json ? process.stderr : process.stdout).write(`run: ${saved.runId}\n`);
    } finally {
      store.close();
    }
  },
};
