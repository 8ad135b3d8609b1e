/**
 * @module What `--cluster URL` changes in a research command: the study runs on the cluster pool
 * instead of local threads, under an id derived from what it searches, with the cluster's
 * progress bar. Everything else (ranking, statistics, files) is the local code, unchanged.
 */
import { UsageError } from '../core/errors.ts';
import { sha256 } from '../engine/backtest/fingerprint.ts';
import { studyIdentity } from '../research/study-files.ts';
import type { StudySpec } from '../research/study.ts';
import { createClusterPool, type ClusterPool } from './cluster-pool.ts';
import { clusterProgress, type ClusterProgress } from './cluster-progress.ts';
import { checkRedis } from './redis-check.ts';
import { parseRedisUrl } from './redis-url.ts';
import type { StudyInfo } from './study-record.ts';

/** A study's pool and bar on the cluster. */
export interface ClusterStudy {
  pool: ClusterPool;
  progress: ClusterProgress;
}

/** The id of a study: its identity, search and, for a walk-forward, its windows. */
export function clusterStudyId(
  kind: StudyInfo['kind'],
  spec: StudySpec,
  extra: unknown = null,
): string {
  return sha256(
    JSON.stringify({
      kind,
      identity: studyIdentity(spec),
      axes: spec.axes,
      constraints: spec.constraints,
      objective: spec.objective,
      search: spec.search ?? null,
      extra,
    }),
  );
}

/** How a command opens its cluster study. */
export interface ClusterStudyOptions {
  url: string;
  kind: StudyInfo['kind'];
  spec: StudySpec;
  /** Jobs the study settles (the bar's total). */
  jobs: number;
  /** Whether to draw the bar. */
  bar: boolean;
  /** The bar counts settled jobs itself (else the command updates it). */
  countSettled: boolean;
  /** `--workers` as given: refused, workers belong to `tlab worker`. */
  workers?: number;
  extra?: unknown;
}

/** Connects to the cluster for a study. */
export async function openClusterStudy(o: ClusterStudyOptions): Promise<ClusterStudy> {
  if (o.workers !== undefined) {
    throw new UsageError(
      '--workers does nothing with --cluster',
      'drop --workers; give each `tlab worker` its --concurrency',
    );
  }
  const target = parseRedisUrl(o.url);
  await checkRedis(target);
  const progress = clusterProgress(o.bar, o.jobs);
  const pool = await createClusterPool({
    target,
    study: {
      id: clusterStudyId(o.kind, o.spec, o.extra),
      kind: o.kind,
      strategy: o.spec.template.strategy,
      jobs: o.jobs,
    },
    onWorkers: (n) => progress.workers(n),
    ...(o.countSettled ? { onSettled: (n: number) => progress.update(n) } : {}),
  });
  return { pool, progress };
}
