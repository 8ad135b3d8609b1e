/**
 * @module Arithmetic on sets of half-open time ranges: merging, subtracting, summing. Coverage is
 * stored as a merged set, and "what is missing" is the requested range minus that set.
 */
import type { TimeRange } from '../core/time.ts';

/** Sorts ranges and merges those that overlap or touch; drops empty ones. */
export function mergeRanges(ranges: readonly TimeRange[]): TimeRange[] {
  const sorted = ranges.filter((r) => r.to > r.from).sort((a, b) => a.from - b.from);
  const out: TimeRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.from <= last.to) last.to = Math.max(last.to, r.to);
    else out.push({ from: r.from, to: r.to });
  }
  return out;
}

/** Parts of `range` not inside any of `covered` (which need not be sorted or merged). */
export function subtractRanges(range: TimeRange, covered: readonly TimeRange[]): TimeRange[] {
  const out: TimeRange[] = [];
  let cursor = range.from;
  for (const c of mergeRanges(covered)) {
    if (c.to <= cursor) continue;
    if (c.from >= range.to) break;
    if (c.from > cursor) out.push({ from: cursor, to: c.from });
    cursor = Math.max(cursor, c.to);
    if (cursor >= range.to) break;
  }
  if (cursor < range.to) out.push({ from: cursor, to: range.to });
  return out;
}

/** Gaps between consecutive ranges of a merged set (what lies between its first and last range). */
export function gapsBetween(merged: readonly TimeRange[]): TimeRange[] {
  const out: TimeRange[] = [];
  for (let i = 1; i < merged.length; i++) out.push({ from: merged[i - 1].to, to: merged[i].from });
  return out;
}

/** True when `t` lies inside one of the ranges of a merged, sorted set (binary search). */
export function insideRanges(merged: readonly TimeRange[], t: number): boolean {
  let lo = 0;
  let hi = merged.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = merged[mid];
    if (t < r.from) hi = mid - 1;
    else if (t >= r.to) lo = mid + 1;
    else return true;
  }
  return false;
}
