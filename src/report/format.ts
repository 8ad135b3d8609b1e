/**
 * @module Number and duration formatting shared by every report. Machine outputs (CSV) get plain
 * decimals that round-trip; human outputs (terminal, HTML) get percentages, grouped money and
 * day/hour durations. Nothing here depends on the locale, so output is the same on every machine.
 */

/** What a report shows for an undefined metric. */
export const NONE = '—';

const EXPONENT = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/;

/**
 * The shortest decimal that reads back as `x`, never in exponent notation (`1e-7` → `0.0000001`).
 * Negative zero prints as `0`. Returns '' for NaN and ±Infinity.
 */
export function plainDecimal(x: number): string {
  if (!Number.isFinite(x)) return '';
  const s = String(x);
  if (!s.includes('e')) return s;
  const m = EXPONENT.exec(s);
  if (m === null) return s;
  const [, sign, int, frac = '', exp] = m;
  const digits = int + frac;
  const point = 1 + Number(exp);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/**
 * `x` rounded to `decimals` places, then printed as {@link plainDecimal} (trailing zeros dropped).
 * Used for money in CSV: 1e-6 keeps sums exact to the kopeck while hiding float noise.
 */
export function roundedDecimal(x: number, decimals = 6): string {
  if (!Number.isFinite(x)) return '';
  return plainDecimal(Number(x.toFixed(decimals)));
}

/** Groups the integer digits of a plain decimal with commas: `1234567.5` → `1,234,567.5`. */
function groupThousands(text: string): string {
  const neg = text.startsWith('-');
  const body = neg ? text.slice(1) : text;
  const dot = body.indexOf('.');
  const int = dot < 0 ? body : body.slice(0, dot);
  const rest = dot < 0 ? '' : body.slice(dot);
  const grouped = int.replace(/\B(?=(\d{3})+$)/g, ',');
  return (neg ? '-' : '') + grouped + rest;
}

/** Money with two decimals and thousands separators; null/non-finite → "—". */
export function formatMoney(x: number | null): string {
  if (x === null || !Number.isFinite(x)) return NONE;
  const fixed = (Object.is(x, -0) ? 0 : x).toFixed(2);
  return groupThousands(fixed === '-0.00' ? '0.00' : fixed);
}

/** A fraction as a percentage with two decimals (`0.1234` → `12.34%`); null → "—". */
export function formatPercent(x: number | null): string {
  if (x === null || !Number.isFinite(x)) return NONE;
  const fixed = (x * 100).toFixed(2);
  return `${fixed === '-0.00' ? '0.00' : fixed}%`;
}

/** A ratio with two decimals; null → "—". */
export function formatRatio(x: number | null): string {
  if (x === null || !Number.isFinite(x)) return NONE;
  const fixed = x.toFixed(2);
  return fixed === '-0.00' ? '0.00' : groupThousands(fixed);
}

/** An integer count with thousands separators; null → "—". */
export function formatCount(x: number | null): string {
  if (x === null || !Number.isFinite(x)) return NONE;
  return groupThousands(String(Math.round(x)));
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A duration in ms as days and hours (`3d 4h`), hours and minutes, or minutes; null → "—". */
export function formatDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return NONE;
  const t = Math.max(0, Math.round(ms / MINUTE) * MINUTE);
  const d = Math.floor(t / DAY);
  const h = Math.floor((t % DAY) / HOUR);
  const m = Math.floor((t % HOUR) / MINUTE);
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${m}m`;
  return `${m}m`;
}

/** A price as given (shortest round-trip decimal); non-finite → "—". */
export function formatPrice(x: number): string {
  return Number.isFinite(x) ? plainDecimal(x) : NONE;
}

/** An instant as `YYYY-MM-DD HH:MM` UTC, the compact form the human-facing tables use. */
export function formatInstant(t: number): string {
  if (!Number.isFinite(t)) return NONE;
  const s = new Date(t).toISOString();
  return `${s.slice(0, 10)} ${s.slice(11, 16)}`;
}

/** A value's readable form for parameter lists: numbers plain, strings bare, the rest as JSON. */
export function formatParam(value: unknown): string {
  if (typeof value === 'number') return Number.isFinite(value) ? plainDecimal(value) : 'null';
  if (typeof value === 'string') return value;
  if (typeof value === 'bigint') return value.toString();
  return JSON.stringify(value) ?? 'undefined';
}

/** `key=value` pairs sorted by key, space-separated (`fast=10 slow=30`); '' when empty. */
export function formatParams(params: Record<string, unknown>): string {
  return Object.keys(params)
    .sort()
    .map((k) => `${k}=${formatParam(params[k])}`)
    .join(' ');
}
