/**
 * @module `tlab lookahead`: runs a registered strategy over a range in full and truncated at
 * several points, and reports any decision on the common prefix that changes (look-ahead); then
 * runs it with more and more warm-up history before the range (orders refused there) and reports
 * the warm-up length from which its decisions stop changing. Exits 1 when look-ahead is found.
 */
import { strategyOptions } from '../options/strategy.ts';
import type { Argv, CommandModule } from 'yargs';
import { z } from '../../core/zod.ts';
import { intervalMs } from '../../core/interval.ts';
import { SqliteFeed } from '../../data/sqlite-feed.ts';
import { lookaheadCheck, registeredRun, warmupCheck } from '../../research/lookahead.ts';
import { getStrategy } from '../../strategies/index.ts';
import { closedRange, findCachedInstruments } from '../backtest-run.ts';
import { dbOption, openCliStore } from '../options/db.ts';
import { instrumentListOption, instrumentListSchema } from '../options/instrument.ts';
import { intervalListOption, intervalListSchema } from '../options/interval.ts';
import { jsonOption } from '../options/output.ts';
import { inRange, rangeOptions } from '../options/range.ts';
import { numberText, validateArgs } from '../options/validate.ts';
import { parseParams } from './backtest.ts';

interface Args {
  strategy: string;
  instrument: string[];
  interval: string[];
  from: string;
  to?: string;
  param: string[];
  cuts: string;
  warmup: string[];
  json: boolean;
  db?: string;
}

function schema(now: number) {
  return z.intersection(
    z.object({
      instrument: instrumentListSchema,
      interval: intervalListSchema,
      cuts: numberText(
        z.int().check(z.gte(1), z.lte(50)),
        'pass a number of truncation points, e.g. --cuts 4',
      ),
      warmup: z.array(
        numberText(z.int().check(z.gte(0)), 'pass candle counts, e.g. --warmup 0,50,200'),
      ),
    }),
    inRange(now),
  );
}

/** The `lookahead` command. */
export const lookaheadCommand: CommandModule<object, Args> = {
  command: 'lookahead',
  describe: 'Check a strategy for look-ahead and for decisions that depend on warm-up history',
  builder: (yargs: Argv) =>
    yargs
      .options({
        ...strategyOptions('Strategy parameter key=value'),
        ...instrumentListOption('Tickers (comma-separated) already in the cache'),
        ...intervalListOption(['1h']),
        ...rangeOptions(),
        cuts: {
          type: 'string',
          default: '4',
          requiresArg: true,
          describe: 'Truncation points, evenly spaced',
        },
        warmup: {
          type: 'string',
          array: true,
          default: ['0,10,50,100,200,400'],
          requiresArg: true,
          describe: 'Warm-up lengths in candles (comma-separated)',
        },
        ...jsonOption('Print the checks as one JSON object'),
        ...dbOption,
      })
      .example(
        '$0 lookahead --strategy sma-cross --instrument SBER --interval 1h --from 2024-03-01 --to 2024-09-01',
        'both checks over six months',
      ) as unknown as Argv<Args>,
  handler: async (args) => {
    const now = Date.now();
    const entry = getStrategy(args.strategy);
    const params = parseParams(args.param);
    entry.parse(params);
    const o = validateArgs(schema(now), {
      ...args,
      warmup: args.warmup.flatMap((w) => w.split(',')),
    });
    const store = openCliStore(args.db, { mustExist: true });
    try {
      const instruments = findCachedInstruments(store, o.instrument, o.interval, o.range);
      const range = closedRange(o.range, o.interval, now);
      const run = registeredRun({
        strategy: entry.name,
        params,
        instruments,
        intervals: o.interval,
        feed: new SqliteFeed(store),
      });
      const span = range.to - range.from;
      const cuts = Array.from(
        { length: o.cuts },
        (_, k) => range.from + Math.round((span * (k + 1)) / (o.cuts + 1)),
      );
      const look = await lookaheadCheck(run, range, cuts);
      const warm = await warmupCheck(
        run,
        range,
        intervalMs(o.interval[0]) ?? 86_400_000,
        [...o.warmup].sort((a, b) => a - b),
      );
      const iso = (t: number) => new Date(t).toISOString();
      if (args.json) {
        process.stdout.write(`${JSON.stringify({ lookahead: look, warmup: warm })}\n`);
      } else {
        const lines = [
          `look-ahead: ${look.clean ? 'none found' : 'FOUND'} (${look.decisions} decisions, ${cuts.length} truncations)`,
        ];
        for (const r of look.rows) {
          if (r.difference)
            lines.push(
              `  truncated at ${iso(r.at)}: the decision at ${iso(r.difference.time)} changes`,
            );
        }
        lines.push(
          warm.stableFrom === null
            ? 'warm-up: decisions still change at the longest warm-up tried (they depend on all the history given)'
            : `warm-up: decisions stop changing from ${warm.stableFrom} candles of history`,
        );
        process.stdout.write(`${lines.join('\n')}\n`);
      }
      if (!look.clean) process.exitCode = 1;
    } finally {
      store.close();
    }
  },
};
