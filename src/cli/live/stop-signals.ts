/**
 * @module SIGINT/SIGTERM for a live run: the first signal asks the run to stop cleanly (no new
 * orders, open ones cancelled, the journal written, the summary printed); a second one exits at
 * once with 130, which leaves the journal consistent because every journal write is its own
 * committed transaction.
 */

/** Installed handlers; `dispose` removes them when the run is over. */
export interface StopSignals {
  /** The signal that asked for the stop, once one did. */
  readonly received: NodeJS.Signals | undefined;
  dispose(): void;
}

/**
 * Calls `stop(signal)` on the first SIGINT or SIGTERM and `exitNow()` on the second (by default
 * process.exit(130)).
 */
export function onStopSignals(
  stop: (signal: NodeJS.Signals) => void,
  exitNow: () => void = () => process.exit(130),
): StopSignals {
  let received: NodeJS.Signals | undefined;
  const handler = (signal: NodeJS.Signals) => {
    if (received !== undefined) {
      process.stderr.write(`tlab: second ${signal}: exiting now; the journal is consistent\n`);
      exitNow();
      return;
    }
    received = signal;
    process.stderr.write(
      `tlab: ${signal}: stopping (no new orders, cancelling open ones); send it again to exit now\n`,
    );
    stop(signal);
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return {
    get received() {
      return received;
    },
    dispose() {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    },
  };
}
