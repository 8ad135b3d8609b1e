/**
 * @module `tlab data continuous`: builds a continuous futures series (ticker `<base>-CONT`) from the
 * consecutive contracts of a base in the cache, rolling by expiry or by volume and adjusting the
 * prices at the rolls; prints where it rolled. See src/data/continuous/build-continuous.ts.
 */
import type { Argv, CommandModule } from 'yargs';
import { z } from '../../core/zod.ts';
import { isoUtc } from '../../core/time.ts';
import { ADJUSTMENTS, type Adjustment } from '../../data/continuous/adjust.ts';
import { buildContinuous } from '../../data/continuous/build-continuous.ts';
import { dbOption, openCliStore } from '../options/db.ts';
import { intervalOption, intervalSchema } from '../options/interval.ts';
import { jsonOption } from '../options/output.ts';
import { validateArgs } from '../options/validate.ts';
import { thousands } from './data-format.ts';

interface Args {
  base: string;
  roll: string;
  adjust: string;
  interval: string;
  db?: string;
  json: boolean;
}

const schema = z.object({
  base: z.string().check(z.regex(/^[A-Za-z0-9]{1,8}$/, 'give the contract code, e.g. Si, RI, BR')),
  interval: intervalSchema,
  adjust: z.enum(ADJUSTMENTS as [Adjustment, ...Adjustment[]]),
});

/** `tlab data continuous --base Si --roll expiry-5d|volume [--adjust back|ratio|none] [--interval]`. */
export const dataContinuousCommand: CommandModule<object, Args> = {
  command: 'continuous',
  describe: 'Build a continuous futures series from consecutive cached contracts',
  builder: (yargs: Argv) =>
    yargs
      .options({
        base: {
          type: 'string',
          demandOption: true,
          requiresArg: true,
          describe: 'Contract code: Si, RI, BR, MX, GD...',
        },
        roll: {
          type: 'string',
          default: 'expiry-5d',
          requiresArg: true,
          describe: 'expiry-Nd (N days before the last trading day) or volume',
        },
        adjust: {
          type: 'string',
          default: 'back',
          requiresArg: true,
          describe: `Price adjustment at the rolls: ${ADJUSTMENTS.join(', ')}`,
        },
        ...intervalOption(),
        ...jsonOption(),
        ...dbOption,
      })
      .example(
        '$0 data continuous --base Si --roll expiry-5d --interval 1h',
        'Si-CONT@expiry-5d.back.1h',
      )
      .example(
        '$0 data continuous --base RI --roll volume --adjust ratio --interval 1m',
        '',
      ) as unknown as Argv<Args>,
  handler: (args) => {
    const opts = validateArgs(schema, args);
    const store = openCliStore(args.db, { mustExist: true });
    try {
      const r = buildContinuous(store, {
        base: opts.base,
        interval: opts.interval,
        roll: args.roll,
        adjust: opts.adjust,
        builtAt: Date.now(),
      });
      const ref = `${r.instrument.ticker}@${r.instrument.classCode}`;
      if (args.json) {
        const rolls = r.rolls.map((x) => ({ ...x, time: isoUtc(x.time) }));
        process.stdout.write(
          `${JSON.stringify({ instrument: ref, uid: r.instrument.uid, contracts: r.contracts, candles: r.candles, source: r.source, rolls })}\n`,
        );
        return;
      }
      const tickerOf = (uid: string) => store.getInstrument(uid)?.ticker ?? uid;
      const lines = [
        `${ref}: ${thousands(r.candles)} candles from ${r.contracts.join(', ')}; source ${r.source}`,
      ];
      for (const x of r.rolls)
        lines.push(
          `  roll ${isoUtc(x.time)}: ${tickerOf(x.fromUid)} ${x.fromPrice} -> ${tickerOf(x.toUid)} ${x.toPrice}`,
        );
      lines.push(`backtest it with --instrument ${ref} --interval ${opts.interval}`);
      process.stdout.write(`${lines.join('\n')}\n`);
    } finally {
      store.close();
    }
  },
};
