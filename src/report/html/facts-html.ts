/**
 * @module The page's trust section, never folded away: a banner when any candle is synthetic, the
 * assumptions the simulation made (models, lot and step per instrument, data source per series)
 * and the orders the broker rejected, by reason. Text comes from run-facts.ts, as the terminal's.
 */
import { anySynthetic } from '../../core/data-source.ts';
import type { BacktestResult } from '../../engine/result.ts';
import { formatCount } from '../format.ts';
import type { ReportInstrument } from '../instrument-specs.ts';
import {
  instrumentFacts,
  modelFacts,
  NOT_RECORDED,
  rejectedTotal,
  rejectionRows,
  sourceFacts,
  sourcesText,
} from '../run-facts.ts';
import { escapeHtml } from './tables.ts';

function fact(term: string, value: string, attrs = ''): string {
  return `<dt>${escapeHtml(term)}</dt><dd${attrs}>${escapeHtml(value)}</dd>`;
}

/** The warning banner shown above everything when any series is synthetic; '' otherwise. */
export function syntheticBannerHtml(r: BacktestResult): string {
  const sources = r.dataSources ?? [];
  const synthetic = sources.filter((s) => anySynthetic(s.sources));
  if (synthetic.length === 0) return '';
  const which = synthetic.map((s) => `${s.instrument} ${s.interval}`).join(', ');
  return (
    `<div id="synthetic-banner" class="banner" role="alert"><strong>Synthetic data.</strong> ` +
    `${escapeHtml(which)} ${synthetic.length === 1 ? 'is' : 'are'} generated candles, not market ` +
    'history: these results say nothing about how the strategy would have traded.</div>'
  );
}

function sourcesHtml(r: BacktestResult): string {
  const facts = sourceFacts(r);
  if (facts === null) return fact('Data source', NOT_RECORDED, ' data-source="none"');
  return facts
    .map((f) => {
      const synthetic = f.kinds.includes('synthetic') ? ' class="warn"' : '';
      return fact(
        `Data ${f.series}`,
        sourcesText(f),
        `${synthetic} data-source="${escapeHtml(f.series)}"`,
      );
    })
    .join('');
}

/** The assumptions block: models, instruments (lot, step), data sources. */
export function assumptionsHtml(r: BacktestResult, specs?: readonly ReportInstrument[]): string {
  const models = modelFacts(r).map(([t, v]) => fact(t, v));
  const instruments = instrumentFacts(r, specs).map(([t, v]) =>
    fact(t, v, ` data-instrument="${escapeHtml(t)}"`),
  );
  return [
    '<section id="assumptions"><h2>Assumptions</h2>',
    '<dl class="facts">',
    ...models,
    ...instruments,
    sourcesHtml(r),
    '</dl>',
    '</section>',
  ].join('\n');
}

/** The rejected-orders block: total and the count per reason. */
export function rejectionsHtml(r: BacktestResult): string {
  const rows = rejectionRows(r);
  const total = rejectedTotal(r);
  const head = '<section id="rejections"><h2>Rejected orders</h2>';
  if (rows === null || total === null) {
    return `${head}<p class="muted" id="rejected-total" data-total="">${escapeHtml(NOT_RECORDED)}</p></section>`;
  }
  if (total === 0) {
    return `${head}<p id="rejected-total" data-total="0">No order was rejected.</p></section>`;
  }
  const body = rows
    .map(
      ([code, label, n]) =>
        `<tr data-reason="${code}"><td>${escapeHtml(label)}</td><td>${formatCount(n)}</td></tr>`,
    )
    .join('\n');
  const why =
    r.metrics.trades === 0 ? ' The run has no round trips; these rejections are why.' : '';
  return [
    head,
    `<p id="rejected-total" class="warn" data-total="${total}">${formatCount(total)} order(s) were rejected by the broker.${why}</p>`,
    '<table id="rejection-reasons" class="num">',
    '<thead><tr><th>Reason</th><th>Orders</th></tr></thead>',
    `<tbody>${body}</tbody>`,
    '</table>',
    '</section>',
  ].join('\n');
}
