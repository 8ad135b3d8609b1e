/**
 * @module The `--from`/`--to` options, defined once and read the same way by every command: ISO
 * dates or date-times in UTC, `to` exclusive and defaulting to now, `from` before `to` and not in
 * the future.
 */
import { z } from '../../core/zod.ts';
import { UsageError } from '../../core/errors.ts';
import { parseUtc, type TimeRange } from '../../core/time.ts';
import { attempt } from './validate.ts';

/** `--from` (required unless `fromDescribe` says what its absence means) and `--to`. */
export function rangeOptions(fromDescribe?: string) {
  return {
    from: {
      type: 'string',
      requiresArg: true,
      ...(fromDescribe
        ? { describe: fromDescribe }
        : { demandOption: true, describe: 'Start, ISO date or date-time (UTC)' }),
    },
    to: { type: 'string', requiresArg: true, describe: 'End, exclusive (default: now)' },
  } as const;
}

/** Reads a `--from`/`--to` pair: `to` defaults to `now`, must be after `from`, `from` not in the future. */
export function parseRange(from: string, to: string | undefined, now: number): TimeRange {
  const f = parseUtc(from, '--from');
  const t = to === undefined ? now : parseUtc(to, '--to');
  if (f > now)
    throw new UsageError(`--from ${from} is in the future`, 'pick a start date before today');
  if (t <= f)
    throw new UsageError(
      `--from ${from} is not before --to ${to ?? 'now'}`,
      'swap them or widen the range',
    );
  return { from: f, to: Math.min(t, now) };
}

/** Schema of {@link rangeOptions} with a required `--from`: the parsed range. */
export function rangeSchema(now: number) {
  return z.pipe(
    z.object({ from: z.string(), to: z.optional(z.string()) }),
    z.transform(({ from, to }: { from: string; to?: string }, ctx) =>
      attempt(ctx, () => parseRange(from, to, now)),
    ),
  );
}

/** {@link rangeSchema} as `{ range }`, to intersect with a command's other options. */
export function inRange(now: number) {
  return z.pipe(
    rangeSchema(now),
    z.transform((range: TimeRange) => ({ range })),
  );
}

/** Schema of `--to` alone (a command whose `--from` is optional). */
export const toSchema = z.pipe(
  z.optional(z.string()),
  z.transform((to: string | undefined, ctx) =>
    to === undefined ? undefined : attempt(ctx, () => parseUtc(to, '--to')),
  ),
);
