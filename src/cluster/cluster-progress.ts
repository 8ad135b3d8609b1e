/**
 * @module The progress bar of a study on the cluster (cli-progress, on stderr): jobs finished of
 * total, live workers, ETA. Silent when stderr is not a terminal or --json asks for quiet output.
 */
import cliProgress from 'cli-progress';

/** A bar that also shows the live workers. */
export interface ClusterProgress {
  update(done: number): void;
  workers(n: number): void;
  stop(): void;
}

/** Creates the bar for `total` jobs. */
export function clusterProgress(enabled: boolean, total: number): ClusterProgress {
  if (!enabled) return { update() {}, workers() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format:
        'cluster |{bar}| {value}/{total} configurations | {workers} workers | ETA {eta_formatted}',
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let live = 0;
  bar.start(total, 0, { workers: live });
  return {
    update: (done) => bar.update(done, { workers: live }),
    workers: (n) => {
      live = n;
      bar.update({ workers: n });
    },
    stop: () => bar.stop(),
  };
}
