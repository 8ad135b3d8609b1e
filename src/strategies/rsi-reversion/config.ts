/** @module Parameters of `rsi-reversion`: defaults, validation, registry entry. */
import { z } from '../../core/zod.ts';
import { defineStrategy } from '../define.ts';
import { rsiReversionChart } from './chart.ts';
import { RsiReversion } from './strategy.ts';

/** Parameters of rsi-reversion. */
export interface RsiReversionParams extends Record<string, unknown> {
  /** RSI period (Wilder). */
  period: number;
  /** Buy (when flat) once RSI closes below this level. */
  oversold: number;
  /** Sell short (when flat and short=true) once RSI closes above this level. */
  overbought: number;
  /** Close a long when RSI closes above this level, a short when it closes below it. */
  exit: number;
  /** Position size in lots. */
  lots: number;
  /** Also trade the overbought side short. */
  short: boolean;
}

/** Defaults: RSI(14), enter below 30, exit above 50, one lot, long only. */
export const rsiReversionDefaults: RsiReversionParams = {
  period: 14,
  oversold: 30,
  overbought: 70,
  exit: 50,
  lots: 1,
  short: false,
};

const level = (what: string) =>
  z.number().check(z.gt(0, `${what} must be above 0`), z.lt(100, `${what} must be below 100`));

/** Validation: period >= 2, whole lots, 0 < oversold < exit < overbought < 100. */
export const rsiReversionSchema = z
  .object({
    period: z
      .number()
      .check(z.int('period must be a whole number'), z.gte(2, 'period must be >= 2')),
    oversold: level('oversold'),
    overbought: level('overbought'),
    exit: level('exit'),
    lots: z.number().check(z.int('lots must be a whole number'), z.positive('lots must be > 0')),
    short: z.boolean(),
  })
  .check(
    z.refine((p) => p.oversold < p.exit && p.exit < p.overbought, {
      message: 'levels must satisfy oversold < exit < overbought',
      path: ['exit'],
    }),
  );

/** Registry entry of `rsi-reversion`. */
export const rsiReversion = defineStrategy<RsiReversionParams>({
  name: 'rsi-reversion',
  description:
    'RSI mean reversion: buy when RSI drops below oversold, close when it recovers past exit',
  defaults: rsiReversionDefaults,
  schema: rsiReversionSchema,
  make: (p) => new RsiReversion(p),
  moduleUrl: import.meta.url,
  chart: rsiReversionChart,
});
