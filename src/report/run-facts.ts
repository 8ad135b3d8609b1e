/**
 * @module The facts a reader must see before trusting a run's numbers, stated the same way in the
 * terminal and on the HTML page: the simulation's assumptions (fee, slippage, fill model, shorting,
 * lot and price step), where the data came from, and the orders the broker rejected. Everything is
 * read from the result as it is; nothing is recomputed.
 */
import { sourceKind } from '../core/data-source.ts';
import type { SourceKind } from '../core/data-source.ts';
import type { BacktestResult, RejectCode } from '../engine/result.ts';
import { formatCount, formatMoney, formatPercent, NONE, plainDecimal } from './format.ts';
import { findInstrument } from './instrument-specs.ts';
import type { ReportInstrument } from './instrument-specs.ts';

/** Every reject code in a fixed order, with what it means to a trader. */
export const REJECT_REASONS: readonly { code: RejectCode; label: string }[] = [
  { code: 'insufficient-cash', label: 'Insufficient cash' },
  { code: 'short-not-allowed', label: 'Short selling not allowed' },
  { code: 'invalid-order', label: 'Invalid order (lots, price or type)' },
  { code: 'unknown-instrument', label: 'Instrument not in the run' },
  { code: 'session-closed', label: 'Session closed' },
  { code: 'risk-limit', label: 'Risk limit' },
  { code: 'venue', label: 'Refused by the venue' },
];

/** Rejections as `[code, label, count]` rows, non-zero reasons only; null when the run did not count them. */
export function rejectionRows(
  r: BacktestResult,
): [RejectCode | 'unclassified', string, number][] | null {
  if (r.rejections === undefined) {
    if (r.rejectedOrders === undefined) return null;
    return r.rejectedOrders > 0 ? [['unclassified', 'Not classified', r.rejectedOrders]] : [];
  }
  const by = r.rejections.byReason;
  const rows: [RejectCode | 'unclassified', string, number][] = REJECT_REASONS.filter(
    (x) => (by[x.code] ?? 0) > 0,
  ).map((x) => [x.code, x.label, by[x.code] as number]);
  const counted = rows.reduce((n, x) => n + x[2], 0);
  if (r.rejections.total > counted)
    rows.push(['unclassified', 'Not classified', r.rejections.total - counted]);
  return rows;
}

/** Total rejected orders, or null when the run did not count them. */
export function rejectedTotal(r: BacktestResult): number | null {
  return r.rejections?.total ?? r.rejectedOrders ?? null;
}

function feeText(fees: unknown): string {
  const f = fees as { rate?: unknown; overrides?: Record<string, unknown> } | undefined;
  if (f === undefined || typeof f.rate !== 'number') return 'not recorded';
  const overrides = Object.entries(f.overrides ?? {})
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => `${k} ${typeof v === 'number' ? formatPercent(v) : String(v)}`);
  const base = `${formatPercent(f.rate)} of traded value per fill (${plainDecimal(f.rate)})`;
  return overrides.length > 0 ? `${base}; ${overrides.join(', ')}` : base;
}

function slippageText(slip: unknown): string {
  const s = slip as { kind?: unknown; ticks?: unknown; rate?: unknown } | undefined;
  if (s === undefined) return 'not recorded';
  if (s.kind === 'none') return 'none (market fills at the reference price)';
  if (s.kind === 'ticks') return `${String(s.ticks)} price step(s) against the order`;
  if (s.kind === 'percent' && typeof s.rate === 'number')
    return `${formatPercent(s.rate)} of the price against the order, snapped to the step`;
  return JSON.stringify(s);
}

const FILLS: Record<string, string> = {
  'next-bar':
    'next-bar: market orders at the next candle open plus slippage; limits and stops when the candle trades through them',
  sandbox:
    'sandbox: the T-Invest sandbox replayed on candles (market at the next open, no slippage; limits at their own price)',
};

/** The simulation's models as `[term, value]` pairs, read from the run fingerprint. */
export function modelFacts(r: BacktestResult): [string, string][] {
  const m = r.fingerprint.models;
  const fill =
    typeof m.fillModel === 'string' ? (FILLS[m.fillModel] ?? m.fillModel) : 'not recorded';
  const short =
    m.allowShort === undefined
      ? 'not recorded'
      : m.allowShort
        ? 'allowed where the instrument permits it'
        : 'not allowed';
  return [
    ['Fee', feeText(m.fees)],
    ['Slippage', slippageText(m.slippage)],
    ['Fill model', fill],
    ['Short selling', short],
    [
      'Starting cash',
      `${formatMoney(r.startingCash)}${r.currency ? ` ${r.currency.toUpperCase()}` : ''}`,
    ],
  ];
}

/** Lot and step of one instrument, saying so when they were assumed or are unknown. */
export function specText(spec: ReportInstrument | undefined): string {
  if (spec === undefined) return 'lot and price step not given to the report (assumed by the run)';
  const step =
    spec.minPriceIncrement > 0
      ? plainDecimal(spec.minPriceIncrement)
      : 'unknown (prices not snapped)';
  const lot = `lot ${formatCount(spec.lot)}, price step ${step}`;
  return spec.assumed ? `${lot} (assumed: no instrument spec in the cache)` : lot;
}

/** `[ticker, spec text]` for every instrument of the run. */
export function instrumentFacts(
  r: BacktestResult,
  specs?: readonly ReportInstrument[],
): [string, string][] {
  return r.universe.instruments.map((t) => [t, specText(findInstrument(specs, t))]);
}

/** One series' data source as the report states it. */
export interface SourceFact {
  series: string;
  labels: string[];
  kinds: SourceKind[];
}

/** The data sources of the run; null when the result does not name them. */
export function sourceFacts(r: BacktestResult): SourceFact[] | null {
  if (r.dataSources === undefined) return null;
  return r.dataSources.map((s) => ({
    series: `${s.instrument} ${s.interval}`,
    labels: [...s.sources],
    kinds: s.sources.map(sourceKind),
  }));
}

/** One source list as text: the labels in order, `unknown` when the feed could not tell. */
export function sourcesText(f: SourceFact): string {
  return f.labels.length === 0 ? 'unknown (the feed does not record sources)' : f.labels.join(', ');
}

/** Placeholder for a fact the result does not carry. */
export const NOT_RECORDED = `${NONE} not recorded by this run`;
