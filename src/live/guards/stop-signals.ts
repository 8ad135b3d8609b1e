/**
 * @module SIGINT / SIGTERM for a live run: the first signal engages the kill switch (no new orders,
 * open ones cancelled) and asks the session to stop cleanly (write the journal, print the
 * summary); a second signal means "now": the session's `immediate` handler runs (by default exit
 * 130), the journal being consistent after every write.
 */
import type { KillSwitch } from './kill-switch.ts';

/** The part of `process` the handler uses (an EventEmitter in tests). */
export interface SignalSource {
  on(signal: 'SIGINT' | 'SIGTERM', listener: (signal: NodeJS.Signals) => void): unknown;
  off(signal: 'SIGINT' | 'SIGTERM', listener: (signal: NodeJS.Signals) => void): unknown;
}

/** What to do on each signal. */
export interface StopSignalOptions {
  /** First signal, after the kill switch is engaged: end the run cleanly. */
  graceful(signal: NodeJS.Signals): void;
  /** Second signal: leave at once (default `process.exit(130)`). */
  immediate?(signal: NodeJS.Signals): void;
  /** Default `process`. */
  source?: SignalSource;
}

/** Installs the handlers; returns the function that removes them. */
export function handleStopSignals(kill: KillSwitch, o: StopSignalOptions): () => void {
  const source = o.source ?? process;
  let seen = 0;
  const listener = (signal: NodeJS.Signals) => {
    seen++;
    if (seen === 1) {
      kill.engage(`${signal} received`);
      o.graceful(signal);
    } else if (o.immediate !== undefined) o.immediate(signal);
    else process.exit(130);
  };
  source.on('SIGINT', listener);
  source.on('SIGTERM', listener);
  return () => {
    source.off('SIGINT', listener);
    source.off('SIGTERM', listener);
  };
}
