/**
 * @module `data verify`: reads every chunk and checks what the writer guarantees (checksum, header,
 * sorted unique aligned times inside the chunk's span, finite OHLC that holds, metadata columns
 * matching the BLOB) plus disjoint coverage rows and SQLite's own quick_check. Off-tick prices and
 * candles outside covered ranges are facts worth knowing, not corruption: they are counted only.
 * Price jumps the series' volatility does not explain and source changes are warnings (see
 * verify-continuity.ts): what stitched sources look like, for a person to check.
 */
import type Database from 'better-sqlite3';
import { isOnStep } from '../core/instrument.ts';
import { alignTime, isInterval } from '../core/interval.ts';
import { type CandleBatch, candleAt } from '../core/candle.ts';
import type { TimeRange } from '../core/time.ts';
import { candleProblem, describeTime } from './candle-validate.ts';
import { chunkByteLength, chunkChecksum, chunkHeader, CHUNK_FORMAT, decodeChunk } from './chunk-codec.ts';
import { chunkLabel, nextChunkStart } from './chunk-key.ts';
import type { CoverageRepo } from './coverage-repo.ts';
import type { InstrumentRepo } from './instrument-repo.ts';
import { insideRanges } from './time-ranges.ts';
import type { SessionCalendar } from '../core/session-calendar.ts';
import { classifyGaps, type GapSummary } from './gap-classify.ts';
import { ContinuityCheck } from './verify-continuity.ts';

/** Findings for one series. */
export interface SeriesVerdict {
  uid: string;
  interval: string;
  ticker?: string;
  candles: number;
  chunks: number;
  /** Candles with a price off the instrument's tick grid; null when the tick is unknown. */
  offTick: number | null;
  /** Open times of the first few off-tick candles, ISO UTC. */
  offTickSamples: string[];
  /** Stored candles that lie outside every covered range (imported or written without coverage). */
  outsideCoverage: number;
  /** Real corruption, one line each (capped; `problemCount` has the total). */
  problems: string[];
  problemCount: number;
  /** Every source that wrote into the series, oldest first. */
  sources: string[];
  /** Price jumps, source changes and mixes: worth a look, not corruption (capped list). */
  warnings: string[];
  warningCount: number;
  /** Every gap classified: closed by schedule, no trades, missing data (absent for weeks, months). */
  gaps?: GapSummary;
}

/** The whole verification. `ok` is false only on real corruption. */
export interface VerifyReport {
  ok: boolean;
  problems: number;
  /** Total warnings over all series (they do not make `ok` false). */
  warnings: number;
  /** Problems SQLite's quick_check reports about the file itself. */
  database: string[];
  series: SeriesVerdict[];
}

interface ChunkRow {
  uid: string;
  interval: string;
  chunk_start: number;
  day: string;
  count: number;
  first_time: number;
  last_time: number;
  checksum: number;
  data: Buffer;
  source: string;
}

const MAX_LISTED = 20;
const SAMPLES = 3;

/** Verifies the whole cache. Reads every chunk once, streaming. */
export function verifyStore(
  db: Database.Database,
  instruments: InstrumentRepo,
  coverage: CoverageRepo,
  sourcesOf: (uid: string, interval: string) => string[],
  calendarOf?: (uid: string) => SessionCalendar,
): VerifyReport {
  const verdicts = new Map<string, SeriesVerdict>();
  const verdictOf = (uid: string, interval: string) => {
    const key = `${uid}\u0000${interval}`;
    let v = verdicts.get(key);
    if (!v) {
      const instrument = instruments.get(uid);
      v = { uid, interval, candles: 0, chunks: 0, offTick: null, offTickSamples: [], outsideCoverage: 0, problems: [], problemCount: 0, sources: sourcesOf(uid, interval), warnings: [], warningCount: 0 };
      if (v.sources.length > 1) warn(v, `written by several sources: ${v.sources.join(' + ')}`);
      if (instrument) v.ticker = instrument.ticker;
      verdicts.set(key, v);
    }
    return v;
  };
  let context: { key: string; step: number; covered: TimeRange[]; continuity: ContinuityCheck; v: SeriesVerdict } | undefined;
  const close = () => {
    if (!context) return;
    judge(context.v, context.continuity);
    const { v } = context;
    const gaps = calendarOf && isInterval(v.interval) ? classifyGaps(context.continuity.times, v.interval, context.covered, calendarOf(v.uid)) : undefined;
    if (gaps) v.gaps = gaps;
  };
  const rows = db
    .prepare('SELECT * FROM candle_chunks ORDER BY uid, interval, chunk_start')
    .iterate() as Iterable<ChunkRow>;
  for (const row of rows) {
    const v = verdictOf(row.uid, row.interval);
    const key = `${row.uid}\u0000${row.interval}`;
    if (context?.key !== key) {
      close();
      const step = instruments.get(row.uid)?.minPriceIncrement ?? 0;
      const covered = isInterval(row.interval) ? coverage.ranges(row.uid, row.interval) : [];
      context = { key, step, covered, continuity: new ContinuityCheck(describeTime), v };
      if (step > 0) v.offTick = 0;
    }
    checkChunk(row, v, context);
  }
  close();
  let prev: { key: string; to: number } | undefined;
  for (const r of db.prepare('SELECT * FROM coverage ORDER BY uid, interval, from_time').all() as {
    uid: string;
    interval: string;
    from_time: number;
    to_time: number;
  }[]) {
    const key = `${r.uid}\u0000${r.interval}`;
    if (prev?.key === key && prev.to > r.from_time)
      flag(verdictOf(r.uid, r.interval), `coverage rows overlap at ${describeTime(r.from_time)}`);
    else verdictOf(r.uid, r.interval);
    prev = { key, to: Math.max(r.to_time, prev?.key === key ? prev.to : r.to_time) };
  }
  const quick = (db.pragma('quick_check') as { quick_check: string }[]).map((r) => r.quick_check);
  const database = quick.length === 1 && quick[0] === 'ok' ? [] : quick;
  const series = [...verdicts.values()];
  const problems = database.length + series.reduce((n, s) => n + s.problemCount, 0);
  const warnings = series.reduce((n, s) => n + s.warningCount, 0);
  return { ok: problems === 0, problems, warnings, database, series };
}

