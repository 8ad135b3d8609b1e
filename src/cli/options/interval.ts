/**
 * @module The `--interval` option, defined once: reading interval names the same way in every
 * command, a list (comma-separated and repeatable) or a single one.
 */
import { UsageError } from '../../core/errors.ts';
import type { Interval } from '../../core/interval.ts';
import { INTERVALS, isInterval } from '../../core/interval.ts';
import { parsed, parsedList } from './validate.ts';

/** One interval name; a UsageError lists the valid ones. */
export function parseInterval(text: string): Interval {
  const s = text.trim();
  if (isInterval(s)) return s;
  throw new UsageError(
    `--interval '${text}' is not an interval`,
    `use one of ${INTERVALS.join(', ')}`,
  );
}

/** A comma-separated list of intervals, without duplicates, in the order given. */
export function parseIntervalList(text: string | readonly string[]): Interval[] {
  const items = (typeof text === 'string' ? [text] : text).flatMap((t) => t.split(','));
  return [...new Set(items.map(parseInterval))];
}

/** `--interval 1h,1d --interval 1w`: several intervals; without `fallback` it is required. */
export function intervalListOption(fallback?: readonly Interval[], describe?: string) {
  return {
    interval: {
      type: 'string',
      array: true,
      requiresArg: true,
      ...(fallback ? { default: [...fallback] } : { demandOption: true }),
      describe: describe ?? `Intervals, comma-separated: ${INTERVALS.join(', ')}`,
    },
  } as const;
}

/** `--interval 1h`: exactly one interval. */
export function intervalOption(describe = `One of ${INTERVALS.join(', ')}`) {
  return { interval: { type: 'string', demandOption: true, requiresArg: true, describe } } as const;
}

/** Schema of {@link intervalListOption}. */
export const intervalListSchema = parsedList((items) => parseIntervalList(items));

/** Schema of {@link intervalOption}. */
export const intervalSchema = parsed(parseInterval);
