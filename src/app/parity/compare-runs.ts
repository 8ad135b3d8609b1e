/**
 * @module `compareRuns`: two recorded runs over their common period, decision by decision and fill
 * by fill, every difference listed with where (time, instrument) and why, and a summary with a
 * verdict. Run A is the reference (usually the backtest); slippage is B's price against A's.
 */
import type { RunRecord } from '../run-record.ts';
import { CompareContext } from './compare-context.ts';
import { decToNumber } from './exact-price.ts';
import { matchDecisions } from './match-decisions.ts';
import { matchFills } from './match-fills.ts';
import {
  EXACT_TOLERANCE,
  TOLERATED_KINDS,
  type InstrumentSpec,
  type ParityReport,
  type ParityTolerance,
  type RunSide,
} from './types.ts';

function side(r: RunRecord): RunSide {
  return {
    runId: r.runId,
    mode: r.mode,
    strategy: r.strategy,
    strategySourceHash: r.strategySourceHash,
    params: r.params,
    from: r.from,
    to: r.to,
    decisions: r.decisions.length,
    fills: r.fills.length,
  };
}

function notesOf(a: RunRecord, b: RunRecord, specs: ReadonlyMap<string, InstrumentSpec>): string[] {
  const notes: string[] = [];
  if (a.strategy !== b.strategy)
    notes.push(`the runs are of different strategies (${a.strategy}, ${b.strategy})`);
  else if (a.strategySourceHash !== b.strategySourceHash)
    notes.push('the strategy source differs between the runs');
  if (JSON.stringify(a.params) !== JSON.stringify(b.params))
    notes.push('the runs have different parameters');
  for (const r of [a, b]) {
    if (r.decisions.length === 0 && r.fills.length > 0) {
      notes.push(
        `run ${r.runId} recorded no decisions (a backtest --out folder): compared fill by fill`,
      );
    }
    if (r.errors.length > 0) notes.push(`run ${r.runId} met ${r.errors.length} error(s)`);
  }
  const unknown = [...new Set([...a.instruments, ...b.instruments].map((i) => i.uid))].filter(
    (u) => !((specs.get(u)?.step ?? 0) > 0),
  );
  if (unknown.length > 0)
    notes.push(
      `price step unknown for ${unknown.join(', ')}: slippage is in money only, a tolerance in ticks cannot apply`,
    );
  return notes;
}

/**
 * Compares run B with run A over [max(from), min(to)).
 * @param specs price step and lot per instrument uid (from the cache); unknown ones compare exactly.
 */
export function compareRuns(
  a: RunRecord,
  b: RunRecord,
  tolerance: ParityTolerance = EXACT_TOLERANCE,
  specs: ReadonlyMap<string, InstrumentSpec> = new Map(),
): ParityReport {
  const period = { from: Math.max(a.from, b.from), to: Math.min(a.to, b.to) };
  const ctx = new CompareContext(a, b, tolerance, specs);
  const byDecisions = a.decisions.length > 0 || b.decisions.length > 0;
  const withDecisions = a.decisions.length > 0 && b.decisions.length > 0;
  const notes = notesOf(a, b, specs);
  if (period.to <= period.from) notes.push('the runs have no period in common: nothing compared');
  else if (withDecisions || (byDecisions && a.fills.length + b.fills.length === 0)) {
    matchDecisions(ctx, period.from, period.to);
  } else matchFills(ctx, period.from, period.to);
  const summary = ctx.summary(decToNumber, TOLERATED_KINDS);
  if (period.to <= period.from) summary.withinTolerance = false;
  return {
    a: side(a),
    b: side(b),
    period,
    tolerance,
    matchedBy: withDecisions ? 'decisions' : 'fills',
    notes,
    differences: ctx.differences,
    summary,
  };
}