function flag(v: SeriesVerdict, problem: string): void {
  v.problemCount++;
  if (v.problems.length < MAX_LISTED) v.problems.push(problem);
}

function warn(v: SeriesVerdict, line: string): void {
  v.warningCount++;
  if (v.warnings.length < MAX_LISTED) v.warnings.push(line);
}

function judge(v: SeriesVerdict, continuity: ContinuityCheck): void {
  const f = continuity.finish();
  v.warningCount += f.jumps + f.sourceChanges + f.mixedChunks;
  v.warnings.push(...f.warnings.slice(0, Math.max(0, MAX_LISTED - v.warnings.length)));
}

function checkChunk(
  row: ChunkRow,
  v: SeriesVerdict,
  ctx: { step: number; covered: TimeRange[]; continuity: ContinuityCheck },
): void {
  v.chunks++;
  const where = `chunk ${row.day}`;
  if (!isInterval(row.interval)) return flag(v, `${where}: unknown interval '${row.interval}'`);
  const interval = row.interval;
  if (!Buffer.isBuffer(row.data)) return flag(v, `${where}: data column is not a BLOB`);
  if (chunkChecksum(row.data) !== row.checksum) flag(v, `${where}: checksum mismatch`);
  const header = chunkHeader(row.data);
  if (!header || header.format !== CHUNK_FORMAT || row.data.byteLength !== chunkByteLength(header.count))
    return flag(v, `${where}: bad header or size (${row.data.byteLength} bytes)`);
  if (header.count !== row.count) flag(v, `${where}: count column ${row.count} but BLOB holds ${header.count}`);
  if (row.day !== chunkLabel(row.chunk_start)) flag(v, `${where}: day label does not match chunk_start`);
  const b = decodeChunk(row.data);
  v.candles += b.length;
  ctx.continuity.addChunk(row.day, row.source, b);
  if (b.time[0] !== row.first_time || b.time[b.length - 1] !== row.last_time)
    flag(v, `${where}: first_time/last_time columns do not match the candles`);
  const end = nextChunkStart(interval, row.chunk_start);
  for (let i = 0; i < b.length; i++) {
    const t = b.time[i];
    const at = () => `${where} candle ${describeTime(t)}`;
    if (i > 0 && t <= b.time[i - 1]) flag(v, `${at()}: ${t === b.time[i - 1] ? 'duplicate time' : 'out of order'}`);
    if (t < row.chunk_start || t >= end) flag(v, `${at()}: outside the chunk's span`);
    // The cheap inline test runs per candle; the descriptive check only for candles that fail it.
    const problem = plausible(b, i) && alignTime(interval, t) === t ? undefined : candleProblem(interval, candleAt(b, i));
    if (problem) flag(v, `${at()}: ${problem}`);
    else if (!insideRanges(ctx.covered, t)) v.outsideCoverage++;
    if (v.offTick !== null && !problem && offTick(b, i, ctx.step)) {
      v.offTick++;
      if (v.offTickSamples.length < SAMPLES) v.offTickSamples.push(describeTime(t));
    }
  }
}

function offTick(b: { open: Float64Array; high: Float64Array; low: Float64Array; close: Float64Array }, i: number, step: number): boolean {
  return !(onStep(b.open[i], step) && onStep(b.high[i], step) && onStep(b.low[i], step) && onStep(b.close[i], step));
}

/** Fast path for the common case, falling back to core's exact decimal rule near the boundary. */
function onStep(price: number, step: number): boolean {
  const k = price / step;
  return Math.abs(k - Math.round(k)) < 1e-9 || isOnStep(price, step);
}

/** Same verdict as core isOhlcValid plus finiteness (NaN fails every comparison), without allocating. */
function plausible(b: CandleBatch, i: number): boolean {
  const o = b.open[i];
  const h = b.high[i];
  const l = b.low[i];
  const c = b.close[i];
  const vol = b.volume[i];
  return Number.isFinite(h) && Number.isFinite(vol) && l > 0 && h >= o && h >= c && l <= o && l <= c && vol >= 0;
}
