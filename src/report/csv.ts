/**
 * @module CSV outputs: `trades.csv` (one round trip a row) and `equity.csv` (equity at every candle
 * close). Times are ISO 8601 UTC; numbers are plain decimals, never exponent notation. Prices
 * print exactly as given (shortest round-trip decimal); money (pnl, commission, equity) is rounded
 * to 1e-6, which hides float noise and keeps sums exact to the kopeck.
 */
import { isoUtc } from '../core/time.ts';
import type { EquityCurve, RoundTrip } from '../engine/result.ts';
import { writeAtomically } from './atomic-file.ts';
import type { AtomicFileWriter } from './atomic-file.ts';
import { plainDecimal, roundedDecimal } from './format.ts';

/** The header of `trades.csv`, exactly. */
export const TRADES_CSV_HEADER =
  'instrument,side,lots,entry_time,entry_price,exit_time,exit_price,pnl,commission';

/** The header of `equity.csv`, exactly. */
export const EQUITY_CSV_HEADER = 'time,equity';

/** Quotes a text field when it holds a comma, quote or line break (RFC 4180). */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function isoOrEmpty(t: number): string {
  return Number.isFinite(t) ? isoUtc(t) : '';
}

/** One `trades.csv` row (without the line break). */
export function tradeCsvRow(t: RoundTrip): string {
  return [
    csvField(t.instrument),
    t.side,
    plainDecimal(t.lots),
    isoOrEmpty(t.entryTime),
    plainDecimal(t.entryPrice),
    isoOrEmpty(t.exitTime),
    plainDecimal(t.exitPrice),
    roundedDecimal(t.pnl),
    roundedDecimal(t.commission),
  ].join(',');
}

/** Streams `trades.csv` text into a writer, header first, LF line ends. */
export function writeTradesCsvTo(out: AtomicFileWriter, trades: readonly RoundTrip[]): void {
  out.write(`${TRADES_CSV_HEADER}\n`);
  for (const t of trades) out.write(`${tradeCsvRow(t)}\n`);
}

/** The whole `trades.csv` text (header and one line per round trip). */
export function formatTradesCsv(trades: readonly RoundTrip[]): string {
  return `${[TRADES_CSV_HEADER, ...trades.map(tradeCsvRow)].join('\n')}\n`;
}

const DAY_MS = 86_400_000;
const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/**
 * {@link isoUtc} for a run of ascending instants: the `YYYY-MM-DDT` prefix is computed once per day
 * and whole seconds are formatted by hand, which makes a million-row equity file several times
 * faster to write. The text is exactly what `isoUtc` gives.
 */
function isoUtcSequential(): (t: number) => string {
  let dayStart = Number.NaN;
  let prefix = '';
  return (t) => {
    // Fractions of a second and years outside 0000-9999 take the general path.
    if (t % 1000 !== 0 || !(t >= 0 && t < 253_402_300_800_000)) return isoUtc(t);
    if (!(t >= dayStart && t < dayStart + DAY_MS)) {
      dayStart = Math.floor(t / DAY_MS) * DAY_MS;
      prefix = isoUtc(dayStart).slice(0, 11);
    }
    const s = (t - dayStart) / 1000;
    return `${prefix}${pad2(Math.floor(s / 3600))}:${pad2(Math.floor(s / 60) % 60)}:${pad2(s % 60)}Z`;
  };
}

/** Streams `equity.csv` rows (`time` is the candle's open time) into a writer. */
export function writeEquityCsvTo(out: AtomicFileWriter, curve: EquityCurve): void {
  out.write(`${EQUITY_CSV_HEADER}\n`);
  const n = Math.min(curve.time.length, curve.equity.length);
  const iso = isoUtcSequential();
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    lines.push(`${iso(curve.time[i])},${roundedDecimal(curve.equity[i])}\n`);
    // Hands over a block at a time: memory stays flat however long the curve is.
    if (lines.length === 1024) {
      out.write(lines.join(''));
      lines.length = 0;
    }
  }
  if (lines.length > 0) out.write(lines.join(''));
}

/** Writes `trades.csv` to `path` atomically. */
export function writeTradesCsv(path: string, trades: readonly RoundTrip[]): void {
  writeAtomically(path, (out) => writeTradesCsvTo(out, trades));
}

/** Writes `equity.csv` to `path` atomically, in chunks (1M rows never form one string). */
export function writeEquityCsv(path: string, curve: EquityCurve): void {
  writeAtomically(path, (out) => writeEquityCsvTo(out, curve));
}
