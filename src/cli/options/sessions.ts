/**
 * @module The `--sessions` option of `tlab backtest` and `tlab data resample`: which trading sessions'
 * candles are kept (main, main+evening, all), and the one-line notice when some days had no cached
 * schedule and MOEX's standard session times stood in for it.
 */
import { z } from '../../core/zod.ts';
import {
  DEFAULT_SESSIONS,
  SESSION_SELECTIONS,
  type SessionSelection,
} from '../../core/trading-sessions.ts';
import type { RunSessions } from '../../data/session-feed.ts';

/** `--sessions main|main+evening|all`. */
export const sessionsOption = {
  sessions: {
    type: 'string',
    default: DEFAULT_SESSIONS,
    requiresArg: true,
    describe:
      'Candles kept: main (auctions and main session), main+evening, or all (weekend and dealer sessions too)',
  },
} as const;

/** Schema of {@link sessionsOption}. */
export const sessionsSchema = z.enum(
  SESSION_SELECTIONS as [SessionSelection, ...SessionSelection[]],
);

/** The notice line when some days used the standard session times, or undefined. */
export function fallbackNotice(sessions: RunSessions): string | undefined {
  const exchanges = sessions.fallbackExchanges();
  if (exchanges.length === 0) return undefined;
  return (
    `tlab: note: no trading schedule cached for ${exchanges.join(', ')} on ${sessions.fallbackDays()} days; ` +
    `kept --sessions ${sessions.selection} by MOEX's standard times there ` +
    '(UTC, weekdays: main 06:50-15:50, evening 16:00-20:50; FORTS and FX per the README)\n'
  );
}
