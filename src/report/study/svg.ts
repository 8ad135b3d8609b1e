/**
 * @module Small inline-SVG drawing helpers for the research pages (heatmap cells, line charts): no
 * library and no network, so the pages stay self-contained and byte-identical for the same inputs.
 */

/** `text` safe inside HTML and SVG. */
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A colour from red (low) through white to green (high) for t in [0, 1]; grey for null. */
export function heat(t: number | null): string {
  if (t === null || !Number.isFinite(t)) return '#dddddd';
  const u = Math.min(1, Math.max(0, t));
  const r = u < 0.5 ? 220 : Math.round(220 - (u - 0.5) * 2 * 170);
  const g = u < 0.5 ? Math.round(60 + u * 2 * 160) : 220;
  const b = u < 0.5 ? Math.round(60 + u * 2 * 160) : Math.round(220 - (u - 0.5) * 2 * 160);
  return `rgb(${r},${g},${b})`;
}

/** One series of a line chart. */
export interface Line {
  label: string;
  color: string;
  x: readonly number[];
  y: readonly number[];
}

/** A line chart of several series on shared axes, as an SVG element with a legend. */
export function lineChart(lines: readonly Line[], width = 900, height = 320): string {
  const xs = lines.flatMap((l) => l.x);
  const ys = lines.flatMap((l) => l.y).filter(Number.isFinite);
  if (xs.length === 0 || ys.length === 0) return '<p>No data to draw.</p>';
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const [y0, y1] = [Math.min(...ys), Math.max(...ys)];
  const pad = 40;
  const sx = (x: number) => pad + ((x - x0) / (x1 - x0 || 1)) * (width - 2 * pad);
  const sy = (y: number) => height - pad - ((y - y0) / (y1 - y0 || 1)) * (height - 2 * pad);
  const paths = lines.map((l) => {
    const d = l.x.map(
      (x, i) => `${i === 0 ? 'M' : 'L'}${sx(x).toFixed(1)},${sy(l.y[i]).toFixed(1)}`,
    );
    return `<path d="${d.join('')}" fill="none" stroke="${l.color}" stroke-width="1.5"><title>${esc(l.label)}</title></path>`;
  });
  const fmt = (v: number) => v.toLocaleString('en-US', { maximumFractionDigits: 2 });
  const day = (t: number) => new Date(t).toISOString().slice(0, 10);
  const axes =
    `<text x="${pad}" y="${height - 12}" font-size="11">${day(x0)}</text>` +
    `<text x="${width - pad}" y="${height - 12}" font-size="11" text-anchor="end">${day(x1)}</text>` +
    `<text x="4" y="${pad}" font-size="11">${fmt(y1)}</text>` +
    `<text x="4" y="${height - pad}" font-size="11">${fmt(y0)}</text>`;
  const legend = lines
    .map((l) => `<span class="key" style="border-color:${l.color}">${esc(l.label)}</span>`)
    .join(' ');
  return `<svg viewBox="0 0 ${width} ${height}" width="100%" role="img">${axes}${paths.join('')}</svg><div class="legend">${legend}</div>`;
}

/** The page shell every research page shares: CSP that forbids any fetch, inline style. */
export function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${esc(title)}</title>
<style>
body{font:14px system-ui,sans-serif;margin:24px;color:#222}table{border-collapse:collapse}
td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}th{background:#f4f4f4}
.heat td{min-width:56px}.key{border-left:14px solid;padding-left:4px;margin-right:12px}
.note{color:#555;max-width:60em}.big{font-size:18px}
</style></head><body>
${body}
</body></html>
`;
}
