/**
 * @module The yearly 1-minute history archive in the real format: a zip with one CSV per trading day
 * named `<instrument_uid>_<YYYYMMDD>.csv`, each line `uid;time;open;close;high;low;volume;` (close
 * before high and low, no header, LF, trailing `;`, plain decimals). Only whole past UTC days go in;
 * the current day never does. Zip entries carry a fixed per-day timestamp so the same market gives
 * byte-identical archives on every machine.
 */
import { zipSync, type Zippable } from 'fflate';
import type { Candle } from '../../core/candle.ts';
import { isoUtc } from '../../core/time.ts';
import { numberToDecimal } from '../../wire/convert/decimal.ts';
import type { CandleQuery } from '../market/candle-query.ts';

const DAY = 86_400_000;
const encoder = new TextEncoder();

/** One CSV line of the archive (with its LF). */
export function archiveLine(uid: string, c: Candle): string {
  return line(uid, isoUtc(c.time), c);
}

function line(uid: string, time: string, c: Candle): string {
  const n = numberToDecimal;
  return `${uid};${time};${n(c.open)};${n(c.close)};${n(c.high)};${n(c.low)};${n(c.volume)};\n`;
}

/** `HH:MM:SSZ` of every minute of a day, so a year of lines needs no Date objects. */
const MINUTE_TEXT = Array.from({ length: 1440 }, (_, m) => {
  const hh = String(Math.floor(m / 60)).padStart(2, '0');
  const mm = String(m % 60).padStart(2, '0');
  return `${hh}:${mm}:00Z`;
});

/** The day's CSV text; `day` is the UTC day start all candles belong to. */
function dayText(uid: string, day: number, candles: readonly Candle[]): string {
  const prefix = `${new Date(day).toISOString().slice(0, 10)}T`;
  let out = '';
  for (const c of candles) {
    const offset = c.time - day;
    // Whole minutes take the fast path; anything else (a foreign cache) is formatted in full.
    const time = offset % 60_000 === 0 ? prefix + MINUTE_TEXT[offset / 60_000] : isoUtc(c.time);
    out += line(uid, time, c);
  }
  return out;
}

/** `YYYYMMDD` of a UTC day start. */
function compactDay(t: number): string {
  return new Date(t).toISOString().slice(0, 10).replaceAll('-', '');
}

/**
 * A fixed DOS timestamp for a day's entry. fflate reads Date fields in local time, so the Date is
 * built from local fields (noon, clear of DST jumps) to give the same bytes in every time zone.
 */
function entryTime(t: number): Date {
  const d = new Date(t);
  return new Date(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), 12, 0, 0);
}

/**
 * The archive of instrument `uid` for UTC year `year` as zip bytes, or null when that year has no
 * complete day with candles before `now` (the API answers 404 then).
 */
export function buildYearArchive(
  query: CandleQuery,
  uid: string,
  year: number,
  now: number,
): Uint8Array | null {
  const start = Date.UTC(year, 0, 1);
  const end = Math.min(Date.UTC(year + 1, 0, 1), Math.floor(now / DAY) * DAY);
  const files: Zippable = {};
  let any = false;
  for (let t = start; t < end; t += DAY) {
    const candles = query.source.minuteCandles(uid, t, t + DAY);
    if (candles.length === 0) continue;
    const text = dayText(uid, t, candles);
    files[`${uid}_${compactDay(t)}.csv`] = [encoder.encode(text), { mtime: entryTime(t) }];
    any = true;
  }
  // Level 1: a year compresses in about half the time of level 6 for ~2% more bytes.
  return any ? zipSync(files, { level: 1 }) : null;
}
