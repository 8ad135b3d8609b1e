/**
 * @module Text forms of candles for `data export`: CSV rows (`time,open,high,low,close,volume`,
 * ISO 8601 UTC time, prices as plain decimals, never exponent notation) and JSON objects.
 */
import type { CandleBatch } from '../core/candle.ts';
import { isoUtc } from '../core/time.ts';

/** The CSV header line (without newline). */
export const CSV_HEADER = 'time,open,high,low,close,volume';

/**
 * A number as a plain decimal: JavaScript's shortest round-trip digits, with any exponent
 * (`5e-7`, `1.5e+21`) expanded so spreadsheets and `awk` read it as written.
 */
export function plainDecimal(x: number): string {
  const s = String(x);
  const e = s.indexOf('e');
  if (e < 0) return s;
  const negative = s.startsWith('-');
  const mantissa = s.slice(negative ? 1 : 0, e);
  const exponent = Number(s.slice(e + 1));
  const dot = mantissa.indexOf('.');
  const digits = mantissa.replace('.', '');
  const point = (dot < 0 ? mantissa.length : dot) + exponent;
  let out: string;
  if (point <= 0) out = `0.${'0'.repeat(-point)}${digits}`;
  else if (point >= digits.length) out = digits + '0'.repeat(point - digits.length);
  else out = `${digits.slice(0, point)}.${digits.slice(point)}`;
  return negative ? `-${out}` : out;
}

/** CSV lines (each ending in `\n`) for candle `i` of a batch. */
export function formatCandleCsv(b: CandleBatch, i: number): string {
  return `${isoUtc(b.time[i])},${plainDecimal(b.open[i])},${plainDecimal(b.high[i])},${plainDecimal(b.low[i])},${plainDecimal(b.close[i])},${plainDecimal(b.volume[i])}\n`;
}

/** One candle as a JSON object text (no trailing separator), with ISO time and plain numbers. */
export function formatCandleJson(b: CandleBatch, i: number): string {
  return `{"time":"${isoUtc(b.time[i])}","open":${plainDecimal(b.open[i])},"high":${plainDecimal(b.high[i])},"low":${plainDecimal(b.low[i])},"close":${plainDecimal(b.close[i])},"volume":${plainDecimal(b.volume[i])}}`;
}
