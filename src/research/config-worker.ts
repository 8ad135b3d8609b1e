/** @module The worker-thread entry of the study pool (piscina): one configuration per task. */
import { runConfig, type ConfigResult, type ConfigTask } from './config-run.ts';

/** Piscina calls the default export with each task. */
export default function run(task: ConfigTask): Promise<ConfigResult> {
  return runConfig(task);
}
