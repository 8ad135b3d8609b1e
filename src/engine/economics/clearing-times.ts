/**
 * @module When variation margin moves: MOEX's derivatives market clears twice a trading day, the
 * intraday clearing at 14:00–14:05 MSK and the evening clearing at 18:50–19:05 MSK. Moscow is UTC+3
 * all year, so in UTC they start at 11:00 and 15:50. The engine settles every open futures position
 * at the start of each clearing, at the last close it has seen by then (the last trade before the
 * clearing), on every weekday of the run; a weekday with no trading settles nothing because no price
 * moved. A contract's last trading moment is the evening clearing of its last trading day.
 */

const DAY = 86_400_000;

/** Intraday clearing start, ms after 00:00 UTC (14:00 MSK). */
export const INTRADAY_CLEARING_UTC = 11 * 3_600_000;

/** Evening clearing start, ms after 00:00 UTC (18:50 MSK). */
export const EVENING_CLEARING_UTC = (15 * 60 + 50) * 60_000;

/** The clearing times as the fingerprint records them. */
export const CLEARINGS_TEXT = ['11:00Z', '15:50Z'] as const;

/** Epoch ms of 00:00 UTC of the day holding `t`. */
export function utcDay(t: number): number {
  return Math.floor(t / DAY) * DAY;
}

/** The evening clearing of the day holding `t`: a contract's last trading moment. */
export function eveningClearingOf(t: number): number {
  return utcDay(t) + EVENING_CLEARING_UTC;
}

/** Every clearing start in [from, to) on weekdays, in time order. */
export function clearingsIn(from: number, to: number): number[] {
  const out: number[] = [];
  for (let d = utcDay(from); d < to; d += DAY) {
    const weekday = new Date(d).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    for (const at of [d + INTRADAY_CLEARING_UTC, d + EVENING_CLEARING_UTC]) {
      if (at >= from && at < to) out.push(at);
    }
  }
  return out;
}
