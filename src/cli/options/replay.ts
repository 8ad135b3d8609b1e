/**
 * @module `--replay-from ISO_TIME [--speed X]` (and `--realtime`), read the same way by `tlab serve`
 * and the live modes' in-process emulator: a paced replay of the venue clock, or none.
 */
import { UsageError } from '../../core/errors.ts';
import { parseUtc } from '../../core/time.ts';

/** The replay flags as a command received them. */
export interface ReplayArgs {
  'replay-from'?: string;
  speed?: number;
  realtime?: boolean;
}

/** The venue clock the flags ask for: a paced replay, or undefined for the wall clock. */
export function replayOf(args: ReplayArgs): { from: number; speed: number } | undefined {
  if (args['replay-from'] === undefined) {
    if (args.speed !== undefined) {
      throw new UsageError(
        '--speed needs --replay-from',
        'add --replay-from ISO_TIME, or drop --speed',
      );
    }
    return undefined;
  }
  if (args.realtime) {
    throw new UsageError(
      '--realtime and --replay-from exclude each other',
      'pick the wall clock (--realtime) or a replay (--replay-from ISO_TIME [--speed X])',
    );
  }
  const speed = args.speed ?? 1;
  if (!(Number.isFinite(speed) && speed > 0)) {
    throw new UsageError(
      `--speed ${args.speed} is not a positive number`,
      'e.g. --speed 6000 replays 100 minutes a second',
    );
  }
  return { from: parseUtc(args['replay-from'], '--replay-from'), speed };
}
