/**
 * @module `tlab data resample`: builds coarser series (1h, 1d, ...) from the cached 1-minute candles
 * of an instrument, offline, so imported archives can be backtested at any interval.
 */
import type { Argv, CommandModule } from 'yargs';
import { NotFoundError } from '../../core/errors.ts';
import { INTERVALS } from '../../core/interval.ts';
import { resampleFromMinutes, resampleLabel } from '../../data/resample.ts';
import { dbOption, openCliStore, requireInstrument } from '../options/db.ts';
import { parseIntervalList } from '../options/interval.ts';
import { allowMixedOption, rangesText, thousands } from './data-format.ts';

interface Args {
  instrument: string;
  interval: string[];
  db?: string;
  json: boolean;
  force: boolean;
  'allow-mixed-sources': boolean;
}

/** `tlab data resample --instrument SBER --interval 1h,1d [--db] [--json]`. */
export const dataResampleCommand: CommandModule<object, Args> = {
  command: 'resample',
  describe: 'Build coarser intervals from cached 1-minute candles (no API needed)',
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
          describe: `Target intervals: ${INTERVALS.slice(1).join(', ')}`,
        },
        json: { type: 'boolean', default: false, describe: 'Print JSON' },
        force: {
          type: 'boolean',
          default: false,
          describe: 'Remove the target series first and rebuild it from the minutes',
        },
        ...allowMixedOption,
        ...dbOption,
      })
      .example(
        '$0 data resample --instrument BBG004730N88 --interval 1h,1d',
        'after tlab data import',
      )
      .example(
        '$0 data resample --instrument BBG004730N88 --interval 1h --force',
        'rebuild hours that came from elsewhere',
      ) as unknown as Argv<Args>,
  handler: (args) => {
    const intervals = parseIntervalList(args.interval);
    const store = openCliStore(args.db, { mustExist: true });
    try {
      const instrument = requireInstrument(
        store,
        args.instrument,
        'tlab data ls lists cached instruments',
      );
      if (store.coveredRanges(instrument.uid, '1m').length === 0)
        throw new NotFoundError(
          `${args.instrument} has no cached 1-minute candles`,
          'import or download 1m history first',
        );
      const results = intervals.map((interval) =>
        resampleFromMinutes(store, instrument.uid, interval, {
          force: args.force,
          allowMixedSources: args['allow-mixed-sources'],
        }),
      );
      if (args.json)
        process.stdout.write(`${JSON.stringify({ instrument: instrument.ticker, results })}\n`);
      for (const r of args.json ? [] : results) {
        const where = r.covered.length
          ? ` covering ${rangesText(r.covered)}`
          : ' (already up to date)';
        process.stdout.write(
          `${instrument.ticker} ${r.interval}: ${thousands(r.candles)} candles${where}, source ${resampleLabel(store, instrument.uid)}\n`,
        );
      }
    } finally {
      store.close();
    }
  },
};
