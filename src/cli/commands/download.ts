/**
 * @module `tlab download`: fills the candle cache with what it lacks for the given instruments,
 * intervals and range, from GetCandles and (for long 1-minute ranges) the yearly archive. A bar on
 * stderr shows progress; the summary goes to stdout, as JSON with --json.
 */
import type { Argv, CommandModule } from 'yargs';
import { z } from '../../core/zod.ts';
import { isoUtc } from '../../core/time.ts';
import {
  downloadHistory,
  type DownloadSource,
  type DownloadSummary,
} from '../../data/download/downloader.ts';
import { storeForDownload } from '../../data/download/store-adapter.ts';
import { API_CLI_OPTIONS } from '../options/api-options.ts';
import type { ApiArgs } from '../options/api.ts';
import { dbOption, withCliStore } from '../options/db.ts';
import { instrumentListOption, instrumentListSchema } from '../options/instrument.ts';
import { intervalListOption, intervalListSchema } from '../options/interval.ts';
import { jsonOption } from '../options/output.ts';
import { inRange, rangeOptions } from '../options/range.ts';
import { numberText, refusal, validateArgs } from '../options/validate.ts';
import { createProgressBar } from '../progress.ts';
import { allowMixedOption } from './data-format.ts';

interface Args extends ApiArgs {
  instrument: string[];
  interval: string[];
  from: string;
  to?: string;
  source: string;
  concurrency: string;
  json: boolean;
  db?: string;
  'allow-mixed-sources': boolean;
}

const SOURCES = ['auto', 'candles', 'archive'] as const satisfies readonly DownloadSource[];

/** What `tlab download` accepts, checked at the edge. */
function downloadSchema(now: number) {
  const options = z
    .object({
      instrument: instrumentListSchema,
      interval: intervalListSchema,
      source: z.enum(SOURCES),
      concurrency: numberText(
        z.int().check(z.gte(1), z.lte(32, 'use a whole number from 1 to 32')),
        'use a whole number from 1 to 32',
      ),
    })
    .check(
      z.refine(
        (o) => o.source !== 'archive' || o.interval.every((i) => i === '1m'),
        refusal(
          '--source archive works for --interval 1m only: the yearly archives hold minutes',
          'drop --source archive (auto uses the archive where it helps), or download 1m and run tlab data resample',
        ),
      ),
    );
  return z.intersection(options, inRange(now));
}

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
  for (const sc of summary.schedules)
    lines.push(
      `schedule ${sc.exchange}: ${sc.days} days cached${sc.unavailable ? ' (the API has no schedule for part of the range: sessions there use the standard MOEX times)' : ''}`,
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
        ...instrumentListOption(),
        ...intervalListOption(['1m']),
        ...rangeOptions(),
        source: {
          type: 'string',
          default: 'auto',
          requiresArg: true,
          describe: 'auto | candles | archive (1-minute history)',
        },
        concurrency: {
          type: 'string',
          default: '4',
          requiresArg: true,
          describe: 'GetCandles requests in flight',
        },
        ...jsonOption('Print one JSON summary, no progress bar'),
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
    const now = Date.now();
    const {
      instrument: instruments,
      interval: intervals,
      range,
      source,
      concurrency,
    } = validateArgs(downloadSchema(now), args);
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
          concurrency,
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
