/**
 * @module `tlab data export`: one cached series as CSV (`time,open,high,low,close,volume`, ISO
 * 8601 UTC times, plain decimals) or JSON, to stdout or atomically to a file (temp file + rename,
 * so a failed export never leaves a half-written file under the target name).
 */
import { createWriteStream, existsSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Writable } from 'node:stream';
import type { Argv, CommandModule } from 'yargs';
import { z } from '../../core/zod.ts';
import { NotFoundError, UsageError } from '../../core/errors.ts';
import { formatInstrumentRef } from '../../core/instrument-ref.ts';
import type { Interval } from '../../core/interval.ts';
import type { TimeRange } from '../../core/time.ts';
import { CSV_HEADER, formatCandleCsv, formatCandleJson } from '../../data/export-format.ts';
import type { CandleStore } from '../../data/store.ts';
import { dbOption, openCliStore, requireInstrument } from '../options/db.ts';
import { instrumentOption, instrumentSchema } from '../options/instrument.ts';
import { intervalOption, intervalSchema } from '../options/interval.ts';
import { parseRange, rangeOptions, toSchema } from '../options/range.ts';
import { attempt, validateArgs } from '../options/validate.ts';

interface Args {
  instrument: string;
  interval: string;
  from?: string;
  to?: string;
  format: string;
  out?: string;
  db?: string;
}

/** What `tlab data export` accepts, checked at the edge. */
function exportSchema(now: number) {
  const range = z.pipe(
    z.object({ from: z.optional(z.string()), to: z.optional(z.string()) }),
    z.transform(({ from, to }: { from?: string; to?: string }, ctx) => ({
      range: from === undefined ? undefined : attempt(ctx, () => parseRange(from, to, now)),
    })),
  );
  return z.intersection(
    z.object({
      instrument: instrumentSchema,
      interval: intervalSchema,
      format: z.enum(['csv', 'json']),
      to: toSchema,
    }),
    range,
  );
}

/** `tlab data export --instrument SBER --interval 1m [--from] [--to] [--format] [--out] [--db]`. */
export const dataExportCommand: CommandModule<object, Args> = {
  command: 'export',
  describe: 'Export one cached series as CSV or JSON',
  builder: (yargs: Argv) =>
    yargs
      .options({
        ...instrumentOption(),
        ...intervalOption(),
        ...rangeOptions('Start (ISO date or date-time, UTC; default: first candle)'),
        format: {
          type: 'string',
          default: 'csv',
          requiresArg: true,
          describe: 'Output format: csv or json',
        },
        out: {
          type: 'string',
          requiresArg: true,
          describe: 'Write to this file instead of stdout',
        },
        ...dbOption,
      })
      .example(
        '$0 data export --instrument SBER --interval 1h',
        'the whole series as CSV on stdout',
      )
      .example(
        '$0 data export --instrument SBER --interval 1m --from 2024-03-01 --to 2024-04-01 --format json --out sber.json',
        'one month of minutes as JSON into a file',
      ) as unknown as Argv<Args>,
  handler: async (args) => {
    const now = Date.now();
    const opts = validateArgs(exportSchema(now), args);
    const { interval, format, range } = opts;
    const to = range?.to ?? opts.to ?? now;
    if (args.out !== undefined && !existsSync(path.dirname(path.resolve(args.out))))
      throw new UsageError(
        `--out ${args.out}: its folder does not exist`,
        'create the folder or pick another path',
      );
    const store = openCliStore(args.db, { mustExist: true });
    try {
      const instrument = requireInstrument(
        store,
        opts.instrument,
        'tlab data ls lists cached instruments; tlab download fetches new ones',
      );
      const extent = store.seriesExtent(instrument.uid, interval);
      if (!extent)
        throw new NotFoundError(
          `the cache has no ${interval} candles of ${formatInstrumentRef(opts.instrument)}`,
          'tlab data ls shows what is cached; tlab download fetches more',
        );
      const what: Selection = {
        uid: instrument.uid,
        interval,
        span: { from: range?.from ?? extent.firstTime, to },
        format,
      };
      await (args.out === undefined
        ? writeSeries(store, what, process.stdout)
        : writeAtomically(args.out, (out) => writeSeries(store, what, out)));
    } finally {
      store.close();
    }
  },
};

/** Which candles to export and how. */
interface Selection {
  uid: string;
  interval: Interval;
  span: TimeRange;
  format: 'csv' | 'json';
}

async function writeSeries(store: CandleStore, what: Selection, out: Writable): Promise<void> {
  const { uid, interval, span, format } = what;
  let first = true;
  await write(out, format === 'csv' ? `${CSV_HEADER}\n` : '[');
  for (const b of store.readBatches(uid, interval, span.from, span.to)) {
    let text = '';
    for (let i = 0; i < b.length; i++) {
      if (format === 'csv') text += formatCandleCsv(b, i);
      else {
        text += `${first ? '\n' : ',\n'}${formatCandleJson(b, i)}`;
        first = false;
      }
    }
    await write(out, text);
  }
  if (format === 'json') await write(out, first ? ']\n' : '\n]\n');
}

function write(out: Writable, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    out.write(text, (err) => (err ? reject(err) : resolve()));
  });
}

async function writeAtomically(
  target: string,
  fill: (out: Writable) => Promise<void>,
): Promise<void> {
  const temp = `${target}.tmp-${process.pid}`;
  const out = createWriteStream(temp);
  try {
    await fill(out);
    await new Promise<void>((resolve, reject) =>
      out.end((err?: Error | null) => (err ? reject(err) : resolve())),
    );
    renameSync(temp, target);
  } catch (err) {
    out.destroy();
    rmSync(temp, { force: true });
    throw err;
  }
}
