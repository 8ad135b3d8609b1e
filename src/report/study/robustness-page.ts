/**
 * @module `robustness.html`: a histogram per distribution (drawdown, final equity, Sharpe) with
 * its percentiles, as inline SVG.
 */
import type { Distribution, RobustnessResult } from '../../research/robustness.ts';
import { esc, page } from './svg.ts';

function histogram(title: string, d: Distribution, bins = 30): string {
  const s = d.samples;
  const [lo, hi] = [s[0], s[s.length - 1]];
  const w = (hi - lo) / bins || 1;
  const counts = new Array<number>(bins).fill(0);
  for (const x of s) counts[Math.min(bins - 1, Math.floor((x - lo) / w))]++;
  const max = Math.max(...counts);
  const bars = counts
    .map(
      (c, k) =>
        `<rect x="${k * 20}" y="${120 - (c / max) * 110}" width="18" height="${(c / max) * 110}" fill="#4c78a8"><title>${c}</title></rect>`,
    )
    .join('');
  const pct = [d.p5, d.p25, d.p50, d.p75, d.p95].map((x) => x.toPrecision(5)).join(' / ');
  return `<h3>${esc(title)}</h3><svg viewBox="0 0 ${bins * 20} 125" width="600" class="hist">${bars}</svg><p>p5 / p25 / p50 / p75 / p95: ${pct}</p>`;
}

/** Renders the robustness page. */
export function renderRobustnessPage(run: string, r: RobustnessResult): string {
  const parts = [
    `<h1>Robustness of ${esc(run)}</h1><p>${r.iterations} resamples, seed ${r.seed}, block length ${r.blockLength} days.</p>`,
  ];
  if (r.trades) {
    parts.push(histogram('Max drawdown, trades reshuffled', r.trades.maxDrawdown));
    parts.push(histogram('Final equity, trades resampled', r.trades.finalEquity));
  }
  if (r.days) {
    parts.push(histogram('Max drawdown, days bootstrapped', r.days.maxDrawdown));
    parts.push(histogram('Final equity, days bootstrapped', r.days.finalEquity));
    parts.push(histogram('Sharpe, days bootstrapped', r.days.sharpe));
  }
  return page(`Robustness ${run}`, parts.join('\n'));
}
