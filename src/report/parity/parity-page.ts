/**
 * @module `parity.html`: a parity report as one self-contained page (no script, no fetch): the two
 * runs side by side, the verdict, the counts, and every difference in a table a user can read row
 * by row, with where (time, instrument), what kind and the detail.
 */
import type { ParityReport } from '../../app/parity/types.ts';
import { verdictLine } from '../../app/parity/parity-text.ts';
import { formatInstant, formatMoney, formatParams } from '../format.ts';
import { esc, page } from '../study/svg.ts';

function runRow(label: string, s: ParityReport['a']): string {
  const cells = [
    label,
    s.runId,
    s.mode,
    s.strategy,
    formatParams(s.params),
    `${formatInstant(s.from)} – ${formatInstant(s.to)}`,
    String(s.decisions),
    String(s.fills),
  ];
  return `<tr>${cells.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`;
}

function countsTable(r: ParityReport): string {
  const row = (name: string, t: ParityReport['summary']['fills']) =>
    `<tr><th>${name}</th><td>${t.matched}</td><td>${t.different}</td><td>${t.onlyA}</td><td>${t.onlyB}</td></tr>`;
  return `<table id="counts"><tr><th></th><th>matched</th><th>different</th><th>only in A</th><th>only in B</th></tr>${row('decisions', r.summary.decisions)}${row('fills', r.summary.fills)}</table>`;
}

function differencesTable(r: ParityReport): string {
  if (r.differences.length === 0) return '<p id="no-differences">No differences.</p>';
  const rows = r.differences.map((d) => {
    const ticks = d.slippageTicks === undefined ? '' : String(d.slippageTicks);
    const money = d.slippageMoney === undefined ? '' : formatMoney(d.slippageMoney);
    const cells = [formatInstant(d.time), d.ticker, d.kind, ticks, money, d.detail];
    return `<tr class="${esc(d.kind)}">${cells.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`;
  });
  return `<table id="differences"><tr><th>time (UTC)</th><th>instrument</th><th>kind</th><th>slippage, ticks</th><th>slippage, money</th><th>detail</th></tr>${rows.join('')}</table>`;
}

/** Renders the parity page of a report. */
export function renderParityPage(r: ParityReport): string {
  const ok = r.summary.withinTolerance;
  const body = [
    `<h1>Parity: ${esc(r.a.runId)} vs ${esc(r.b.runId)}</h1>`,
    `<p id="verdict" class="big" style="color:${ok ? '#1a7f37' : '#b42318'}">${esc(verdictLine(r))}</p>`,
    `<table id="runs"><tr><th></th><th>run</th><th>mode</th><th>strategy</th><th>params</th><th>period</th><th>decisions</th><th>fills</th></tr>${runRow('A', r.a)}${runRow('B', r.b)}</table>`,
    `<p>Compared ${esc(formatInstant(r.period.from))} – ${esc(formatInstant(r.period.to))} UTC, matched by ${r.matchedBy}; tolerance ${r.tolerance.priceTicks} ticks in price, ${r.tolerance.fillDelayMs} ms in fill time. Slippage cost of B against A: <b id="slippage-cost">${esc(formatMoney(r.summary.slippageCost))}</b>.</p>`,
    ...r.notes.map((n) => `<p class="note">${esc(n)}</p>`),
    countsTable(r),
    '<h2>Differences</h2>',
    differencesTable(r),
  ];
  return page(`Parity ${r.a.runId} vs ${r.b.runId}`, body.join('\n'));
}
