/**
 * @module Small text helpers shared by the `tlab data` commands: counts with thousands separators,
 * instrument labels and time ranges printed the same way everywhere.
 */
import type { Instrument } from '../../core/instrument.ts';
import { isoUtc, utcDay, type TimeRange } from '../../core/time.ts';

const DAY_MS = 86_400_000;

/** `--allow-mixed-sources`, shared by every command that writes candles into the cache. */
export const allowMixedOption = {
  'allow-mixed-sources': {
    type: 'boolean',
    default: false,
    describe: 'Write into a series that holds candles from another source (the mix is recorded)',
  },
} as const;

/** `257500` → `257,500` (fixed format, independent of the machine's locale). */
export function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** `SBER@TQBR`, or the ticker alone when the class code is unknown, or the uid. */
export function instrumentLabel(instrument: Instrument | undefined, uid: string): string {
  if (!instrument) return uid;
  const ticker = instrument.ticker || uid;
  return instrument.classCode ? `${ticker}@${instrument.classCode}` : ticker;
}

/** An instant as a date when it is midnight UTC, else ISO date-time. */
export function instant(t: number): string {
  return t % DAY_MS === 0 ? utcDay(t) : isoUtc(t);
}

/** A half-open range as `from..to` (to exclusive). */
export function rangeText(r: TimeRange): string {
  return `${instant(r.from)}..${instant(r.to)}`;
}

/** Up to `max` ranges, then how many more; `-` for none. */
export function rangesText(ranges: readonly TimeRange[], max = 3): string {
  if (ranges.length === 0) return '-';
  const shown = ranges.slice(0, max).map(rangeText).join(', ');
  return ranges.length > max ? `${shown} (+${ranges.length - max} more)` : shown;
}

/** A range as JSON-friendly ISO strings. */
export function rangeJson(r: TimeRange): { from: string; to: string } {
  return { from: isoUtc(r.from), to: isoUtc(r.to) };
}

/** Left-aligned text table with two spaces between columns. */
export function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return (
    rows
      .map((r) =>
        r
          .map((cell, c) => cell.padEnd(widths[c]))
          .join('  ')
          .trimEnd(),
      )
      .join('\n') + '\n'
  );
}
