/**
 * @module The promotion config (JSON, validated with zod): the thresholds each rung of the ladder
 * must meet and what the live rung needs besides (the account, the risk guards' limits). JSON
 * because the repository parses it without a new dependency; durations are written as people type
 * them (`5d`, `36h`).
 */
import { readFileSync } from 'node:fs';
import { refuse, z } from '../../core/zod.ts';
import { parseDuration } from '../../core/duration.ts';
import { UsageError } from '../../core/errors.ts';
import { liveGuardsSchema } from './live-config.ts';

const duration = (label: string) =>
  z.pipe(
    z.string(),
    z.transform((text: string, ctx) => {
      try {
        return parseDuration(text, label);
      } catch {
        return refuse(ctx, `${label} '${text}' is not a duration such as 5d or 36h`);
      }
    }),
  );

const fraction = z.number().check(z.gte(0), z.lte(1));

/** The config file's shape. */
export const promotionConfigSchema = z.strictObject({
  backtest: z.strictObject({
    /** Fewest round trips the backtest must have. */
    minTrades: z.int().check(z.gte(0)),
    /** Largest maximum drawdown allowed, as a fraction (0.2 = 20%). */
    maxDrawdown: fraction,
    /** Smallest deflated Sharpe ratio (a probability in [0, 1]). */
    minDeflatedSharpe: fraction,
    /** Configurations tried to find these parameters, when no study says it. */
    trials: z.optional(z.int().check(z.gte(1))),
  }),
  sandbox: z.strictObject({
    /** Shortest sandbox run (decision period) accepted, e.g. `5d`. */
    minDuration: duration('sandbox.minDuration'),
    /** Parity tolerance against the sandbox-model backtest of the same period. */
    parity: z._default(
      z.strictObject({
        priceTicks: z._default(z.int().check(z.gte(0)), 0),
        maxFillDelay: z.optional(duration('sandbox.parity.maxFillDelay')),
      }),
      { priceTicks: 0 },
    ),
  }),
  live: z.strictObject({
    /** The account `tlab live` trades (tlab promote --account overrides it). */
    accountId: z.optional(z.string().check(z.minLength(1))),
    guards: liveGuardsSchema,
  }),
});

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
