/**
 * @module `--cluster URL` of the research commands: run the study on `tlab worker` processes
 * through Redis instead of local threads. The cluster code (BullMQ, ioredis) loads only when the
 * option is given, so local studies start as fast as before.
 */
import type { ClusterStudy, ClusterStudyOptions } from '../../cluster/cluster-study.ts';

/** yargs definition of `--cluster`. */
export const clusterOption = {
  cluster: {
    type: 'string',
    requiresArg: true,
    describe:
      'Run on the cluster at this Redis URL (workers: tlab worker), e.g. redis://127.0.0.1:6379',
  },
} as const;

/**
 * Opens the study on the cluster at `url`: `jobs` is the bar's total; a walk-forward's bar counts
 * settled jobs itself, an optimize's is updated by the command as configurations finish.
 */
export async function openCluster(
  url: string,
  o: Omit<ClusterStudyOptions, 'url' | 'countSettled'>,
): Promise<ClusterStudy> {
  const { openClusterStudy } = await import('../../cluster/cluster-study.ts');
  return openClusterStudy({ ...o, url, countSettled: o.kind === 'walk-forward' });
}
