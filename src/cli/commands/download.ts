/**
 * @module `tlab download`: fills the candle cache with what it lacks for the given instruments,
 * intervals and range, from GetCandles and (for long 1-minute ranges) the yearly archive. A bar on
 * stderr shows progress; the summary goes to stdout, as JSON with --json.
 */
import type { Argv, CommandModule } from 'yargs';
import { UsageError } from '../../core/errors.ts';
import { INTERVALS } from '../../core/interval.ts';
import { isoUtc, parseRange } from '../../core/time.ts';
import {
  downloadHistory,
  type DownloadSource,
  type DownloadSummary,
} from '../../data/download/downloader.ts';
import { parseInstrumentList } from '../../data/download/instrument-ref.ts';
import { storeForDownload } from '../../data/download/store-adapter.ts';
import { API_CLI_OPTIONS } from '../../live/client/cli-options.ts';
import type { ApiArgs } from '../options/api.ts';
import { dbOption, withCliStore } from '../options/db.ts';
import { parseIntervalList } from '../options/interval.ts';
import { createProgressBar } from '../progress.ts';
import { allowMixedOption } from './data-format.ts';

interface Args extends ApiArgs {
  instrument: string[];
  interval: string[];
  from: string;
  to?: string;
  source: string;
  concurrency: number;
  json: boolean;
  db?: string;
  'allow-mixed-sources': boolean;
}

const SOURCES: DownloadSource[] = ['auto', 'candles', 'archive'];

function printSummary(summary: DownloadSummary, seconds: number): void {
  const lines = summary.series.map(
    (s) =>
      `${s.instrument.padEnd(8)} ${s.interval.padEnd(4)} ${String(s.candles).padStart(9)} candles  ` +
      `${s.requests} requests  ${s.archives} archives  from ${s.source}`,
  );
  const rate = summary.candles / Math.max(seconds, 1e-3);
  lines.push(
    `total: ${summary.candles} candles, ${summary.requests} requests, ${summary.archives} archives ` +
      `in ${seconds.toFixed(1)} s (${Math.round(rate)} candles/s)`,
  );
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** The `download` command. */
export const downloadCommand: CommandModule<object, Args> = {
  command: 'download',
  describe: 'Download candle history into the local cache (only what is missing)',
  builder: (yargs: Argv) =>
    yargs
      .options({
        instrument: {
          type: 'string',
          array: true,
          demandOption: true,
          requiresArg: true,
          describe: 'Tickers, TICKER@CLASS, FIGIs or uids, comma-separated',
        },
        interval: {
          type: 'string',
          array: true,
          default: ['1m'],
          requiresArg: true,
          describe: `Intervals, comma-separated: ${INTERVALS.join(', ')}`,
        },
        from: {
          type: 'string',
          demandOption: true,
          requiresArg: true,
          describe: 'Start, ISO date or date-time (UTC)',
        },
        to: { type: 'string', requiresArg: true, describe: 'End, exclusive (default: now)' },
        source: {
          type: 'string',
          default: 'auto',
          requiresArg: true,
          describe: 'auto | candles | archive (1-minute history)',
        },
        concurrency: {
          type: 'number',
          default: 4,
          requiresArg: true,
          describe: 'GetCandles requests in flight',
        },
        json: {
          type: 'boolean',
          default: false,
          describe: 'Print one JSON summary, no progress bar',
        },
        ...dbOption,
        ...allowMixedOption,
        ...API_CLI_OPTIONS,
      })
      .example(
        '$0 download --instrument SBER,GAZP --interval 1h --from 2024-01-01',
        'hourly candles since 2024',
      )
      .example(
        '$0 download --instrument SBER --interval 1m --from 2023-01-01 --to 2024-01-01',
        'a year of minutes via the archive',
      ) as unknown as Argv<Args>,
  handler: async (args) => {
    const source = args.source as DownloadSource;
    if (!SOURCES.includes(source))
      throw new UsageError(
        `--source '${args.source}' is not a source`,
        `use one of ${SOURCES.join(', ')}`,
      );
    if (!Number.isInteger(args.concurrency) || args.concurrency < 1 || args.concurrency > 32) {
      throw new UsageError(
        `--concurrency ${args.concurrency} is out of range`,
        'use a whole number from 1 to 32',
      );
    }
    const instruments = parseInstrumentList(args.instrument);
    const intervals = parseIntervalList(args.interval);
    const now = Date.now();
    const range = parseRange(args.from, args.to, now);
    // The gRPC stack loads only when a command talks to the API (keeps `tlab --help` quick).
    const { openApiClient } = await import('../options/api.ts');
    const { historyApiFromClient } = await import('../../live/history-api.ts');
    const client = openApiClient(args);
    const bar = createProgressBar(!args.json && process.stderr.isTTY === true);
    const t0 = performance.now();
    try {
      const summary = await withCliStore(args.db, { mustExist: false }, (store) =>
        downloadHistory(historyApiFromClient(client), storeForDownload(store), {
          instruments,
          intervals,
          range,
          source,
          now,
          concurrency: args.concurrency,
          allowMixedSources: args['allow-mixed-sources'],
          observer: bar,
        }),
      );
      bar.stop();
      const seconds = (performance.now() - t0) / 1000;
      if (args.json) {
        const { instruments: resolved, ...rest } = summary;
        const out = {
          ...rest,
          instruments: resolved.map((i) => i.ticker),
          from: isoUtc(range.from),
          to: isoUtc(range.to),
          seconds,
        };
        process.stdout.write(`${JSON.stringify(out)}\n`);
      } else printSummary(summary, seconds);
    } finally {
      bar.stop();
      await client.close();
    }
  },
};
