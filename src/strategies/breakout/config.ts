/** @module Parameters of `breakout`: defaults, validation, registry entry. */
import { z } from '../../core/zod.ts';
import { defineStrategy } from '../define.ts';
import { breakoutChart } from './chart.ts';
import { Breakout } from './strategy.ts';

/** Parameters of breakout. */
export interface BreakoutParams extends Record<string, unknown> {
  /** Entry channel: candles whose highest high the entry stop sits above. */
  entry: number;
  /** Exit channel: candles whose lowest low the protective stop sits below. */
  exit: number;
  /** Position size in lots. */
  lots: number;
}

/** Defaults: the classic 20/10 Donchian breakout, one lot. */
export const breakoutDefaults: BreakoutParams = { entry: 20, exit: 10, lots: 1 };

const count = (what: string) =>
  z.number().check(z.int(`${what} must be a whole number`), z.positive(`${what} must be > 0`));

/** Validation: whole positive channels and lots. */
export const breakoutSchema = z.object({
  entry: count('entry'),
  exit: count('exit'),
  lots: count('lots'),
});

/** Registry entry of `breakout`. */
export const breakout = defineStrategy<BreakoutParams>({
  name: 'breakout',
  description:
    'Donchian breakout: a buy stop above the entry-channel high, a sell stop below the exit-channel low',
  defaults: breakoutDefaults,
  schema: breakoutSchema,
  make: (p) => new Breakout(p),
  moduleUrl: import.meta.url,
  chart: breakoutChart,
});
