/**
 * @module `walk-forward.html`: the windows (in-sample and out-of-sample ranges, the parameters each
 * in-sample study chose, both sides' metrics), the stitched out-of-sample equity and the
 * walk-forward efficiency.
 */
import type { WalkForwardResult } from '../../research/walk-forward.ts';
import { formatParam, formatPercent, formatRatio } from '../format.ts';
import { esc, lineChart, page } from './svg.ts';

const day = (t: number) => new Date(t).toISOString().slice(0, 10);

/** Renders the walk-forward page. */
export function renderWalkForwardPage(title: string, r: WalkForwardResult): string {
  const rows = r.windows.map((w) => {
    const params = w.params
      ? Object.entries(w.params)
          .map(([k, v]) => `${k}=${formatParam(v)}`)
          .join(' ')
      : '—';
    return `<tr><td>${w.index + 1}</td><td>${day(w.inSample.from)} – ${day(w.inSample.to)}</td><td>${day(w.outOfSample.from)} – ${day(w.outOfSample.to)}</td><td>${esc(params)}</td><td>${w.configurations}</td><td>${formatRatio(w.inSampleMetrics?.sharpe ?? null)}</td><td>${formatRatio(w.outOfSampleMetrics?.sharpe ?? null)}</td><td>${formatPercent(w.inSampleMetrics?.totalReturn ?? null)}</td><td>${formatPercent(w.outOfSampleMetrics?.totalReturn ?? null)}</td></tr>`;
  });
  const o = r.outOfSample;
  const body = `<h1>${esc(title)}</h1>
<p class="big">Stitched out-of-sample: return <b id="oos-return">${formatPercent(o.totalReturn)}</b>, CAGR ${formatPercent(o.cagr)}, Sharpe ${formatRatio(o.sharpe)}, max drawdown ${formatPercent(o.maxDrawdown)}, ${o.trades} trades. Walk-forward efficiency <b id="wfe">${formatRatio(r.efficiency)}</b> (out-of-sample CAGR / mean in-sample CAGR ${formatPercent(r.inSampleCagr)}).</p>
<p class="note">Each out-of-sample window runs the parameters its in-sample study ranked first; the strategy starts cold at each window, as a backtest of that window alone would.</p>
<h2>Windows</h2>
<table id="windows"><tr><th>#</th><th>in-sample</th><th>out-of-sample</th><th>chosen</th><th>tried</th><th>IS Sharpe</th><th>OOS Sharpe</th><th>IS return</th><th>OOS return</th></tr>${rows.join('')}</table>
<h2>Stitched out-of-sample equity (daily)</h2>
${lineChart([{ label: 'out-of-sample, stitched', color: '#1f77b4', x: r.stitchedTime, y: r.stitchedEquity }])}`;
  return page(title, body);
}
