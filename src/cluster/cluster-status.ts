/**
 * @module What the cluster is doing, for `tlab cluster status`: the configuration queue's job
 * counts, the live workers (name, address, connected for), and the newest studies with their
 * progress, read from Redis in one pass.
 */
import { Queue } from 'bullmq';
import { CONFIG_QUEUE, connect, connectionOptions } from './connection.ts';
import { checkRedis } from './redis-check.ts';
import type { RedisTarget } from './redis-url.ts';
import { listStudies } from './study-record.ts';

/** A snapshot of the cluster. */
export interface ClusterStatus {
  redis: string;
  queue: Record<string, number>;
  workers: { name: string; addr: string; ageSeconds: number }[];
  studies: Record<string, string>[];
}

/** Reads the snapshot. */
export async function clusterStatus(target: RedisTarget, studies = 20): Promise<ClusterStatus> {
  await checkRedis(target);
  const queue = new Queue(CONFIG_QUEUE, { connection: connectionOptions(target) });
  const redis = connect(target);
  try {
    const [counts, workers, list] = await Promise.all([
      queue.getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed'),
      queue.getWorkers(),
      listStudies(redis, studies),
    ]);
    return {
      redis: target.label,
      queue: counts,
      workers: workers.map((w) => ({
        name: String(w.rawname ?? '').split(':w:')[1] ?? '',
        addr: String(w.addr ?? ''),
        ageSeconds: Number(w.age ?? 0),
      })),
      studies: list,
    };
  } finally {
    await queue.close();
    redis.disconnect();
  }
}

/** The snapshot as text. */
export function statusText(s: ClusterStatus): string {
  const q = s.queue;
  const lines = [
    `redis ${s.redis}`,
    `queue ${CONFIG_QUEUE}: ${q.waiting} waiting, ${q.active} active, ${q.delayed} delayed, ${q.completed} completed, ${q.failed} failed`,
    `workers: ${s.workers.length}`,
    ...s.workers.map((w) => `  ${w.name || '(unnamed)'}\t${w.addr}\tup ${w.ageSeconds} s`),
    `studies: ${s.studies.length}${s.studies.length === 0 ? '' : ' (newest first)'}`,
    ...s.studies.map(
      (r) =>
        `  ${r.id.slice(0, 12)}\t${r.kind} ${r.strategy}\t${r.finished}/${r.jobs} finished, ${r.failed} failed\t${r.state}\tsubmitted ${r.submitted} from ${r.host}`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}
