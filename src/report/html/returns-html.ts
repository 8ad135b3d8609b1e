/**
 * @module The calendar returns table (years by months, with the year's return beside buy-and-hold's)
 * and the P&L distribution, the page's "how did it earn" section.
 */
import type { BacktestResult } from '../../engine/result.ts';
import { formatPercent } from '../format.ts';
import { periodReturns } from '../period-returns.ts';
import { pnlHistogramSvg } from './pnl-histogram.ts';
import { escapeHtml } from './tables.ts';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function cell(x: number | null): string {
  if (x === null) return '<td></td>';
  const cls = x < 0 ? ' class="loss"' : x > 0 ? ' class="win"' : '';
  return `<td${cls}>${escapeHtml(formatPercent(x))}</td>`;
}

/** Years × months of strategy returns, with the year and buy-and-hold's year. */
export function returnsTableHtml(r: BacktestResult): string {
  const years = periodReturns(r.equity, r.startingCash);
  if (years.length === 0) return '<p class="muted">No equity marks.</p>';
  const head = ['Year', ...MONTHS, 'Year', 'Buy & hold'].map((h) => `<th>${h}</th>`).join('');
  const body = years.map(
    (y) =>
      `<tr data-year="${y.year}"><td>${y.year}</td>${y.months.map(cell).join('')}` +
      `${cell(y.total).replace('<td', '<td data-total=""')}${cell(y.benchmark)}</tr>`,
  );
  return [
    '<table id="period-returns" class="num">',
    `<thead><tr>${head}</tr></thead>`,
    `<tbody>${body.join('\n')}</tbody>`,
    '</table>',
  ].join('\n');
}

/** The returns section: calendar table and P&L distribution. */
export function returnsSectionHtml(r: BacktestResult): string {
  return [
    '<section id="returns"><h2>Monthly and yearly returns <span class="muted">(of equity, UTC months)</span></h2>',
    `<div class="scroll-x">${returnsTableHtml(r)}</div>`,
    '</section>',
    '<section id="pnl-distribution"><h2>P&amp;L per round trip <span class="muted">(net of commission, all trips)</span></h2>',
    pnlHistogramSvg(r.trades),
    '</section>',
  ].join('\n');
}
