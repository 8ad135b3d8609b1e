/**
 * @module What `tlab cluster status` shows of a study: a hash per study (kind, strategy, jobs,
 * finished, failed, times, submitting host) and a sorted set of studies by submission time. The
 * record holds no URL, path or token.
 */
import os from 'node:os';
import type { Redis } from 'ioredis';
import { STUDIES_KEY, studyKey } from './connection.ts';

/** A study as the submitter describes it. */
export interface StudyInfo {
  id: string;
  kind: 'optimize' | 'walk-forward';
  strategy: string;
  /** Jobs the study will settle (configurations; for a walk-forward, every window's). */
  jobs: number;
}

/** Records a (re)submitted study; counts restart from zero for this submission. */
export async function recordStudy(redis: Redis, s: StudyInfo, now = Date.now()): Promise<void> {
  await redis
    .multi()
    .hset(studyKey(s.id), {
      kind: s.kind,
      strategy: s.strategy,
      jobs: String(s.jobs),
      finished: '0',
      failed: '0',
      submitted: new Date(now).toISOString(),
      host: os.hostname(),
      state: 'running',
    })
    .zadd(STUDIES_KEY, now, s.id)
    .exec();
}

/** Counts one settled job of the study. */
export async function countJob(redis: Redis, id: string, ok: boolean): Promise<void> {
  await redis.hincrby(studyKey(id), ok ? 'finished' : 'failed', 1);
}

/** Marks the study's submission over: done, failed (a configuration failed) or stopped early. */
export async function endStudy(
  redis: Redis,
  id: string,
  state: 'done' | 'stopped' | 'failed',
): Promise<void> {
  await redis.hset(studyKey(id), { state, ended: new Date().toISOString() });
}

/** The newest `limit` studies. */
export async function listStudies(redis: Redis, limit = 20): Promise<Record<string, string>[]> {
  const ids = await redis.zrevrange(STUDIES_KEY, 0, limit - 1);
  const rows = await Promise.all(ids.map((id) => redis.hgetall(studyKey(id))));
  return rows.map((r, k) => ({ id: ids[k], ...r }));
}
