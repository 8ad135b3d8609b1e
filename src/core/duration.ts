/**
 * @module Durations as people type them (`90s`, `15m`, `2h`, `1d`, `1w`, or combined: `1h30m`), in
 * whole milliseconds. Used by `--for`, `--warmup` and config files.
 */
import { UsageError } from './errors.ts';

const UNIT_MS: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
};

/**
 * Parses a duration such as `2h` or `1h30m` into ms (> 0).
 * @throws UsageError naming the flag when the text is not a duration.
 */
export function parseDuration(text: string, label = 'duration'): number {
  const t = text.trim();
  const parts = [...t.matchAll(/(\d+)(ms|s|m|h|d|w)/g)];
  const joined = parts.map((p) => p[0]).join('');
  if (t === '' || joined !== t) {
    throw new UsageError(
      `${label} '${text}' is not a duration`,
      'write a number with a unit, e.g. 90s, 15m, 2h, 1d or 1h30m',
    );
  }
  const ms = parts.reduce((sum, p) => sum + Number(p[1]) * UNIT_MS[p[2]], 0);
  if (!(ms > 0)) throw new UsageError(`${label} '${text}' is zero`, 'give a positive duration');
  return ms;
}
