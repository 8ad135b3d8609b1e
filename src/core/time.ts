/**
 * @module UTC time helpers: parsing ISO dates and printing instants. A date-only value means
 * 00:00 UTC of that day; a range's `to` is always exclusive, as in the API.
 */
import { UsageError } from './errors.ts';

/** A half-open time range [from, to) in epoch ms UTC. */
export interface TimeRange {
  from: number;
  to: number;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * Parses an ISO date (`2024-01-01`) or date-time (`2024-01-01T10:00`, `...Z`, `...+03:00`) as UTC.
 * A date-time without an offset is read as UTC, never as local time.
 * @throws UsageError naming `label` (e.g. the CLI's `--from`) when the text is not such a value.
 */
export function parseUtc(text: string, label = 'date'): number {
  const s = text.trim();
  let iso: string;
  if (DATE_ONLY.test(s)) iso = `${s}T00:00:00Z`;
  else if (DATE_TIME.test(s)) iso = /(Z|[+-]\d{2}:\d{2})$/.test(s) ? s : `${s}Z`;
  else
    throw new UsageError(
      `${label} '${text}' is not an ISO date`,
      'use YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS][Z]',
    );
  const t = Date.parse(iso);
  if (Number.isNaN(t))
    throw new UsageError(`${label} '${text}' is not a valid date`, 'check the day and month');
  return t;
}

/** ISO 8601 UTC text of an instant, without milliseconds when they are zero. */
export function isoUtc(t: number): string {
  const s = new Date(t).toISOString();
  return s.endsWith('.000Z') ? `${s.slice(0, -5)}Z` : s;
}

/** `YYYY-MM-DD` of the UTC day containing `t`. */
export function utcDay(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

/** Epoch ms of 00:00 UTC of the day containing `t`. */
export function dayStart(t: number): number {
  return Math.floor(t / 86_400_000) * 86_400_000;
}
