/**
 * @module The one JSON object a run publishes: what `tlab backtest --json` prints and `result.json`
 * holds. Keys come in a fixed order (free-form maps sorted), undefined numbers are null, instants
 * are ISO 8601 UTC strings, so the same result always gives byte-identical text.
 */
import { createHash } from 'node:crypto';
import { isoUtc } from '../core/time.ts';
import type { BacktestResult, Metrics, RoundTrip, RunFingerprint } from '../engine/result.ts';
import { METRIC_KEYS } from './metric-rows.ts';

/** A JSON value as the report writes it. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Metrics as published: every key of {@link METRIC_KEYS}, each a finite number or null. */
export type MetricsJson = { [K in keyof Metrics]: number | null };

/** One round trip as published; times are ISO 8601 UTC. */
export interface TradeJson {
  instrument: string;
  instrumentUid: string;
  side: 'long' | 'short';
  lots: number;
  entryTime: string;
  entryPrice: number | null;
  exitTime: string;
  exitPrice: number | null;
  pnl: number | null;
  commission: number | null;
}

/** The published result object. `maxDrawdownDuration` stays in milliseconds, as the engine gives it. */
export interface ResultJson {
  fingerprint: { [key: string]: Json };
  params: { [key: string]: Json };
  universe: { instruments: string[]; intervals: string[]; from: string; to: string };
  startingCash: number | null;
  metrics: MetricsJson;
  benchmark: MetricsJson;
  trades: TradeJson[];
  /** Rejected orders by reason, when the run counted them. */
  rejections?: { total: number; byReason: { [code: string]: number } };
  /** Where every series' candles came from, when the run recorded it. */
  dataSources?: {
    instrument: string;
    instrumentUid: string;
    interval: string;
    sources: string[];
  }[];
  /** Instrument economics (cash per currency, income per instrument), when the run had any. */
  economics?: { [key: string]: Json };
}

/** A number that JSON can carry: finite numbers pass, NaN and ±Infinity become null, -0 becomes 0. */
export function finiteOrNull(x: number | null | undefined): number | null {
  if (typeof x !== 'number' || !Number.isFinite(x)) return null;
  return x === 0 ? 0 : x;
}

/**
 * Any value turned into canonical JSON data: object keys sorted, non-finite numbers null, bigint as
 * a decimal string, undefined members dropped (null inside arrays), Dates as ISO text.
 */
export function canonicalJson(value: unknown): Json {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return finiteOrNull(value);
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (value instanceof Date) return isoUtc(value.getTime());
  if (ArrayBuffer.isView(value))
    return Array.from(value as unknown as ArrayLike<number>, finiteOrNull);
  if (Array.isArray(value)) return value.map(canonicalJson);
  if (typeof value === 'object') return canonicalObject(value as Record<string, unknown>);
  return null;
}

function canonicalObject(obj: Record<string, unknown>): { [key: string]: Json } {
  const out: { [key: string]: Json } = {};
  for (const key of Object.keys(obj).sort()) {
    const v = obj[key];
    if (v !== undefined && typeof v !== 'function' && typeof v !== 'symbol') {
      out[key] = canonicalJson(v);
    }
  }
  return out;
}

/** The metrics object with exactly the published keys, in order. */
export function metricsJson(m: Metrics): MetricsJson {
  const out = {} as MetricsJson;
  for (const key of METRIC_KEYS) out[key] = finiteOrNull(m[key]);
  return out;
}

/** ISO text of an instant, or the empty string when the engine left it undefined. */
function isoOrEmpty(t: number): string {
  return Number.isFinite(t) ? isoUtc(t) : '';
}

/** One round trip as published. */
export function tradeJson(t: RoundTrip): TradeJson {
  return {
    instrument: t.instrument,
    instrumentUid: t.instrumentUid,
    side: t.side,
    lots: t.lots,
    entryTime: isoOrEmpty(t.entryTime),
    entryPrice: finiteOrNull(t.entryPrice),
    exitTime: isoOrEmpty(t.exitTime),
    exitPrice: finiteOrNull(t.exitPrice),
    pnl: finiteOrNull(t.pnl),
    commission: finiteOrNull(t.commission),
  };
}

/** The fingerprint with its fields in declaration order and its maps canonical. */
function fingerprintJson(f: RunFingerprint): { [key: string]: Json } {
  return {
    strategy: f.strategy,
    strategySourceHash: f.strategySourceHash,
    params: canonicalJson(f.params),
    dataHash: f.dataHash,
    models: canonicalJson(f.models),
    engineVersion: f.engineVersion,
    tradesHash: f.tradesHash,
  };
}

/** The published object for a result (fills and the equity curve stay out; CSV carries equity). */
export function resultToJson(result: BacktestResult): ResultJson {
  const u = result.universe;
  return {
    fingerprint: fingerprintJson(result.fingerprint),
    params: canonicalObject(result.params),
    universe: {
      instruments: [...u.instruments],
      intervals: [...u.intervals],
      from: isoOrEmpty(u.from),
      to: isoOrEmpty(u.to),
    },
    startingCash: finiteOrNull(result.startingCash),
    metrics: metricsJson(result.metrics),
    benchmark: metricsJson(result.benchmark),
    trades: result.trades.map(tradeJson),
    ...(result.rejections === undefined ? {} : { rejections: rejectionsJson(result) }),
    ...(result.dataSources === undefined
      ? {}
      : {
          dataSources: result.dataSources.map((s) => ({
            instrument: s.instrument,
            instrumentUid: s.instrumentUid,
            interval: s.interval,
            sources: [...s.sources],
          })),
        }),
    ...(result.economics === undefined
      ? {}
      : { economics: canonicalJson(result.economics) as { [key: string]: Json } }),
  };
}

/** Rejections with the reasons sorted by code, zero counts dropped. */
function rejectionsJson(result: BacktestResult): NonNullable<ResultJson['rejections']> {
  const r = result.rejections as NonNullable<BacktestResult['rejections']>;
  const byReason: { [code: string]: number } = {};
  for (const code of Object.keys(r.byReason).sort()) {
    const n = r.byReason[code as keyof typeof r.byReason];
    if (n !== undefined && n > 0) byReason[code] = n;
  }
  return { total: r.total, byReason };
}

/** The published JSON text: two-space indented, newline-terminated, byte-stable. */
export function formatResultJson(result: BacktestResult): string {
  return `${JSON.stringify(resultToJson(result), null, 2)}\n`;
}

/**
 * A short, stable id of a run's inputs: the first 12 hex digits of sha256 over its canonical
 * fingerprint without `tradesHash` (an output). Runs with the same id had the same strategy,
 * parameters, data, models and engine, so their trades hashes must match too.
 */
export function fingerprintId(f: RunFingerprint): string {
  const { tradesHash: _output, ...inputs } = fingerprintJson(f);
  const text = JSON.stringify(inputs);
  return createHash('sha256').update(text).digest('hex').slice(0, 12);
}
