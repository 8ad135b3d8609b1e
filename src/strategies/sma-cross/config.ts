/**
 * @module Parameters of `sma-cross` (the reference strategy): defaults, validation, registry entry.
 */
import { z } from '../../core/zod.ts';
import { defineStrategy } from '../define.ts';
import { smaCrossChart } from './chart.ts';
import { SmaCross } from './strategy.ts';

/** Parameters of sma-cross. */
export interface SmaCrossParams extends Record<string, unknown> {
  /** Period of the fast SMA of the close. */
  fast: number;
  /** Period of the slow SMA of the close; must exceed `fast`. */
  slow: number;
  /** Position size in lots. */
  lots: number;
  /** Also trade the down-cross short (reverse instead of going flat). */
  short: boolean;
}

/** Defaults: SMA 10 over SMA 30, one lot, long only. */
export const smaCrossDefaults: SmaCrossParams = { fast: 10, slow: 30, lots: 1, short: false };

const count = (what: string) =>
  z.number().check(z.int(`${what} must be a whole number`), z.positive(`${what} must be > 0`));

/** Validation: whole positive periods and lots, fast < slow. */
export const smaCrossSchema = z
  .object({ fast: count('fast'), slow: count('slow'), lots: count('lots'), short: z.boolean() })
  .check(
    z.refine((p) => p.fast < p.slow, { message: 'fast must be smaller than slow', path: ['fast'] }),
  );

/** Registry entry of `sma-cross`. */
export const smaCross = defineStrategy<SmaCrossParams>({
  name: 'sma-cross',
  description:
    'SMA crossover: buy when SMA(fast) crosses above SMA(slow), close on the cross below',
  defaults: smaCrossDefaults,
  schema: smaCrossSchema,
  make: (p) => new SmaCross(p),
  moduleUrl: import.meta.url,
  chart: smaCrossChart,
});
