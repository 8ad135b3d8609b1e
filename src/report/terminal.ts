/**
 * @module The terminal report `tlab backtest` prints by default: a short header (strategy,
 * parameters, instruments, range, fingerprint id), the metrics beside buy-and-hold, and the last
 * few round trips. Plain text, no colours, the same bytes on every machine.
 */
import { benchmarkHeading, benchmarkNote } from './benchmark-note.ts';
import type { BacktestResult, RoundTrip } from '../engine/result.ts';
import {
  formatCount,
  formatInstant,
  formatMoney,
  formatParams,
  formatPrice,
  NONE,
  plainDecimal,
} from './format.ts';
import { fingerprintId } from './json.ts';
import { formatMetric, METRIC_ROWS } from './metric-rows.ts';
import { rejectedTotal, rejectionRows, sourceFacts, sourcesText } from './run-facts.ts';

/** Options of {@link renderTerminalReport}. */
export interface TerminalReportOptions {
  /** How many of the most recent round trips to list (default 5; 0 hides the list). */
  lastTrades?: number;
}

const defaults: Required<TerminalReportOptions> = { lastTrades: 5 };

/** Lays out rows as columns: the first column left-aligned, the others right-aligned. */
export function renderColumns(rows: readonly (readonly string[])[], gap = '  '): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, [...cell].length);
    });
  }
  return rows.map((row) =>
    row
      .map((cell, i) => {
        const pad = ' '.repeat(widths[i] - [...cell].length);
        return i === 0 ? cell + pad : pad + cell;
      })
      .join(gap)
      .trimEnd(),
  );
}

function rangeText(from: number, to: number): string {
  return `${formatInstant(from)} → ${formatInstant(to)} UTC`;
}

function headerLines(r: BacktestResult): string[] {
  const u = r.universe;
  const params = formatParams(r.params);
  return [
    `Strategy     ${r.fingerprint.strategy}${params ? `  ${params}` : ''}`,
    `Instruments  ${u.instruments.join(', ') || NONE}  (${u.intervals.join(', ') || NONE})`,
    `Range        ${rangeText(u.from, u.to)}`,
    `Cash         ${formatMoney(r.startingCash)} → ${formatMoney(r.metrics.finalEquity)}`,
    `Fingerprint  ${fingerprintId(r.fingerprint)}`,
    ...sourceLines(r),
  ];
}

/** The data source of each series, and a warning line when any of it is synthetic. */
function sourceLines(r: BacktestResult): string[] {
  const facts = sourceFacts(r);
  if (facts === null) return [];
  const lines = facts.map((f) => `Data         ${f.series}: ${sourcesText(f)}`);
  const synthetic = facts.filter((f) => f.kinds.includes('synthetic')).map((f) => f.series);
  if (synthetic.length > 0) {
    lines.push(
      `WARNING      synthetic data (${synthetic.join(', ')}): generated candles, not market history`,
    );
  }
  return lines;
}

/** Rejected orders by reason, when the run counted any. */
function rejectionLines(r: BacktestResult): string[] {
  const rows = rejectionRows(r);
  const total = rejectedTotal(r);
  if (rows === null || total === null || total === 0) return [];
  const why = r.metrics.trades === 0 ? ' (the run has no round trips; these are why)' : '';
  return [
    '',
    `Rejected orders: ${formatCount(total)}${why}`,
    ...renderColumns(rows.map(([, label, n]) => [`  ${label}`, formatCount(n)])),
  ];
}

function metricLines(r: BacktestResult): string[] {
  const rows = [['Metric', 'Strategy', benchmarkHeading(r)]];
  for (const row of METRIC_ROWS) {
    rows.push([
      row.label,
      formatMetric(row.kind, r.metrics[row.key]),
      formatMetric(row.kind, r.benchmark[row.key]),
    ]);
  }
  const note = benchmarkNote(r);
  return note === null ? renderColumns(rows) : [...renderColumns(rows), note];
}

function tradeCells(t: RoundTrip): string[] {
  return [
    t.instrument,
    t.side,
    plainDecimal(t.lots),
    formatInstant(t.entryTime),
    formatPrice(t.entryPrice),
    formatInstant(t.exitTime),
    formatPrice(t.exitPrice),
    formatMoney(t.pnl),
  ];
}

function tradeLines(trades: readonly RoundTrip[], count: number): string[] {
  if (count <= 0) return [];
  if (trades.length === 0) return ['', 'No round trips.'];
  const shown = trades.slice(-count);
  const title =
    shown.length === trades.length
      ? `Round trips (${trades.length})`
      : `Last ${shown.length} of ${trades.length} round trips`;
  const head = ['Instrument', 'Side', 'Lots', 'Entry', 'Price', 'Exit', 'Price', 'P&L'];
  return ['', title, ...renderColumns([head, ...shown.map(tradeCells)])];
}

/**
 * The terminal report as text (LF line ends, trailing newline).
 * @example
 * process.stdout.write(renderTerminalReport(result));
 */
export function renderTerminalReport(
  result: BacktestResult,
  options: TerminalReportOptions = {},
): string {
  const o = { ...defaults, ...options };
  const lines = [
    ...headerLines(result),
    '',
    ...metricLines(result),
    ...rejectionLines(result),
    ...tradeLines(result.trades, o.lastTrades),
  ];
  return `${lines.join('\n')}\n`;
}
