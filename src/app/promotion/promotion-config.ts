/**
 * @module The promotion config (JSON, validated with zod): the thresholds each rung of the ladder
 * must meet and what the live rung needs besides (the account, the risk guards' limits). JSON
 * because the repository parses it without a new dependency; durations are written as people type
 * them (`5d`, `36h`).
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { parseDuration } from '../../core/duration.ts';
import { UsageError } from '../../core/errors.ts';
import { liveGuardsSchema } from './live-config.ts';

const duration = (label: string) =>
  z.string().transform((text, ctx) => {
    try {
      return parseDuration(text, label);
    } catch {
      ctx.addIssue({
        code: 'custom',
        message: `${label} '${text}' is not a duration such as 5d or 36h`,
      });
      return z.NEVER;
    }
  });

/** The config file's shape. */
export const promotionConfigSchema = z
  .object({
    backtest: z
      .object({
        /** Fewest round trips the backtest must have. */
        minTrades: z.number().int().min(0),
        /** Largest maximum drawdown allowed, as a fraction (0.2 = 20%). */
        maxDrawdown: z.number().min(0).max(1),
        /** Smallest deflated Sharpe ratio (a probability in [0, 1]). */
        minDeflatedSharpe: z.number().min(0).max(1),
        /** Configurations tried to find these parameters, when no study says it. */
        trials: z.number().int().min(1).optional(),
      })
      .strict(),
    sandbox: z
      .object({
        /** Shortest sandbox run (decision period) accepted, e.g. `5d`. */
        minDuration: duration('sandbox.minDuration'),
        /** Parity tolerance against the sandbox-model backtest of the same period. */
        parity: z
          .object({
            priceTicks: z.number().int().min(0).default(0),
            maxFillDelay: duration('sandbox.parity.maxFillDelay').optional(),
          })
          .strict()
          .default({ priceTicks: 0 }),
      })
      .strict(),
    live: z
      .object({
        /** The account `tlab live` trades (tlab promote --account overrides it). */
        accountId: z.string().min(1).optional(),
        guards: liveGuardsSchema,
      })
      .strict(),
  })
  .strict();

/** A validated promotion config. */
export type PromotionConfig = z.infer<typeof promotionConfigSchema>;

/** The default config file name, in the working directory. */
export const DEFAULT_PROMOTION_CONFIG = 'promotion.json';

/**
 * Reads and validates the promotion config at `file`.
 * @throws UsageError naming the file and the first bad field.
 */
export function readPromotionConfig(file: string): PromotionConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(
      code === undefined
        ? `the promotion config ${file} is not JSON`
        : `cannot read the promotion config ${file} (${code})`,
      'write one as the README\'s "Promotion ladder" section shows, or pass --config FILE',
    );
  }
  const r = promotionConfigSchema.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new UsageError(
      `bad ${issue.path.join('.') || 'top level'} in the promotion config ${file}`,
      issue.message,
    );
  }
  return r.data;
}
