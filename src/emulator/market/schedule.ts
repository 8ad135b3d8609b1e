/**
 * @module The synthetic market's trading calendar: which UTC minutes have candles. It follows the
 * MOEX equity schedule in UTC (Moscow is UTC+3 all year): the main session 07:00-15:40 (10:00-18:40
 * MSK; the closing auction is left out) and the evening session 16:05-20:50 (19:05-23:50 MSK), on
 * weekdays only. Holidays and weekend sessions are not modelled: every Monday-Friday trades. The
 * auctions and breaks around these sessions are in ./trading-phase.ts (they carry no candles).
 */
import { dayStart } from '../../core/time.ts';

const MINUTE = 60_000;
const DAY = 86_400_000;

/** One session as [start, end) minute offsets from 00:00 UTC. */
interface Session {
  start: number;
  end: number;
}

/** The sessions of a trading day, earliest first. */
export const SESSIONS: readonly Session[] = [
  { start: 7 * 60, end: 15 * 60 + 40 },
  { start: 16 * 60 + 5, end: 20 * 60 + 50 },
];

/** Minute offsets (from 00:00 UTC) of every minute that can carry a candle on a trading day. */
export const SESSION_MINUTES: readonly number[] = SESSIONS.flatMap((s) =>
  Array.from({ length: s.end - s.start }, (_, i) => s.start + i),
);

/** Index of a UTC day since 1970-01-01 (day 0). */
export function dayIndex(t: number): number {
  return Math.floor(t / DAY);
}

/** True when UTC day `day` (index since the epoch) is a weekday. 1970-01-01 was a Thursday. */
export function isTradingDay(day: number): boolean {
  const weekday = (((day + 4) % 7) + 7) % 7; // 0 = Sunday
  return weekday !== 0 && weekday !== 6;
}

/** True when the minute starting at `t` lies in a session of a trading day. */
export function isTradingMinute(t: number): boolean {
  if (!isTradingDay(dayIndex(t))) return false;
  const m = Math.floor((t - dayStart(t)) / MINUTE);
  return SESSIONS.some((s) => m >= s.start && m < s.end);
}

/** Epoch ms of the UTC day with index `day`. */
export function dayTime(day: number): number {
  return day * DAY;
}
