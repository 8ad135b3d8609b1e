/**
 * @module A parameter study: every configuration of a grid that passes the constraints, run on the
 * pool over shared candles, ranked by an objective, with the number of configurations tried and the
 * deflated and probabilistic Sharpe ratios of the best one, so a lucky maximum shows as such.
 * Configurations finished earlier (a resumed study) are reused, not run again.
 */
import type { Metrics } from '../engine/index.ts';
import type { RawParam } from '../strategies/index.ts';
import type { ConfigPool } from './config-pool.ts';
import type { ConfigResult, RunTemplate } from './config-run.ts';
import { parseConstraints } from './constraint.ts';
import { expandGrid, type GridAxis, type ParamSet } from './grid.ts';
import { searchConfigurations, type SearchSpec } from './random-search.ts';
import { deflatedSharpe, probabilisticSharpe, returnMoments } from './sharpe-stats.ts';
import type { SharedSeries } from './shared-candles.ts';

/** Metrics a study can rank by (all maximised). */
export const OBJECTIVES = [
  'sharpe',
  'sortino',
  'totalReturn',
  'cagr',
  'calmar',
  'profitFactor',
  'expectancy',
  'finalEquity',
] as const satisfies readonly (keyof Metrics)[];

/** A metric a study ranks by. */
export type Objective = (typeof OBJECTIVES)[number];

/** What to search. */
export interface StudySpec {
  template: RunTemplate;
  /** Parameters held fixed for every configuration. */
  fixed: Record<string, RawParam>;
  axes: GridAxis[];
  constraints: string[];
  objective: Objective;
  /** Every configuration of the grid (the default), or a seeded random sample of them. */
  search?: SearchSpec;
  /** Which sessions' candles the series hold (`--sessions`; absent: every candle). */
  sessions?: string;
}

/** A finished (or interrupted) study. */
export interface StudyResult {
  /** Configurations tried: the grid after constraints, or the random sample drawn from it. */
  configurations: number;
  /** The grid's configurations after constraints (what a random search drew from). */
  candidates: number;
  search: SearchSpec;
  /** Of them, finished (equal to `configurations` unless interrupted). */
  completed: number;
  /** Grid points the constraints removed. */
  excluded: number;
  objective: Objective;
  /** Finished configurations, best first (null objective values last, ties in grid order). */
  ranked: ConfigResult[];
  /** Per-day Sharpe moments of the best, and its PSR (vs 0) and DSR (vs the best of N by luck). */
  probabilisticSharpe: number | null;
  deflatedSharpe: number | null;
}

/** How a study runs. */
export interface StudyRunOptions {
  pool: ConfigPool;
  series: SharedSeries[];
  /** Results of configurations finished before, by {@link paramKey}. */
  done?: ReadonlyMap<string, ConfigResult>;
  /** Called with each newly finished configuration (to append it to the resume log). */
  onResult?(r: ConfigResult, done: number, total: number): void;
  /** Stops submitting new configurations when aborted. */
  signal?: AbortSignal;
}

/** A stable key of a parameter set (sorted keys). */
export function paramKey(p: Record<string, RawParam>): string {
  return JSON.stringify(
    Object.keys(p)
      .sort()
      .map((k) => [k, p[k]]),
  );
}

/**
 * The configurations a study runs, each with the fixed parameters: the grid after constraints, or
 * the search's sample of them; `candidates` counts the constrained grid.
 */
export function studyConfigurations(spec: StudySpec): {
  configs: ParamSet[];
  excluded: number;
  candidates: number;
} {
  const all = expandGrid(spec.axes);
  const ok = parseConstraints(spec.constraints, [
    ...spec.axes.map((a) => a.name),
    ...Object.keys(spec.fixed),
  ]);
  const kept = all.map((p) => ({ ...spec.fixed, ...p }) as ParamSet).filter((p) => ok(p));
  return {
    configs: searchConfigurations(kept, spec.search),
    excluded: all.length - kept.length,
    candidates: kept.length,
  };
}

/** Runs (or resumes) a study. */
export async function runStudy(spec: StudySpec, o: StudyRunOptions): Promise<StudyResult> {
  const { configs, excluded, candidates } = studyConfigurations(spec);
  const results = new Map<string, ConfigResult>();
  for (const p of configs) {
    const prior = o.done?.get(paramKey(p));
    if (prior) results.set(paramKey(p), prior);
  }
  const todo = configs.filter((p) => !results.has(paramKey(p)));
  let finished = results.size;
  // Two tasks per thread in flight keep every worker busy; the rest wait here, so an abort stops them.
  const limit = Math.max(1, o.pool.threads * 2);
  const running = new Set<Promise<void>>();
  for (const params of todo) {
    if (o.signal?.aborted) break;
    const job = o.pool.run({ template: spec.template, params, series: o.series }).then((r) => {
      results.set(paramKey(params), r);
      o.onResult?.(r, ++finished, configs.length);
    });
    const tracked: Promise<void> = job.finally(() => running.delete(tracked));
    running.add(tracked);
    if (running.size >= limit) await Promise.race(running);
  }
  await Promise.all(running);
  const order = new Map(configs.map((p, k) => [paramKey(p), k]));
  const ranked = [...results.values()].sort((a, b) => {
    const x = a.metrics[spec.objective];
    const y = b.metrics[spec.objective];
    if (x !== y) {
      if (x === null) return 1;
      if (y === null) return -1;
      return y - x;
    }
    return (order.get(paramKey(a.params)) ?? 0) - (order.get(paramKey(b.params)) ?? 0);
  });
  return {
    configurations: configs.length,
    candidates,
    search: spec.search ?? { kind: 'grid' },
    completed: results.size,
    excluded,
    objective: spec.objective,
    ranked,
    ...overfitting(ranked),
  };
}

/** Daily returns of a configuration from its daily equity. */
export function dailyReturnsOf(r: ConfigResult): number[] {
  return r.dailyEquity.map((e, i) => e / (i === 0 ? r.startingCash : r.dailyEquity[i - 1]) - 1);
}

/** PSR and DSR of the best; a configuration without a defined Sharpe counts as Sharpe 0. */
function overfitting(ranked: readonly ConfigResult[]) {
  const best = ranked[0];
  const m = best === undefined ? null : returnMoments(dailyReturnsOf(best));
  if (m === null) return { probabilisticSharpe: null, deflatedSharpe: null };
  const sharpes = ranked.map((r) => returnMoments(dailyReturnsOf(r))?.sharpe ?? 0);
  return {
    probabilisticSharpe: probabilisticSharpe(m),
    deflatedSharpe: deflatedSharpe(m, sharpes),
  };
}
