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

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|([+-])(\d{2}):(\d{2}))?)?$/;
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** The first field of a date that is out of its range, worded; undefined when all are valid. */
function badField([y, mo, d, h, mi, s]: readonly number[]): string | undefined {
  const pad = (n: number) => String(n).padStart(2, '0');
  if (mo < 1 || mo > 12) return `month ${pad(mo)} is not 01..12`;
  const days = mo === 2 && leap(y) ? 29 : DAYS_IN_MONTH[mo - 1];
  if (d < 1 || d > days) return `day ${pad(d)} is not in ${MONTHS[mo - 1]} ${y} (01..${days})`;
  if (h > 23) return `hour ${pad(h)} is not 00..23`;
  if (mi > 59) return `minute ${pad(mi)} is not 00..59`;
  if (s > 59) return `second ${pad(s)} is not 00..59`;
  return undefined;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function leap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/**
 * Parses an ISO date (`2024-01-01`) or date-time (`2024-01-01T10:00`, `...Z`, `...+03:00`) as UTC.
 * A date-time without an offset is read as UTC, never as local time. Strict: every field must be
 * in range (`2025-02-30`, `2025-02-29` and `T25:00` are refused, naming the field), never rolled
 * over into the next month or day as `Date` would.
 * @throws UsageError naming `label` (e.g. the CLI's `--from`) and the wrong field.
 */
export function parseUtc(text: string, label = 'date'): number {
  const m = ISO.exec(text.trim());
  if (!m)
    throw new UsageError(
      `${label} '${text}' is not an ISO date`,
      'use YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS][Z|+HH:MM]',
    );
  const [y, mo, d, h = 0, mi = 0, s = 0] = m
    .slice(1, 7)
    .map((x) => (x === undefined ? 0 : Number(x)));
  const field = badField([y, mo, d, h, mi, s]);
  if (field) throw new UsageError(`${label} '${text}' is not a date: ${field}`, 'check the date');
  const offHours = Number(m[10] ?? 0);
  const offMinutes = Number(m[11] ?? 0);
  if (offHours > 23 || offMinutes > 59)
    throw new UsageError(
      `${label} '${text}' has an offset out of range`,
      'use an offset from -23:59 to +23:59, or Z',
    );
  const t = new Date(0);
  // setUTCFullYear keeps years 0..99 as written (Date.UTC would read 99 as 1999).
  t.setUTCFullYear(y, mo - 1, d);
  t.setUTCHours(h, mi, s, Number((m[7] ?? '0').padEnd(3, '0')));
  const offset = (m[9] === '-' ? -1 : 1) * (offHours * 60 + offMinutes) * 60_000;
  return t.getTime() - offset;
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
