/**
 * @module The live config: what `tlab promote --from sandbox` writes and `tlab live` requires. It
 * names exactly what was proven on the way up (strategy, parameters, the sha256 of the strategy's
 * source, instruments, interval, the sandbox run and its parity) and what live trading needs
 * besides (the risk guards' limits, the account to trade). Validated with zod on read, so a
 * hand-edited or truncated file is refused with the field that is wrong.
 */
import { readFileSync } from 'node:fs';
import { z } from '../../core/zod.ts';
import { UsageError } from '../../core/errors.ts';

/** The value of `kind`, so a stray JSON file is not taken for a live config. */
export const LIVE_CONFIG_KIND = 'tlab-live-config';

const positive = z.number().check(z.positive());

/**
 * The risk guards' limits, as the guards (src/live/guards) read them from a live config: the three
 * a real-money run requires, plus any of their optional settings, passed through unchanged.
 */
export const liveGuardsSchema = z.looseObject({
  maxOrderValue: positive,
  maxPositionLots: z.int().check(z.positive()),
  maxDailyLoss: positive,
});

const named = z.string().check(z.minLength(1));

/** The live config file's shape. */
export const liveConfigSchema = z.strictObject({
  kind: z.literal(LIVE_CONFIG_KIND),
  version: z.literal(1),
  strategy: named,
  params: z.record(z.string(), z.unknown()),
  strategySourceHash: z.string().check(z.regex(/^[0-9a-f]{64}$/, 'a sha256 in hex')),
  instruments: z.array(z.object({ uid: named, ticker: named })).check(z.minLength(1)),
  interval: named,
  guards: liveGuardsSchema,
  accountId: named,
  promotedFrom: z.object({
    sandboxRunId: named,
    backtestRunId: named,
    period: z.object({ from: z.string(), to: z.string() }),
    parity: z.object({
      withinTolerance: z.literal(true),
      priceTicks: z.number(),
      slippageCost: z.number(),
    }),
    promotedAt: z.string(),
  }),
});

/** A validated live config. */
export type LiveConfig = z.infer<typeof liveConfigSchema>;

/** The config's JSON text: two-space indented, newline-terminated. */
export function formatLiveConfig(c: LiveConfig): string {
  return `${JSON.stringify(liveConfigSchema.parse(c), null, 2)}\n`;
}

/**
 * Reads and validates the live config at `file`.
 * @throws UsageError naming the file and the first problem (missing, not JSON, a bad field).
 */
export function readLiveConfig(file: string): LiveConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw new UsageError(
      `cannot read the live config ${file} (${code})`,
      'write one with tlab promote --from sandbox RUN --out FILE',
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new UsageError(
      `the live config ${file} is not JSON`,
      'write it again with tlab promote --from sandbox RUN --out FILE',
    );
  }
  const r = liveConfigSchema.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0];
    const where = issue.path.length === 0 ? '' : ` at ${issue.path.join('.')}`;
    throw new UsageError(
      `the live config ${file} is not a promoted config${where}: ${issue.message}`,
      'write it with tlab promote --from sandbox RUN --out FILE, not by hand',
    );
  }
  return r.data;
}
