/**
 * @module `optimize.html`: a study's page: how many configurations were tried, the best one with
 * its probabilistic and deflated Sharpe, a heatmap of the objective over two chosen parameters (the
 * best value over the other parameters in each cell) and the daily equity of the top configurations.
 */
import type { ConfigResult } from '../../research/config-run.ts';
import type { GridAxis } from '../../research/grid.ts';
import type { StudyResult } from '../../research/study.ts';
import { formatParam, formatRatio } from '../format.ts';
import { esc, heat, lineChart, page } from './svg.ts';

const COLORS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd'];

/** The heatmap's cells: best objective per (x, y) over the other parameters. */
export function heatmapCells(
  ranked: readonly ConfigResult[],
  objective: string,
  x: GridAxis,
  y: GridAxis,
): (number | null)[][] {
  return y.values.map((yv) =>
    x.values.map((xv) => {
      let best: number | null = null;
      for (const r of ranked) {
        if (r.params[x.name] !== xv || r.params[y.name] !== yv) continue;
        const v = (r.metrics as unknown as Record<string, number | null>)[objective];
        if (v !== null && (best === null || v > best)) best = v;
      }
      return best;
    }),
  );
}

function heatmap(result: StudyResult, axes: readonly GridAxis[]): string {
  if (axes.length < 2) return '<p>The heatmap needs two grid parameters.</p>';
  const [x, y] = axes;
  const cells = heatmapCells(result.ranked, result.objective, x, y);
  const vals = cells.flat().filter((v): v is number => v !== null);
  const [lo, hi] = [Math.min(...vals), Math.max(...vals)];
  const head = x.values.map((v) => `<th>${esc(formatParam(v))}</th>`).join('');
  const rows = y.values.map((yv, j) => {
    const tds = cells[j].map((v) => {
      const t = v === null ? null : hi > lo ? (v - lo) / (hi - lo) : 0.5;
      return `<td style="background:${heat(t)}" data-value="${v ?? ''}">${formatRatio(v)}</td>`;
    });
    return `<tr><th>${esc(formatParam(yv))}</th>${tds.join('')}</tr>`;
  });
  return `<table class="heat" id="heatmap"><caption>${esc(result.objective)} over ${esc(x.name)} (columns) × ${esc(y.name)} (rows)</caption><tr><th>${esc(y.name)} \\ ${esc(x.name)}</th>${head}</tr>${rows.join('')}</table>`;
}

/** How a random search drew its configurations, or nothing for a full grid. */
function drawn(r: StudyResult): string {
  return r.search.kind === 'random'
    ? ` (a random sample of the grid's ${r.candidates}, seed ${r.search.seed}; the heatmap's grey cells were not drawn or were excluded)`
    : '';
}

/** Renders the study page. */
export function renderStudyPage(
  title: string,
  result: StudyResult,
  axes: readonly GridAxis[],
): string {
  const best = result.ranked[0];
  const params = (r: ConfigResult) =>
    Object.entries(r.params)
      .map(([k, v]) => `${k}=${formatParam(v)}`)
      .join(' ');
  const top = result.ranked.slice(0, 5).map((r, k) => ({
    label: params(r),
    color: COLORS[k],
    x: r.dailyTime,
    y: r.dailyEquity,
  }));
  const summary = best
    ? `<p class="big">Best of <b id="configurations">${result.configurations}</b> configurations${drawn(result)} by ${esc(result.objective)}: <b>${esc(params(best))}</b>, ${esc(result.objective)} ${formatRatio((best.metrics as unknown as Record<string, number | null>)[result.objective])}.</p>
<p>Probabilistic Sharpe (vs 0): <b id="psr">${formatRatio(result.probabilisticSharpe)}</b>. Deflated Sharpe (vs the best of ${result.configurations} by luck): <b id="dsr">${formatRatio(result.deflatedSharpe)}</b>.</p>
<p class="note">The deflated Sharpe ratio is the probability that the best configuration's true Sharpe is above what the best of this many unskilled trials would show by chance (Bailey &amp; López de Prado, 2014). Below 0.95, the maximum is not distinguishable from luck.</p>`
    : '<p>No configuration finished.</p>';
  const done =
    result.completed < result.configurations
      ? `<p class="note">Interrupted: ${result.completed} of ${result.configurations} configurations finished.</p>`
      : '';
  const body = `<h1>${esc(title)}</h1>${summary}${done}<h2>Heatmap</h2>${heatmap(result, axes)}<h2>Equity of the top configurations (daily)</h2>${lineChart(top)}`;
  return page(title, body);
}
