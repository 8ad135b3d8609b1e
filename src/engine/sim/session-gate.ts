/**
 * @module The simulated broker's session seam: whether an instrument trades during a candle, so an
 * order decided outside the instrument's sessions is not filled in a candle the exchange did not
 * trade (a dealer's pre-market or weekend print, when the run keeps only main and evening). The
 * order waits for the first candle inside a session and meets it as any order meets a candle: a
 * market order at its open, a stop or limit the open already gapped through at that open.
 */
import type { SessionKind } from '../../core/instrument-economics.ts';
import type { SessionCalendar } from '../../core/session-calendar.ts';

/** Asked by the simulated broker before it matches pending orders against a candle. */
export interface SessionGate {
  /** True when instrument `slot` trades during the candle [open, close) (epoch ms UTC). */
  allowsFill(slot: number, open: number, close: number): boolean;
}

/**
 * A gate over one calendar per instrument slot that lets fills happen in candles meeting a session
 * of a kept kind (any session of the calendar when `kinds` is undefined).
 */
export function calendarGate(
  calendars: readonly SessionCalendar[],
  kinds?: readonly SessionKind[],
): SessionGate {
  return {
    allowsFill: (slot, open, close) => calendars[slot]?.overlaps(open, close, kinds) ?? true,
  };
}
