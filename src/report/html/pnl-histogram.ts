/**
 * @module The P&L distribution of the round trips as an inline SVG histogram (drawn on the server,
 * so it needs no script and reads the same in print). Bin edges are round money amounts with zero
 * on an edge, so losing and winning trades never share a bar; each bar's tooltip gives its range
 * and count.
 */
import type { RoundTrip } from '../../engine/result.ts';
import { formatCount, formatMoney } from '../format.ts';
import { escapeHtml } from './tables.ts';

/** One histogram bin: trades with `from <= pnl < to` (the last bin also takes its upper edge). */
export interface PnlBin {
  from: number;
  to: number;
  count: number;
}

/** 1, 2 or 5 times a power of ten, at least `x`. */
function niceStep(x: number): number {
  if (!(x > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 2, 5, 10]) if (m * p >= x) return m * p;
  return 10 * p;
}

/** Bins of the trades' net P&L: about √n of them (5 to 24), edges on multiples of a round step. */
export function pnlBins(trades: readonly RoundTrip[]): PnlBin[] {
  const pnl = trades.map((t) => t.pnl).filter(Number.isFinite);
  if (pnl.length === 0) return [];
  const min = Math.min(...pnl);
  const max = Math.max(...pnl);
  const k = Math.min(24, Math.max(5, Math.ceil(Math.sqrt(pnl.length))));
  const step = niceStep((max - min) / k || Math.abs(max) || 1);
  const start = Math.floor(min / step);
  const count = Math.max(1, Math.floor(max / step) - start + 1);
  const bins: PnlBin[] = Array.from({ length: count }, (_, i) => ({
    from: (start + i) * step,
    to: (start + i + 1) * step,
    count: 0,
  }));
  for (const p of pnl) bins[Math.min(count - 1, Math.max(0, Math.floor(p / step) - start))].count++;
  return bins;
}

const W = 720;
const H = 200;
const PAD = { left: 44, right: 8, top: 8, bottom: 28 };

/** The histogram as an `<svg>` element ('' text when there are no trades). */
export function pnlHistogramSvg(trades: readonly RoundTrip[]): string {
  const bins = pnlBins(trades);
  if (bins.length === 0) return '<p class="muted">No round trips.</p>';
  const most = Math.max(...bins.map((b) => b.count));
  const bw = (W - PAD.left - PAD.right) / bins.length;
  const ph = H - PAD.top - PAD.bottom;
  const bars = bins.map((b, i) => {
    const h = (b.count / most) * ph;
    const x = PAD.left + i * bw;
    const cls = b.to <= 0 ? 'loss' : 'win';
    const tip = `${formatMoney(b.from)} to ${formatMoney(b.to)}: ${formatCount(b.count)} trade(s)`;
    return (
      `<rect class="${cls}" data-count="${b.count}" x="${x.toFixed(1)}" y="${(PAD.top + ph - h).toFixed(1)}" ` +
      `width="${Math.max(1, bw - 2).toFixed(1)}" height="${h.toFixed(1)}"><title>${escapeHtml(tip)}</title></rect>`
    );
  });
  const base = PAD.top + ph;
  const edgeLabel = (v: number, x: number, anchor: string): string =>
    `<text x="${x.toFixed(1)}" y="${H - 8}" text-anchor="${anchor}">${escapeHtml(formatMoney(v))}</text>`;
  const zero = bins.findIndex((b) => b.from === 0);
  const labels = [
    edgeLabel(bins[0].from, PAD.left, 'start'),
    edgeLabel(bins[bins.length - 1].to, W - PAD.right, 'end'),
    ...(zero > 0 && zero < bins.length ? [edgeLabel(0, PAD.left + zero * bw, 'middle')] : []),
  ];
  return [
    `<svg id="pnl-histogram" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="Distribution of round-trip P&amp;L">`,
    `<text x="${PAD.left - 6}" y="${PAD.top + 10}" text-anchor="end">${most}</text>`,
    `<text x="${PAD.left - 6}" y="${base}" text-anchor="end">0</text>`,
    `<line x1="${PAD.left}" y1="${base}" x2="${W - PAD.right}" y2="${base}" class="axis"/>`,
    ...bars,
    ...labels,
    '</svg>',
  ].join('\n');
}
