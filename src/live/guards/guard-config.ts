/**
 * @module The guards' limits as a config file or the CLI states them, validated with zod: money in
 * the account currency, positions in lots, the trading day's start as `HH:MM` UTC, the warm-up
 * bound as an ISO time. `guardsFromConfig` turns a parsed object into GuardLimits, or throws a
 * UsageError naming the bad field and the fix.
 */
import { z } from '../../core/zod.ts';
import { UsageError } from '../../core/errors.ts';
import type { GuardLimits } from './guard-options.ts';
import { KNOWN_TRADING_STATUSES, normalizeTradingStatus } from './trading-status.ts';

const money = (what: string) =>
  z.number().check(z.positive(`${what} must be > 0 (account currency)`));

const tradingStatus = z.pipe(z.string(), z.transform(normalizeTradingStatus)).check(
  z.refine((s: string) => KNOWN_TRADING_STATUSES.includes(s), {
    message: `use SecurityTradingStatus names such as normal_trading`,
  }),
);

/** The `guards` object of a live config file (every key optional; `armed()` says what is required). */
export const guardConfigSchema = z.strictObject({
  maxOrderValue: z.optional(money('maxOrderValue')),
  maxPositionLots: z.optional(
    z
      .number()
      .check(
        z.int('maxPositionLots must be a whole number of lots'),
        z.positive('maxPositionLots must be > 0'),
      ),
  ),
  maxDailyLoss: z.optional(money('maxDailyLoss')),
  flattenOnDailyLoss: z._default(z.boolean(), false),
  dayStartUtc: z._default(
    z
      .string()
      .check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'dayStartUtc must be HH:MM (UTC), e.g. 07:00')),
    '00:00',
  ),
  tradableStatuses: z.optional(
    z.array(tradingStatus).check(z.minLength(1, 'tradableStatuses must name at least one status')),
  ),
  tradeFrom: z.optional(
    z.iso.datetime({
      offset: true,
      message: 'tradeFrom must be an ISO time, e.g. 2024-03-04T07:00:00Z',
    }),
  ),
  accountCurrency: z._default(z.string().check(z.minLength(3)), 'rub'),
});

/** A guards config as written (before defaults). */
export type GuardConfigInput = z.input<typeof guardConfigSchema>;

/**
 * Validates `raw` and returns the limits it sets.
 * @throws UsageError naming the first bad key, e.g. `guards.maxDailyLoss -5: maxDailyLoss must be > 0`.
 */
export function guardsFromConfig(raw: unknown): GuardLimits {
  const r = z.safeParse(guardConfigSchema, raw ?? {});
  if (!r.success) {
    const issue = r.error.issues[0];
    const key = ['guards', ...issue.path.map(String)].join('.');
    const hint =
      issue.code === 'unrecognized_keys' ? `unknown key ${issue.keys.join(', ')}` : issue.message;
    throw new UsageError(`bad ${key} in the live config`, hint);
  }
  const c = r.data;
  const [hh, mm] = c.dayStartUtc.split(':').map(Number);
  const limits: GuardLimits = {
    flattenOnDailyLoss: c.flattenOnDailyLoss,
    dayStartOffsetMs: (hh * 60 + mm) * 60_000,
    accountCurrency: c.accountCurrency.toLowerCase(),
  };
  if (c.maxOrderValue !== undefined) limits.maxOrderValue = c.maxOrderValue;
  if (c.maxPositionLots !== undefined) limits.maxPositionLots = c.maxPositionLots;
  if (c.maxDailyLoss !== undefined) limits.maxDailyLoss = c.maxDailyLoss;
  if (c.tradableStatuses !== undefined) limits.tradableStatuses = c.tradableStatuses;
  if (c.tradeFrom !== undefined) limits.tradeFrom = Date.parse(c.tradeFrom);
  return limits;
}
