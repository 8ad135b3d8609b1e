/**
 * @module `tlab data rm`: removes a cached series, or a time range of it, with its coverage, so the
 * range can be fetched again (from the same source or, once the series is gone, from another).
 */
import { parseInstrumentRef } from '../../core/instrument-ref.ts';
import type { Argv, CommandModule } from 'yargs';
import { NotFoundError, UsageError } from '../../core/errors.ts';
import { INTERVALS } from '../../core/interval.ts';
import { parseUtc, type TimeRange } from '../../core/time.ts';
import { dbOption, openCliStore, requireInstrument } from '../options/db.ts';
import { parseIntervalList } from '../options/interval.ts';
import { instrumentLabel, rangeText, thousands } from './data-format.ts';

interface Args {
  instrument: string;
  interval: string[];
  from?: string;
  to?: string;
  db?: string;
  json: boolean;
}

/** The range `--from`/`--to` name; both or neither. */
function rangeOf(args: Args): TimeRange | undefined {
  if (args.from === undefined && args.to === undefined) return undefined;
  if (args.from === undefined || args.to === undefined)
    throw new UsageError(
      'data rm needs both --from and --to, or neither',
      'give both for a range, or drop both to remove the whole series',
    );
  const range = { from: parseUtc(args.from, 'from'), to: parseUtc(args.to, 'to') };
  if (!(range.to > range.from))
    throw new UsageError(
      `--from ${args.from} is not before --to ${args.to}`,
      'swap them or widen the range',
    );
  return range;
}

/** `tlab data rm --instrument X --interval 1h [--from D --to D] [--db] [--json]`. */
export const dataRmCommand: CommandModule<object, Args> = {
  command: 'rm',
  describe: 'Remove a cached series, or a range of it, with its coverage',
  builder: (yargs: Argv) =>
    yargs
      .options({
        instrument: {
          type: 'string',
          demandOption: true,
          requiresArg: true,
          describe: 'Ticker, TICKER@CLASS, FIGI or uid in the cache',
        },
        interval: {
          type: 'string',
          array: true,
          demandOption: true,
          requiresArg: true,
          describe: `Intervals, comma-separated: ${INTERVALS.join(', ')}`,
        },
        from: { type: 'string', requiresArg: true, describe: 'Start of the range to remove (UTC)' },
        to: { type: 'string', requiresArg: true, describe: 'End of the range, exclusive' },
        json: { type: 'boolean', default: false, describe: 'Print JSON' },
        ...dbOption,
      })
      .example('$0 data rm --instrument SBER --interval 1h', 'the whole hourly series')
      .example(
        '$0 data rm --instrument SBER --interval 1m --from 2024-11-11 --to 2024-11-12',
        'one day, to download it again',
      ) as unknown as Argv<Args>,
  handler: (args) => {
    const intervals = parseIntervalList(args.interval);
    const range = rangeOf(args);
    const store = openCliStore(args.db, { mustExist: true });
    try {
      const instrument = requireInstrument(
        store,
        parseInstrumentRef(args.instrument),
        'tlab data ls lists cached series',
      );
      const name = instrumentLabel(instrument, instrument.uid);
      const known = intervals.filter((i) =>
        store.listSeries().some((s) => s.uid === instrument.uid && s.interval === i),
      );
      if (known.length === 0)
        throw new NotFoundError(
          `${name} has no cached ${intervals.join(', ')} series`,
          'tlab data ls lists cached series',
        );
      const results = known.map((interval) => ({
        interval,
        ...store.removeSeries(instrument.uid, interval, range),
      }));
      if (args.json) {
        process.stdout.write(
          `${JSON.stringify({ instrument: name, uid: instrument.uid, results })}\n`,
        );
        return;
      }
      for (const r of results)
        process.stdout.write(
          `removed ${name} ${r.interval}${range ? ` ${rangeText(range)}` : ''}: ${thousands(r.candles)} candles` +
            `${r.seriesGone ? ' (series gone, with its coverage and sources)' : ' and their coverage'}\n`,
        );
    } finally {
      store.close();
    }
  },
};
