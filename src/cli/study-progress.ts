/**
 * @module The study progress bar on stderr (cli-progress): configurations finished of total, rate
 * and ETA. Silent when stderr is not a terminal or when --json asks for quiet output.
 */
import cliProgress from 'cli-progress';

/** Creates the bar for `total` configurations. */
export function studyProgress(enabled: boolean, total: number) {
  if (!enabled) return { update() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: 'study |{bar}| {value}/{total} configurations | ETA {eta_formatted}',
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return { update: (done: number) => bar.update(done), stop: () => bar.stop() };
}
