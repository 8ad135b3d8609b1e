/**
 * @module The options every research command shares (strategy, instruments, intervals, range, the
 * simulated broker's models, the grid and its constraints, the objective, the workers), defined
 * once with their zod schema, and the study they describe, resolved against the cache.
 */
import { strategyOptions } from './strategy.ts';
import { z } from '../../core/zod.ts';
import { UsageError } from '../../core/errors.ts';
import type { Instrument } from '../../core/instrument.ts';
import { DEFAULT_CASH, FILL_MODELS } from '../../engine/index.ts';
import { parseAxis, type GridAxis } from '../../research/grid.ts';
import { SEARCH_KINDS, type SearchSpec } from '../../research/random-search.ts';
import { OBJECTIVES, type StudySpec } from '../../research/study.ts';
import { getStrategy } from '../../strategies/index.ts';
import { parseParams } from '../commands/backtest.ts';
import { instrumentListOption, instrumentListSchema } from './instrument.ts';
import { intervalListOption, intervalListSchema } from './interval.ts';
import { parseFee, parseSlippage } from './models.ts';
import { inRange, rangeOptions } from './range.ts';
import { sessionsOption, sessionsSchema } from './sessions.ts';
import { checkShortFlags } from './short.ts';
import { numberText, parsed, validateArgs } from './validate.ts';

/** The arguments the shared options give. */
export interface StudyArgs {
  strategy: string;
  instrument: string[];
  interval: string[];
  from: string;
  to?: string;
  param: string[];
  grid: string[];
  constraint: string[];
  objective: string;
  search: string;
  samples?: string;
  seed?: string;
  workers?: string;
  cash: string;
  fee?: string;
  slippage?: string;
  'fill-model'?: string;
  short: boolean;
  sessions: string;
  db?: string;
}

/** yargs definitions of the shared research options. */
export function studyOptions() {
  return {
    ...strategyOptions('Fixed parameter key=value'),
    ...instrumentListOption('Tickers (comma-separated) already in the cache'),
    ...intervalListOption(['1h']),
    ...rangeOptions(),
    grid: {
      type: 'string',
      array: true,
      demandOption: true,
      requiresArg: true,
      describe: 'A searched parameter: name=start:stop:step (stop included) or name=a,b,c',
    },
    constraint: {
      type: 'string',
      array: true,
      default: [],
      requiresArg: true,
      describe: 'e.g. "fast<slow"',
    },
    objective: {
      type: 'string',
      default: 'sharpe',
      requiresArg: true,
      describe: `Ranked by: ${OBJECTIVES.join(', ')}`,
    },
    search: {
      type: 'string',
      default: 'grid',
      requiresArg: true,
      describe: 'grid: every configuration; random: --samples of them drawn by --seed',
    },
    samples: {
      type: 'string',
      requiresArg: true,
      describe: 'Configurations a random search draws from the grid',
    },
    seed: {
      type: 'string',
      requiresArg: true,
      describe: 'Seed of a random search (default 1): the same seed draws the same sample',
    },
    workers: {
      type: 'string',
      requiresArg: true,
      describe: 'Worker threads (default: every core; 0 = this thread)',
    },
    cash: {
      type: 'string',
      default: String(DEFAULT_CASH),
      requiresArg: true,
      describe: 'Starting cash',
    },
    fee: { type: 'string', requiresArg: true, describe: 'Fee fraction or preset (default 0.0005)' },
    slippage: { type: 'string', requiresArg: true, describe: 'none, ticks:N, percent:F or F%' },
    'fill-model': { type: 'string', requiresArg: true, describe: `${FILL_MODELS.join(' | ')}` },
    short: { type: 'boolean', default: false, describe: 'Allow short positions' },
    ...sessionsOption,
  } as const;
}

function schema(now: number) {
  return z.intersection(
    z.object({
      instrument: instrumentListSchema,
      interval: intervalListSchema,
      objective: z.enum(OBJECTIVES),
      search: z.enum(SEARCH_KINDS),
      samples: z.optional(
        numberText(z.int().check(z.positive()), 'pass a positive whole number, e.g. --samples 50'),
      ),
      seed: z.optional(numberText(z.int(), 'pass a whole number, e.g. --seed 7')),
      workers: z.optional(
        numberText(z.int().check(z.minimum(0)), 'pass a whole number of threads, e.g. --workers 2'),
      ),
      cash: numberText(
        z.number().check(z.positive()),
        'pass a positive amount, e.g. --cash 1000000',
      ),
      fee: z.optional(parsed(parseFee)),
      slippage: z.optional(parsed(parseSlippage)),
      'fill-model': z.optional(z.enum(FILL_MODELS)),
      sessions: sessionsSchema,
    }),
    inRange(now),
  );
}

/** A validated study request, before the instruments are looked up in the cache. */
export function parseStudyArgs(args: StudyArgs, now: number) {
  const entry = getStrategy(args.strategy);
  const fixed = parseParams(args.param);
  const axes: GridAxis[] = args.grid.map(parseAxis);
  for (const a of axes) {
    if (!(a.name in entry.defaults)) {
      throw new UsageError(
        `--grid ${a.name}: ${entry.name} has no parameter '${a.name}'`,
        `its parameters are: ${Object.keys(entry.defaults).join(', ')}`,
      );
    }
    if (a.name in fixed)
      throw new UsageError(`${a.name} is both --grid and --param`, 'give it once');
  }
  checkShortFlags(entry, entry.parse(fixed), args.short);
  const opts = validateArgs(schema(now), args);
  return { entry, fixed, axes, opts, search: searchSpec(opts) };
}

/** The search the options ask for; --samples and --seed belong to a random search only. */
function searchSpec(o: { search: string; samples?: number; seed?: number }): SearchSpec {
  if (o.search !== 'random') {
    if (o.samples !== undefined || o.seed !== undefined) {
      throw new UsageError('--samples and --seed need --search random', 'add --search random');
    }
    return { kind: 'grid' };
  }
  if (o.samples === undefined) {
    throw new UsageError('--search random needs --samples', 'e.g. --samples 50 --seed 7');
  }
  return { kind: 'random', samples: o.samples, seed: o.seed ?? 1 };
}

/** The study spec for the instruments found in the cache. */
export function studySpec(
  p: ReturnType<typeof parseStudyArgs>,
  instruments: Instrument[],
  args: StudyArgs,
): StudySpec {
  const o = p.opts;
  return {
    template: {
      strategy: p.entry.name,
      instruments,
      intervals: o.interval,
      range: o.range,
      cash: o.cash,
      ...(o.fee === undefined ? {} : { fees: o.fee }),
      ...(o.slippage === undefined ? {} : { slippage: o.slippage }),
      ...(o['fill-model'] === undefined ? {} : { fillModel: o['fill-model'] }),
      allowShort: args.short,
    },
    fixed: p.fixed,
    axes: p.axes,
    constraints: args.constraint,
    objective: o.objective,
    search: p.search,
    sessions: o.sessions,
  };
}
