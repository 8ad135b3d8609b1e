/**
 * @module The static parts of `report.html`: the run header, the metrics table (strategy beside
 * buy-and-hold) and the trades table. Rendered on the server as plain HTML, so they read fine even
 * with scripts disabled, and every text is escaped.
 */
import { benchmarkHeading, benchmarkNote } from '../benchmark-note.ts';
import type { BacktestResult, RoundTrip } from '../../engine/result.ts';
import {
  formatDuration,
  formatInstant,
  formatMoney,
  formatParams,
  formatPrice,
  NONE,
  plainDecimal,
} from '../format.ts';
import type { TradeExcursion } from '../trade-excursions.ts';
import { canonicalJson, fingerprintId } from '../json.ts';
import { formatMetric, METRIC_ROWS } from '../metric-rows.ts';

/** Escapes text for HTML element content and double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function row(cells: readonly string[], tag = 'td', attrs = ''): string {
  return `<tr${attrs}>${cells.map((c) => `<${tag}>${escapeHtml(c)}</${tag}>`).join('')}</tr>`;
}

function definition(term: string, value: string): string {
  return `<dt>${escapeHtml(term)}</dt><dd>${escapeHtml(value)}</dd>`;
}

/** The header block: strategy, parameters, instruments, range, cash, fingerprint. */
export function headerHtml(r: BacktestResult): string {
  const u = r.universe;
  const f = r.fingerprint;
  const range = `${formatInstant(u.from)} → ${formatInstant(u.to)} UTC`;
  const details = [
    definition('Strategy source sha256', f.strategySourceHash),
    definition('Data sha256', f.dataHash),
    definition('Trades sha256', f.tradesHash),
    definition('Models', JSON.stringify(canonicalJson(f.models))),
    definition('Engine', f.engineVersion),
  ].join('');
  return [
    `<header><h1>${escapeHtml(f.strategy)} <span class="muted">backtest</span></h1>`,
    '<dl class="facts">',
    definition('Parameters', formatParams(r.params) || '—'),
    definition('Instruments', `${u.instruments.join(', ')} (${u.intervals.join(', ')})`),
    definition('Range', range),
    definition('Starting cash', formatMoney(r.startingCash)),
    definition('Final equity', formatMoney(r.metrics.finalEquity)),
    definition('Fingerprint', fingerprintId(f)),
    '</dl>',
    `<details><summary>Run fingerprint</summary><dl class="facts">${details}</dl></details>`,
    '</header>',
  ].join('\n');
}

/** The metrics table; each body row carries `data-metric` with its JSON key. */
export function metricsTableHtml(r: BacktestResult): string {
  const body = METRIC_ROWS.map((m) =>
    row(
      [m.label, formatMetric(m.kind, r.metrics[m.key]), formatMetric(m.kind, r.benchmark[m.key])],
      'td',
      ` data-metric="${m.key}"`,
    ),
  );
  return [
    '<table id="metrics" class="num">',
    `<thead>${row(['Metric', 'Strategy', benchmarkHeading(r)], 'th')}</thead>`,
    `<tbody>${body.join('\n')}</tbody>`,
    '</table>',
    ...noteHtml(benchmarkNote(r)),
  ].join('\n');
}

/** A note paragraph, or nothing. */
function noteHtml(note: string | null): string[] {
  return note === null ? [] : [`<p class="note" id="benchmark-note">${escapeHtml(note)}</p>`];
}

/** A percentage already in percent (`1.234` → `1.23%`); null → "—". */
function pct(x: number | null): string {
  if (x === null || !Number.isFinite(x)) return NONE;
  const fixed = x.toFixed(2);
  return `${fixed === '-0.00' ? '0.00' : fixed}%`;
}

function tradeCells(t: RoundTrip, n: number, x: TradeExcursion | undefined): string[] {
  return [
    String(n),
    t.instrument,
    t.side,
    plainDecimal(t.lots),
    formatInstant(t.entryTime),
    formatPrice(t.entryPrice),
    formatInstant(t.exitTime),
    formatPrice(t.exitPrice),
    formatDuration(t.exitTime - t.entryTime),
    formatMoney(t.pnl),
    pct(x?.returnPct ?? null),
    pct(x?.maePct ?? null),
    pct(x?.mfePct ?? null),
    formatMoney(t.commission),
  ];
}

/**
 * The trades table for `shown` (the last round trips of `total`); a note says when rows were left
 * out. Rows are numbered by their position in the full list, and losing trades get class `loss`.
 * `stats[i]` are the return and excursions of `shown[i]`.
 */
export function tradesTableHtml(
  shown: readonly RoundTrip[],
  total: number,
  stats: readonly TradeExcursion[] = [],
): string {
  const first = total - shown.length + 1;
  const head = [
    '#',
    'Instrument',
    'Side',
    'Lots',
    'Entry',
    'Price',
    'Exit',
    'Price',
    'Held',
    'P&L',
    'Return',
    'MAE',
    'MFE',
    'Commission',
  ];
  const body = shown.map((t, i) =>
    row(tradeCells(t, first + i, stats[i]), 'td', t.pnl < 0 ? ' class="loss"' : ' class="win"'),
  );
  const note =
    shown.length < total
      ? `<p class="muted">Showing the last ${shown.length} of ${total} round trips; trades.csv has them all.</p>`
      : '';
  if (total === 0) return '<p class="muted" id="no-trades">No round trips.</p>';
  return [
    note,
    '<table id="trades" class="num">',
    `<thead>${row(head, 'th')}</thead>`,
    `<tbody>${body.join('\n')}</tbody>`,
    '</table>',
  ].join('\n');
}
