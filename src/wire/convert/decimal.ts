/**
 * @module Exact decimal arithmetic for the API's fixed-point numbers (units + nano·1e-9). Values move
 * through decimal strings and BigInt nanos, never through floating multiplication, so every value
 * with up to 9 decimals converts exactly.
 */
import { DataIntegrityError } from '../../core/errors.ts';

const NANO = 1_000_000_000n;
const DECIMAL_RE = /^([+-]?)(\d+)(?:\.(\d*))?$|^([+-]?)\.(\d+)$/;

/** Largest |number| for which the floating fast paths below are provably exact. */
export const FAST_LIMIT = 1_000_000;

/**
 * Parses a plain decimal string (`-12.5`, `0.000000001`, `+3`) into total nanos. More than 9
 * decimals round half away from zero.
 */
export function decimalToNanos(text: string): bigint {
  const m = DECIMAL_RE.exec(text.trim());
  if (!m) {
    throw new DataIntegrityError(
      `not a plain decimal number: "${text}"`,
      'write digits with an optional sign and decimal point, e.g. 268.05',
    );
  }
  const sign = (m[1] ?? m[4]) === '-' ? -1n : 1n;
  const intPart = m[2] ?? '0';
  const frac = m[3] ?? m[5] ?? '';
  let nanos = BigInt(intPart) * NANO + BigInt((frac.slice(0, 9) || '0').padEnd(9, '0'));
  if (frac.length > 9 && frac.charCodeAt(9) >= 53 /* '5' */) nanos += 1n;
  return sign * nanos;
}

/** Formats total nanos as the shortest plain decimal string (`-0.5`, `268.05`, `3`). */
export function nanosToDecimal(nanos: bigint): string {
  const neg = nanos < 0n;
  const abs = neg ? -nanos : nanos;
  const units = abs / NANO;
  const frac = (abs % NANO).toString().padStart(9, '0').replace(/0+$/, '');
  const body = frac ? `${units}.${frac}` : `${units}`;
  return neg && abs !== 0n ? `-${body}` : body;
}

/**
 * A JS number as a plain decimal string without exponent, using the shortest representation
 * that reads back to the same number (so 0.1 gives "0.1", 1e-7 gives "0.0000001").
 */
export function numberToDecimal(value: number): string {
  if (!Number.isFinite(value)) {
    throw new DataIntegrityError(
      `not a finite number: ${value}`,
      'prices and amounts must be finite',
    );
  }
  const s = String(value);
  if (!s.includes('e')) return s;
  const [mant, expText] = s.split('e');
  const exp = Number(expText);
  const neg = mant.startsWith('-');
  const digits = mant.replace(/^-/, '').replace('.', '');
  const pointAt = (mant.replace(/^-/, '').indexOf('.') + 1 || digits.length + 1) - 1 + exp;
  let out: string;
  if (pointAt <= 0) out = `0.${'0'.repeat(-pointAt)}${digits}`;
  else if (pointAt >= digits.length) out = digits + '0'.repeat(pointAt - digits.length);
  else out = `${digits.slice(0, pointAt)}.${digits.slice(pointAt)}`;
  return neg ? `-${out}` : out;
}

/** Splits total nanos into the API's same-signed units and nano parts. */
export function splitNanos(nanos: bigint): { units: number; nano: number } {
  const units = nanos / NANO;
  if (units > BigInt(Number.MAX_SAFE_INTEGER) || units < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new DataIntegrityError(
      `number out of range: ${nanosToDecimal(nanos)}`,
      `the integer part must stay within ±${Number.MAX_SAFE_INTEGER}`,
    );
  }
  return { units: Number(units) || 0, nano: Number(nanos % NANO) || 0 };
}

/** Joins units and nano parts into total nanos (the parts may even disagree in sign). */
export function joinNanos(units: number, nano: number): bigint {
  return BigInt(units) * NANO + BigInt(nano);
}
