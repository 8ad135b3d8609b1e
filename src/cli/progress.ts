/**
 * @module The download progress bar on stderr (cli-progress): requests done of planned, candles,
 * request rate and ETA. Silent when stderr is not a terminal or when --json asks for quiet output.
 */
import cliProgress from 'cli-progress';
import type { DownloadObserver } from '../data/download/ports.ts';

/** An observer that draws a bar, plus `stop()` to clear it before the summary is printed. */
export interface ProgressBar extends DownloadObserver {
  stop(): void;
}

/** Creates the bar; `enabled=false` gives an observer that draws nothing. */
export function createProgressBar(enabled: boolean): ProgressBar {
  if (!enabled) return { stop() {} };
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format:
        'download |{bar}| {value}/{total} requests | {candles} candles | {rate} req/s | ETA {eta_formatted}',
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  let total = 0;
  let done = 0;
  let candles = 0;
  let started = false;
  const t0 = performance.now();
  const payload = () => ({
    candles: candles.toLocaleString('en-US'),
    rate: (done / Math.max((performance.now() - t0) / 1000, 1e-3)).toFixed(1),
  });
  return {
    planned({ requests, archives }) {
      total += requests + archives;
      if (!started) {
        bar.start(Math.max(total, 1), done, payload());
        started = true;
      } else bar.setTotal(Math.max(total, 1));
    },
    request({ candles: n }) {
      done++;
      candles += n;
      if (started) bar.update(done, payload());
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
