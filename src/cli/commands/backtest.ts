/**
 * @module `tlab backtest`: runs a registered strategy over cached candles with the simulated
 * broker and prints the metrics beside buy-and-hold; `--json` prints one JSON object and `--out`
 * writes result.json, trades.csv, equity.csv and report.html.
 */
import type { Argv, CommandModule } from 'yargs';
import { UsageError } from '../../core/errors.ts';
import { INTERVALS } from '../../core/interval.ts';
import { parseRange } from '../../core/time.ts';
import { parseInstrumentList } from '../../core/instrument-ref.ts';
import { FILL_MODELS, type FillModelName } from '../../engine/index.ts';
import { getStrategy, STRATEGIES, type RawParam } from '../../strategies/index.ts';
import { runCliBacktest } from '../backtest-run.ts';
import { emitResult } from '../emit-result.ts';
import { dbOption, openCliStore } from '../options/db.ts';
import { parseIntervalList } from '../options/interval.ts';
import { parseFee, parseSlippage } from '../options/models.ts';

interface Args {
  strategy: string;
  instrument: string[];
  interval: string[];
  from: string;
  to?: string;
  param: string[];
  cash: number;
  fee?: string;
  slippage?: string;
  'fill-model'?: string;
  short: boolean;
  out?: string;
  json: boolean;
  db?: string;
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

/** The `backtest` command. */
export const backtestCommand: CommandModule<object, Args> = {
  command: 'backtest',
  describe: 'Backtest a strategy on cached candles',
  builder: (yargs: Argv) =>
    yargs
      .options({
        strategy: {
          type: 'string',
          demandOption: true,
          requiresArg: true,
          describe: `One of: ${STRATEGIES.map((s) => s.name).join(', ')}`,
        },
        instrument: {
          type: 'string',
          array: true,
          demandOption: true,
          requiresArg: true,
          describe: 'Tickers (comma-separated) already in the cache',
        },
        interval: {
          type: 'string',
          array: true,
          default: ['1h'],
          requiresArg: true,
          describe: `Interval(s): ${INTERVALS.join(', ')}`,
        },
        from: {
          type: 'string',
          demandOption: true,
          requiresArg: true,
          describe: 'Start, ISO date or date-time (UTC)',
        },
        to: { type: 'string', requiresArg: true, describe: 'End, exclusive (default: now)' },
        param: {
          type: 'string',
          array: true,
          default: [],
          requiresArg: true,
          describe: 'Strategy parameter key=value (repeatable)',
        },
        cash: {
          type: 'number',
          default: 1_000_000,
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
        json: {
          type: 'boolean',
          default: false,
          describe: 'Print one JSON object instead of the table',
        },
        ...dbOption,
      })
      .example(
        '$0 backtest --strategy sma-cross --instrument SBER --interval 1h --from 2024-01-01 --param fast=10 --param slow=30',
        '',
      )
      .example(
        '$0 backtest --strategy sma-cross --instrument SBER --from 2024-01-01 --out reports/sber',
        'also write the report files',
      ) as unknown as Argv<Args>,
  handler: async (args) => {
    const entry = getStrategy(args.strategy);
    const params = parseParams(args.param);
    entry.parse(params);
    const fillModel = args['fill-model'];
    if (fillModel !== undefined && !FILL_MODELS.includes(fillModel as FillModelName)) {
      throw new UsageError(
        `--fill-model '${fillModel}' is unknown`,
        `use one of ${FILL_MODELS.join(', ')}`,
      );
    }
    if (!(Number.isFinite(args.cash) && args.cash > 0))
      throw new UsageError(
        `--cash ${args.cash} is not a positive amount`,
        'pass e.g. --cash 1000000',
      );
    const intervals = parseIntervalList(args.interval);
    const now = Date.now();
    const job = {
      strategy: entry.name,
      params,
      instruments: parseInstrumentList(args.instrument),
      intervals,
      range: parseRange(args.from, args.to, now),
      now,
      cash: args.cash,
      ...(args.fee === undefined ? {} : { fees: parseFee(args.fee) }),
      ...(args.slippage === undefined ? {} : { slippage: parseSlippage(args.slippage) }),
      ...(fillModel === undefined ? {} : { fillModel: fillModel as FillModelName }),
      allowShort: args.short,
      // The equity curve costs memory per candle and only the --out files use it.
      recordEquity: args.out !== undefined,
    };
    const store = openCliStore(args.db, { mustExist: true });
    try {
      const { result, instruments } = await runCliBacktest(store, job);
      const html = emitResult(store, result, instruments, {
        json: args.json,
        out: args.out,
        chartInterval: intervals[0],
      });
      if (html && !args.json) process.stdout.write(`report: ${html}\n`);
    } finally {
      store.close();
    }
  },
};
