/**
 * @module A parity report as text (what `tlab parity` prints) and as one JSON object (`--json`,
 * parity.json): the two runs, the period, every difference with where and why, the summary and the
 * verdict. Times are ISO 8601 UTC; the JSON is canonical, so equal reports give equal bytes.
 */
import { isoUtc } from '../../core/time.ts';
import { canonicalJson, type Json } from '../../report/json.ts';
import type { DifferenceKind, ParityReport } from './types.ts';

/** The counts by kind as `2 missing-decision, 1 fill-later`, in a stable order. */
export function kindCounts(byKind: Partial<Record<DifferenceKind, number>>): string {
  return Object.entries(byKind)
    .sort(([x], [y]) => (x < y ? -1 : 1))
    .map(([k, n]) => `${n} ${k}`)
    .join(', ');
}

/** The verdict line: within tolerance, or not and why. */
export function verdictLine(r: ParityReport): string {
  if (r.summary.withinTolerance) return 'verdict: within tolerance';
  const why = kindCounts(r.summary.byKind);
  return `verdict: NOT within tolerance${why === '' ? '' : ` (${why})`}`;
}

/** The report as the lines `tlab parity` prints. */
export function parityText(r: ParityReport): string {
  const t = r.tolerance;
  const s = r.summary;
  const lines = [
    `A: ${r.a.runId} (${r.a.mode}, ${r.a.strategy}, ${r.a.decisions} decisions, ${r.a.fills} fills)`,
    `B: ${r.b.runId} (${r.b.mode}, ${r.b.strategy}, ${r.b.decisions} decisions, ${r.b.fills} fills)`,
    `period ${isoUtc(r.period.from)} to ${isoUtc(r.period.to)}, matched by ${r.matchedBy}, tolerance ${t.priceTicks} ticks and ${t.fillDelayMs} ms`,
    ...r.notes.map((n) => `note: ${n}`),
    ...r.differences.map((d) => `${isoUtc(d.time)}  ${d.ticker}  ${d.kind}: ${d.detail}`),
    `decisions: ${s.decisions.matched} matched, ${s.decisions.different} different, ${s.decisions.onlyA} only in A, ${s.decisions.onlyB} only in B`,
    `fills: ${s.fills.matched} matched, ${s.fills.different} different, ${s.fills.onlyA} only in A, ${s.fills.onlyB} only in B`,
    `slippage cost of B against A: ${s.slippageCost}`,
    verdictLine(r),
  ];
  return `${lines.join('\n')}\n`;
}

/** The report as canonical JSON data, times as ISO text. */
export function parityJson(r: ParityReport): Json {
  return canonicalJson({
    ...r,
    a: { ...r.a, from: isoUtc(r.a.from), to: isoUtc(r.a.to) },
    b: { ...r.b, from: isoUtc(r.b.from), to: isoUtc(r.b.to) },
    period: { from: isoUtc(r.period.from), to: isoUtc(r.period.to) },
    differences: r.differences.map((d) => ({ ...d, time: isoUtc(d.time) })),
  });
}
