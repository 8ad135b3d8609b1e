/**
 * @module One exchange's trading days as a run asks about them: is an instant (or a candle's span)
 * inside a kept session, and where does the next kept session open. Days come from a lookup (the
 * cached TradingSchedules); a day the lookup lacks falls back to the exchange's standard day
 * (./trading-sessions.ts) and is counted, so a caller can say the fallback was used.
 */
import type { SessionKind, TradingDay } from './instrument-economics.ts';
import { standardTradingDay } from './trading-sessions.ts';

const DAY = 86_400_000;
/** How far `nextOpen` looks ahead before giving up (a long holiday is well inside it). */
const LOOKAHEAD_DAYS = 30;

/** Where the days come from: the cached schedule of `exchange` for the UTC day at `date`. */
export type TradingDayLookup = (exchange: string, date: number) => TradingDay | undefined;

/** Answers session questions for one exchange; remembers the days it has looked up. */
export class SessionCalendar {
  private readonly days = new Map<number, TradingDay>();
  private fallbacks = 0;

  constructor(
    readonly exchange: string,
    private readonly lookup: TradingDayLookup = () => undefined,
  ) {}

  /** How many distinct days came from the standard day because no schedule was cached. */
  get fallbackDays(): number {
    return this.fallbacks;
  }

  /** The trading day containing `t` (cached schedule, else the standard day). */
  day(t: number): TradingDay {
    const date = Math.floor(t / DAY) * DAY;
    let d = this.days.get(date);
    if (d === undefined) {
      d = this.lookup(this.exchange, date);
      if (d === undefined) {
        d = standardTradingDay(this.exchange, date);
        this.fallbacks++;
      }
      this.days.set(date, d);
    }
    return d;
  }

  /** The session of a kept kind (any kind when `kinds` is undefined) containing `t`. */
  sessionAt(t: number, kinds?: readonly SessionKind[]): SessionKind | undefined {
    for (const s of this.day(t).sessions)
      if (t >= s.start && t < s.end && (kinds === undefined || kinds.includes(s.kind)))
        return s.kind;
    return undefined;
  }

  /** True when [from, to) meets a session of a kept kind (any kind when `kinds` is undefined). */
  overlaps(from: number, to: number, kinds?: readonly SessionKind[]): boolean {
    for (let d = Math.floor(from / DAY) * DAY; d < to; d += DAY) {
      for (const s of this.day(d).sessions)
        if (s.start < to && s.end > from && (kinds === undefined || kinds.includes(s.kind)))
          return true;
    }
    return false;
  }

  /**
   * The earliest instant at or after `t` inside a kept session: `t` itself when it is inside one,
   * else the next such session's start; undefined when none opens within 30 days.
   */
  nextOpen(t: number, kinds?: readonly SessionKind[]): number | undefined {
    const first = Math.floor(t / DAY) * DAY;
    for (let d = first; d < first + LOOKAHEAD_DAYS * DAY; d += DAY) {
      let best: number | undefined;
      for (const s of this.day(d).sessions) {
        if (s.end <= t || (kinds !== undefined && !kinds.includes(s.kind))) continue;
        const at = Math.max(s.start, t);
        if (best === undefined || at < best) best = at;
      }
      if (best !== undefined) return best;
    }
    return undefined;
  }
}
