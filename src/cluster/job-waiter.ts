/**
 * @module The submitter's wait for its jobs: BullMQ's event stream settles them as they finish,
 * and a periodic sweep reads the state of jobs still pending, which catches events missed while
 * Redis restarted and re-adds a job the restart lost (Redis persists its writes about once a
 * second). A job that failed for good rejects with its parameters and error.
 */
import { Job, type Queue, type QueueEvents } from 'bullmq';
import { TlabError } from '../core/errors.ts';
import type { ConfigResult } from '../research/config-run.ts';
import { unpackResult, type ConfigJobData } from './job-content.ts';

/** A configuration that failed on the cluster (deterministically, or after its retries). */
export class ClusterJobError extends TlabError {}

interface Pending {
  data: ConfigJobData;
  resolve(r: ConfigResult): void;
  reject(e: unknown): void;
}

/** How jobs are added (the same options when the sweep re-adds one). */
export const JOB_OPTIONS = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 1000 },
} as const;

/** Tracks submitted jobs until each completes or fails. */
export class JobWaiter {
  private readonly pending = new Map<string, Pending>();
  private readonly promises = new Map<string, Promise<ConfigResult>>();
  /** Submitted jobs whose first state check is still to come (only it may retry a failed one). */
  private readonly unchecked = new Set<string>();
  private sweeping = false;
  /** Jobs settled so far (completed or failed). */
  settled = 0;

  constructor(
    private readonly queue: Queue,
    events: QueueEvents,
    private readonly onSettled: (n: number) => void = () => {},
  ) {
    events.on('completed', ({ jobId, returnvalue }) => {
      this.settle(jobId, () => unpackResult(returnvalue));
    });
    events.on('failed', ({ jobId }) => {
      if (this.pending.has(jobId)) void this.check(jobId).catch(() => {});
    });
  }

  /** Submits a job (a no-op in Redis when one with this id exists) and waits for its result. */
  submit(id: string, data: ConfigJobData): Promise<ConfigResult> {
    const known = this.promises.get(id);
    if (known !== undefined) return known;
    const p = new Promise<ConfigResult>((resolve, reject) => {
      this.pending.set(id, { data, resolve, reject });
    });
    this.promises.set(id, p);
    this.unchecked.add(id);
    // Added before its state is read, so an event in between is not lost either way.
    void this.queue
      .add('config', data, { ...JOB_OPTIONS, jobId: id })
      .then(() => this.check(id, true))
      .catch((e: unknown) => this.fail(id, e))
      .finally(() => this.unchecked.delete(id));
    return p;
  }

  /**
   * Reads a pending job's state and settles it when it finished; re-adds it when it is gone. A job
   * found failed right at submission failed for an earlier submission: it runs once more.
   */
  private async check(id: string, submitted = false): Promise<void> {
    const p = this.pending.get(id);
    if (p === undefined || (!submitted && this.unchecked.has(id))) return;
    // State first: a job read before it finished would have no result even once its state says so.
    const state = await this.queue.getJobState(id);
    if (state === 'unknown') {
      await this.queue.add('config', p.data, { ...JOB_OPTIONS, jobId: id });
      return;
    }
    if (state !== 'completed' && state !== 'failed') return;
    const job = await Job.fromId(this.queue, id);
    if (job === undefined) return;
    if (state === 'completed') this.settle(id, () => unpackResult(job.returnvalue));
    else if (submitted) await job.retry('failed');
    else {
      this.fail(
        id,
        new ClusterJobError(
          `configuration ${p.data.label} failed on the cluster: ${job.failedReason}`,
          'fix the strategy or data and rerun: a failed configuration is not retried forever',
        ),
      );
    }
  }

  /** One pass over the pending jobs (at most `limit` of them, oldest first). */
  async sweep(limit = 500): Promise<void> {
    if (this.sweeping) return;
    this.sweeping = true;
    try {
      const ids = [...this.pending.keys()].slice(0, limit);
      await Promise.all(ids.map((id) => this.check(id).catch(() => {})));
    } finally {
      this.sweeping = false;
    }
  }

  /** Jobs still waiting for a result. */
  get waiting(): number {
    return this.pending.size;
  }

  private settle(id: string, result: () => ConfigResult): void {
    const p = this.pending.get(id);
    if (p === undefined) return;
    let r: ConfigResult;
    try {
      r = result();
    } catch (e) {
      this.fail(id, e);
      return;
    }
    this.pending.delete(id);
    p.resolve(r);
    this.onSettled(++this.settled);
  }

  private fail(id: string, e: unknown): void {
    const p = this.pending.get(id);
    if (p === undefined) return;
    this.pending.delete(id);
    p.reject(e);
    this.onSettled(++this.settled);
  }
}
