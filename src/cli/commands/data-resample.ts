/**
 * @module `tlab data resample`: builds coarser series (1h, 1d, ...) from the cached 1-minute candles
 * of an instrument, offline, so imported archives can be backtested at any interval.
 */
import type { Argv, CommandModule } from 'yargs';
import { z } from '../../core/zod.ts';
import { NotFoundError } from '../../core/errors.ts';
import { formatInstrumentRef } from '../../core/instrument-ref.ts';
import { INTERVALS } from '../../core/interval.ts';
import { resampleFromMinutes, resampleLabel } from '../../data/resample.ts';
import { dbOption, openCliStore, requireInstrument } from '../options/db.ts';
import { instrumentOption, instrumentSchema } from '../options/instrument.ts';
import { intervalListOption, intervalListSchema } from '../options/interval.ts';
import { jsonOption } from '../options/output.ts';
import { refusal, validateArgs } from '../options/validate.ts';
import { RunSessions } from '../../data/session-feed.ts';
import { fallbackNotice, sessionsOption, sessionsSchema } from '../options/sessions.ts';
import { allowMixedOption, rangesText, thousands } from './data-format.ts';

interface Args {
  instrument: string;
  interval: string[];
  db?: string;
  json: boolean;
  force: boolean;
  sessions: string;
  'allow-mixed-sources': boolean;
}

/** What `tlab data resample` accepts, checked at the edge. */
const resampleSchema = z.object({
  instrument: instrumentSchema,
  interval: intervalListSchema.check(
    z.refine(
      (list) => !list.includes('1m'),
      refusal(
        '--interval 1m cannot be resampled: minutes are the source every coarser series is built from',
        `give coarser targets (${INTERVALS.slice(1).join(', ')})`,
      ),
    ),
  ),
  sessions: sessionsSchema,
});

/** `tlab data resample --instrument SBER --interval 1h,1d [--db] [--json]`. */
export const dataResampleCommand: CommandModule<object, Args> = {
  command: 'resample',
  describe: 'Build coarser intervals from cached 1-minute candles (no API needed)',
  builder: (yargs: Argv) =>
    yargs
      .options({
        ...instrumentOption('Ticker, TICKER@CLASS, FIGI or uid in the cache'),
        ...intervalListOption(undefined, `Target intervals: ${INTERVALS.slice(1).join(', ')}`),
        ...jsonOption(),
        force: {
          type: 'boolean',
          default: false,
          describe: 'Remove the target series first and rebuild it from the minutes',
        },
        ...allowMixedOption,
        ...sessionsOption,
        ...dbOption,
      })
      .example(
        '$0 data resample --instrument BBG004730N88 --interval 1h,1d',
        'after tlab data import',
      )
      .example(
        '$0 data resample --instrument BBG004730N88 --interval 1h --force',
        'rebuild hours that came from elsewhere',
      )
      .example(
        '$0 data resample --instrument BBG004730N88 --interval 1h --sessions all --force',
        'hours with the weekend and dealer minutes too',
      ) as unknown as Argv<Args>,
  handler: (args) => {
    const {
      instrument: ref,
      interval: intervals,
      sessions: selection,
    } = validateArgs(resampleSchema, args);
    const store = openCliStore(args.db, { mustExist: true });
    try {
      const instrument = requireInstrument(store, ref, 'tlab data ls lists cached instruments');
      if (store.coveredRanges(instrument.uid, '1m').length === 0)
        throw new NotFoundError(
          `${formatInstrumentRef(ref)} has no cached 1-minute candles`,
          'import or download 1m history first',
        );
      const sessions =
        selection === 'all' ? undefined : new RunSessions(store, [instrument], selection);
      const results = intervals.map((interval) =>
        resampleFromMinutes(store, instrument.uid, interval, {
          force: args.force,
          allowMixedSources: args['allow-mixed-sources'],
          ...(sessions ? { keepMinute: sessions.keepTest(instrument.uid, '1m') } : {}),
        }),
      );
      const notice = sessions && fallbackNotice(sessions);
      if (notice) process.stderr.write(notice);
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
