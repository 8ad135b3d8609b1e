/**
 * @module The second rung, sandbox → live: a sandbox run that lasted at least `minDuration`, ended
 * cleanly with no error, ran the code being promoted, and is within the parity tolerance of a
 * backtest of the same period with the `sandbox` fill model (that backtest is the reference, run A).
 */
import { formatDuration } from '../../report/format.ts';
import { compareRuns } from '../parity/compare-runs.ts';
import type { InstrumentSpec, ParityReport } from '../parity/types.ts';
import type { RunRecord } from '../run-record.ts';
import type { RungCheck } from './backtest-rung.ts';
import type { PromotionConfig } from './promotion-config.ts';
import { kindCounts } from '../parity/parity-text.ts';

/** The sandbox rung's verdict with the parity report it rests on. */
export interface SandboxRungCheck extends RungCheck {
  parity: ParityReport | undefined;
}

/** The refusals that need no backtest (mode, length, outcome, errors, code). */
export function sandboxRunRefusals(
  run: RunRecord,
  t: PromotionConfig['sandbox'],
  currentSourceHash: string,
): string[] {
  const out: string[] = [];
  if (run.mode !== 'sandbox')
    out.push(
      `run ${run.runId} is a ${run.mode} run, not a sandbox run: promote --from sandbox takes a tlab sandbox run`,
    );
  const length = run.to - run.from;
  if (length < t.minDuration)
    out.push(
      `minimum sandbox run length ${formatDuration(t.minDuration)}: the run lasted ${formatDuration(length)}`,
    );
  if (run.outcome !== 'completed' && run.outcome !== 'stopped')
    out.push(`the sandbox run must have ended cleanly: its outcome is ${run.outcome}`);
  if (run.errors.length > 0)
    out.push(
      `errors 0: the sandbox run met ${run.errors.length}, the first at ${new Date(run.errors[0].time).toISOString()}: ${run.errors[0].message}`,
    );
  if (run.strategySourceHash !== currentSourceHash) {
    out.push(
      `the sandbox run ran another version of ${run.strategy} (source ${run.strategySourceHash.slice(0, 12)}, code now ${currentSourceHash.slice(0, 12)}): run this code in the sandbox`,
    );
  }
  return out;
}

/** Checks the sandbox run against the rung, with `backtest` the sandbox-model backtest of its period. */
export function checkSandboxRung(
  run: RunRecord,
  backtest: RunRecord,
  specs: ReadonlyMap<string, InstrumentSpec>,
  t: PromotionConfig['sandbox'],
  currentSourceHash: string,
): SandboxRungCheck {
  const refusals = sandboxRunRefusals(run, t, currentSourceHash);
  const parity = compareRuns(
    backtest,
    run,
    { priceTicks: t.parity.priceTicks, fillDelayMs: t.parity.maxFillDelay ?? 0 },
    specs,
  );
  if (!parity.summary.withinTolerance) {
    const n = parity.differences.length;
    refusals.push(
      `parity within ${t.parity.priceTicks} ticks against the sandbox-model backtest: ${kindCounts(parity.summary.byKind) || 'no period in common'}${n > 0 ? ` (first: ${parity.differences.find((d) => d.kind !== 'price-slippage-within')?.detail ?? ''})` : ''}`,
    );
  }
  return {
    refusals,
    parity,
    measured: {
      durationMs: run.to - run.from,
      errors: run.errors.length,
      differences: parity.differences.length,
      slippageCost: parity.summary.slippageCost,
    },
  };
}
