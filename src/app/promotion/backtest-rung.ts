/**
 * @module The first rung, backtest → sandbox: a finished backtest with at least `minTrades` round
 * trips, a maximum drawdown of at most `maxDrawdown` and a deflated Sharpe ratio of at least
 * `minDeflatedSharpe`. The DSR deflates the run's probabilistic Sharpe by the number of
 * configurations tried to find its parameters; that number comes from a study (the `tlab optimize`
 * folder) or from the user, and when nobody knows it the rung says so instead of guessing.
 */
import { deflatedSharpe, returnMoments } from '../../research/sharpe-stats.ts';
import type { RunRecord } from '../run-record.ts';
import type { PromotionConfig } from './promotion-config.ts';

/** How many configurations were tried, and what a study says of them. */
export type TrialsInfo =
  | { kind: 'stated'; trials: number }
  | { kind: 'study'; configurations: number; deflatedSharpe: number | null; isBest: boolean }
  | { kind: 'unknown' };

/** A rung's verdict: the refusals, one line each, none when it passes. */
export interface RungCheck {
  refusals: string[];
  /** The measured values, by threshold name, for the summary. */
  measured: Record<string, number | null>;
}

function dsrOf(
  daily: readonly number[] | undefined,
  trials: TrialsInfo,
): { value: number | null; refusal?: string } {
  if (trials.kind === 'unknown') {
    return {
      value: null,
      refusal:
        'deflated Sharpe: the number of configurations tried is unknown; pass --trials N (1 if these parameters were the only ones tried) or --study DIR (the tlab optimize --out folder)',
    };
  }
  if (trials.kind === 'study') {
    if (!trials.isBest)
      return {
        value: null,
        refusal:
          "deflated Sharpe: the run's parameters are not the study's best, so its deflated Sharpe does not apply; backtest the study's best or pass --trials N",
      };
    return { value: trials.deflatedSharpe };
  }
  if (trials.trials > 1) {
    return {
      value: null,
      refusal: `deflated Sharpe: with ${trials.trials} configurations tried it needs their Sharpe ratios; pass --study DIR (the tlab optimize --out folder)`,
    };
  }
  if (daily === undefined)
    return {
      value: null,
      refusal:
        "deflated Sharpe: the run's daily returns are unknown (promote a tlab backtest --out folder, which has equity.csv)",
    };
  const m = returnMoments(daily);
  return { value: m === null ? null : deflatedSharpe(m, [m.sharpe]) };
}

/**
 * Checks a backtest against the first rung's thresholds.
 * @param daily the run's daily returns (from its equity curve), when known.
 */
export function checkBacktestRung(
  run: RunRecord,
  daily: readonly number[] | undefined,
  trials: TrialsInfo,
  t: PromotionConfig['backtest'],
): RungCheck {
  const refusals: string[] = [];
  if (run.mode !== 'backtest')
    refusals.push(
      `run ${run.runId} is a ${run.mode} run, not a backtest: promote --from backtest takes a backtest`,
    );
  const m = run.metrics;
  if (m === undefined) {
    refusals.push(
      `run ${run.runId} has no metrics (it did not finish): run the backtest to its end`,
    );
    return { refusals, measured: {} };
  }
  if (m.trades < t.minTrades)
    refusals.push(`minimum trades ${t.minTrades}: the backtest has ${m.trades}`);
  const dd = m.maxDrawdown;
  if (dd === null || dd > t.maxDrawdown)
    refusals.push(`maximum drawdown ${t.maxDrawdown}: the backtest's is ${dd ?? 'undefined'}`);
  const dsr = dsrOf(daily, trials);
  if (dsr.refusal !== undefined) refusals.push(dsr.refusal);
  else if (dsr.value === null || dsr.value < t.minDeflatedSharpe) {
    refusals.push(
      `minimum deflated Sharpe ${t.minDeflatedSharpe}: the backtest's is ${dsr.value === null ? 'undefined (too few days or no variation)' : dsr.value.toFixed(4)}`,
    );
  }
  return { refusals, measured: { trades: m.trades, maxDrawdown: dd, deflatedSharpe: dsr.value } };
}
