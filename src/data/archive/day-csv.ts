/**
 * @module One day file of a T-Invest yearly archive: `<instrument_uid>_<YYYYMMDD>.csv`, lines
 * `id;time;open;close;high;low;volume;` (close before high and low, no header, trailing `;`, time
 * in UTC like `2024-09-27T20:33:00Z`). Real quirks (off-tick prices, weekend sessions, missing
 * minutes) are kept; anything malformed or breaking OHLC rules is an error naming file and line.
 */
import type { Candle } from '../../core/candle.ts';
import { DataIntegrityError } from '../../core/errors.ts';
import { candleProblem } from '../candle-validate.ts';

const FILE_NAME = /(?:^|\/)([^/]+)_(\d{4})(\d{2})(\d{2})\.csv$/i;
const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/** Hint attached to every archive parsing error. */
export const ARCHIVE_HINT =
  'the archive is damaged or not a T-Invest yearly archive; download it again (nothing from it was imported)';

/** The instrument id and UTC day (epoch ms of 00:00) a day file's name declares. */
export interface DayFileName {
  id: string;
  day: number;
}

/** Parses `<id>_<YYYYMMDD>.csv` (possibly inside folders), or undefined for other names. */
export function parseDayFileName(name: string): DayFileName | undefined {
  const m = FILE_NAME.exec(name);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[2]), Number(m[3]), Number(m[4])];
  const day = Date.UTC(y, mo - 1, d);
  const back = new Date(day);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d)
    return undefined;
  return { id: m[1], day };
}

/** A parsed day file: the first-column instrument id and the day's candles, oldest first. */
export interface ParsedDay {
  /** The first column's identifier (a uid in current archives, a FIGI in old ones); '' if empty. */
  id: string;
  candles: Candle[];
}

/**
 * Parses the text of one day file whose name declares UTC day `day`.
 * @param where prefix for error messages, e.g. `BBG004730N88_2024.zip: <uid>_20240102.csv`
 * @throws DataIntegrityError naming the line on a malformed row, a time outside the day or out of
 * order, a mixed instrument id, or a candle that breaks OHLC rules.
 */
export function parseDayCsv(text: string, where: string, day: number): ParsedDay {
  const candles: Candle[] = [];
  const date = new Date(day).toISOString().slice(0, 10);
  let id = '';
  let lineNo = 0;
  const fail: (problem: string) => never = (problem) => {
    throw new DataIntegrityError(`${where} line ${lineNo}: ${problem}`, ARCHIVE_HINT);
  };
  for (const raw of text.split('\n')) {
    lineNo++;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line === '') continue;
    const f = line.split(';');
    if (!(f.length === 7 || (f.length === 8 && f[7] === '')))
      fail(`expected 7 fields 'id;time;open;close;high;low;volume;', got ${f.length}`);
    if (id === '') id = f[0];
    else if (f[0] !== id) fail(`instrument id ${f[0]} differs from ${id} on earlier lines`);
    const time = parseTime(f[1], date, day);
    if (time === undefined) fail(`time '${f[1]}' is not YYYY-MM-DDTHH:MM:SSZ`);
    if (time < 0) fail(`time ${f[1]} is not on the file's day ${date}`);
    const prev = candles[candles.length - 1];
    if (prev && time <= prev.time) fail(`time ${f[1]} is not after the previous line's`);
    const c: Candle = {
      time,
      open: number(f[2], 'open', fail),
      close: number(f[3], 'close', fail),
      high: number(f[4], 'high', fail),
      low: number(f[5], 'low', fail),
      volume: number(f[6], 'volume', fail),
    };
    const problem = candleProblem('1m', c);
    if (problem) fail(problem);
    candles.push(c);
  }
  return { id, candles };
}

/**
 * Open time of a row on UTC day `day` (whose `YYYY-MM-DD` is `date`); -1 for a well-formed time on
 * another day; undefined when malformed. Hand-rolled: it runs once per row of every archive.
 */
function parseTime(s: string, date: string, day: number): number | undefined {
  if (!TIME.test(s)) return undefined;
  const h = +s.slice(11, 13);
  const m = +s.slice(14, 16);
  const sec = +s.slice(17, 19);
  if (h > 23 || m > 59 || sec > 59) return undefined;
  if (!s.startsWith(date)) return -1;
  return day + h * 3_600_000 + m * 60_000 + sec * 1000;
}

function number(s: string, column: string, fail: (problem: string) => never): number {
  const first = s.charCodeAt(0);
  const n = (first >= 48 && first <= 57) || first === 45 ? Number(s) : NaN;
  if (Number.isNaN(n)) fail(`${column} '${s}' is not a number`);
  return n;
}
