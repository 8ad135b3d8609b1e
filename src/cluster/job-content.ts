/**
 * @module A cluster job: one configuration of a study. Its id is the SHA-256 of everything that
 * determines its result (engine version, strategy name and source hash, the run template with its
 * models, the parameters, and the manifest hash that names every candle chunk it reads), so the
 * same configuration submitted twice, by one study or two, is one job and runs once. The template
 * and parameters travel as a V8 serialization, exactly what a worker thread of the local pool
 * receives (undefined fields, -0 and non-finite numbers survive; JSON would change them).
 */
import { deserialize, serialize } from 'node:v8';
import { sha256, sortedKeys } from '../engine/backtest/fingerprint.ts';
import { ENGINE_VERSION } from '../engine/version.ts';
import type { ConfigResult, ConfigTask, RunTemplate } from '../research/config-run.ts';
import { getStrategy, type RawParam } from '../strategies/index.ts';

/** The data of a job as stored in Redis (no secrets: no URL, no token, no path). */
export interface ConfigJobData {
  /** The study that submitted it first (for logs and status; not part of the id). */
  study: string;
  engineVersion: string;
  strategy: string;
  strategySourceHash: string;
  manifest: string;
  /** The parameters as JSON, for logs and failure reports. */
  label: string;
  /** V8 serialization of {template, params}, base64. */
  task: string;
}

const sourceHashes = new Map<string, string>();

/** sha256 of a strategy's source, as the run fingerprint records it (read once per process). */
export function strategySourceHash(strategy: string): string {
  let h = sourceHashes.get(strategy);
  if (h === undefined) {
    h = sha256(getStrategy(strategy).source());
    sourceHashes.set(strategy, h);
  }
  return h;
}

/** The job id of a task over the data named by `manifest`. */
export function configJobId(
  template: RunTemplate,
  params: Record<string, RawParam>,
  manifest: string,
  sourceHash = strategySourceHash(template.strategy),
): string {
  const content = JSON.stringify(
    sortedKeys({ engineVersion: ENGINE_VERSION, sourceHash, template, params, manifest }),
  );
  // A letter first: BullMQ refuses ids that parse as integers.
  return `c${sha256(content)}`;
}

/** The job for a task. */
export function configJob(
  study: string,
  task: Omit<ConfigTask, 'series'>,
  manifest: string,
): { id: string; data: ConfigJobData } {
  const sourceHash = strategySourceHash(task.template.strategy);
  return {
    id: configJobId(task.template, task.params, manifest, sourceHash),
    data: {
      study,
      engineVersion: ENGINE_VERSION,
      strategy: task.template.strategy,
      strategySourceHash: sourceHash,
      manifest,
      label: JSON.stringify(task.params),
      task: pack({ template: task.template, params: task.params }),
    },
  };
}

/** The template and parameters of a job. */
export function jobTask(d: ConfigJobData): {
  template: RunTemplate;
  params: Record<string, RawParam>;
} {
  return unpack(d.task);
}

/** A result as a job's return value. */
export function packResult(r: ConfigResult): { result: string } {
  return { result: pack(r) };
}

/** The result from a job's return value. */
export function unpackResult(v: unknown): ConfigResult {
  const s = (v as { result?: unknown } | null)?.result;
  if (typeof s !== 'string') throw new Error('the job finished without a result');
  return unpack(s);
}

function pack(value: unknown): string {
  return serialize(value).toString('base64');
}

function unpack<T>(text: string): T {
  return deserialize(Buffer.from(text, 'base64')) as T;
}
