/**
 * @module Reading `--interval` values the same way in every command.
 */
import { UsageError } from '../../core/errors.ts';
import type { Interval } from '../../core/interval.ts';
import { INTERVALS, isInterval } from '../../core/interval.ts';

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
export function parseIntervalList(text: string | string[]): Interval[] {
  const items = (Array.isArray(text) ? text : [text]).flatMap((t) => t.split(','));
  return [...new Set(items.map(parseInterval))];
}
