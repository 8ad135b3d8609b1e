/**
 * @module Which trading sessions a run keeps (`--sessions main|main+evening|all`) and the standard
 * MOEX day used when no schedule is cached. Times are UTC (Moscow is UTC+3 all year). The standard
 * stock-market day (exchanges MOEX, MOEX_PLUS, ..., and anything not listed below): opening auction
 * 06:50-07:00, main session with its closing auction 07:00-15:50, evening session with its opening
 * auction 16:00-20:50, on weekdays. The derivatives market (exchanges starting with FORTS): morning
 * session 06:00-07:00 (counted as the opening), main session 07:00-15:50 (the 11:00-11:05 clearing
 * inside it), evening session 16:05-20:50. The currency market (FX, FX_MTL): opening auction
 * 06:50-07:00, main 07:00-16:00. Weekend (dealer) sessions and holidays are not in the standard day:
 * they come only from a cached schedule. `all` keeps every candle, whatever the schedule says.
 */
import type { SessionKind, TradingDay, TradingSession } from './instrument-economics.ts';

/** A `--sessions` choice. */
export type SessionSelection = 'main' | 'main+evening' | 'all';

/** Every choice, in the order the CLI lists them. */
export const SESSION_SELECTIONS: readonly SessionSelection[] = ['main', 'main+evening', 'all'];

/** What `tlab backtest` and `tlab data resample` keep unless told otherwise. */
export const DEFAULT_SESSIONS: SessionSelection = 'main+evening';

const KINDS: Record<Exclude<SessionSelection, 'all'>, readonly SessionKind[]> = {
  main: ['opening', 'main'],
  'main+evening': ['opening', 'main', 'evening'],
};

/** The session kinds a choice keeps; undefined for `all` (nothing is filtered). */
export function selectionKinds(selection: SessionSelection): readonly SessionKind[] | undefined {
  return selection === 'all' ? undefined : KINDS[selection];
}

/** True when `text` is a `--sessions` choice. */
export function isSessionSelection(text: string): text is SessionSelection {
  return (SESSION_SELECTIONS as readonly string[]).includes(text);
}

const MINUTE = 60_000;
const DAY = 86_400_000;

type Template = readonly [kind: SessionKind, startMinute: number, endMinute: number][];

const STOCK: Template = [
  ['opening', 6 * 60 + 50, 7 * 60],
  ['main', 7 * 60, 15 * 60 + 50],
  ['evening', 16 * 60, 20 * 60 + 50],
];
const FORTS: Template = [
  ['opening', 6 * 60, 7 * 60],
  ['main', 7 * 60, 15 * 60 + 50],
  ['evening', 16 * 60 + 5, 20 * 60 + 50],
];
const FX: Template = [
  ['opening', 6 * 60 + 50, 7 * 60],
  ['main', 7 * 60, 16 * 60],
];

function templateOf(exchange: string): Template {
  const e = exchange.toUpperCase();
  if (e.startsWith('FORTS')) return FORTS;
  if (e === 'FX' || e.startsWith('FX_')) return FX;
  return STOCK;
}

/** True when the UTC day starting at `date` is Monday to Friday. */
export function isWeekday(date: number): boolean {
  const weekday = (((Math.floor(date / DAY) + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
  return weekday !== 0 && weekday !== 6;
}

/**
 * The standard day of `exchange` on the UTC day containing `t`: the template's sessions on a
 * weekday, closed on Saturday and Sunday.
 */
export function standardTradingDay(exchange: string, t: number): TradingDay {
  const date = Math.floor(t / DAY) * DAY;
  if (!isWeekday(date)) return { exchange, date, isTradingDay: false, sessions: [] };
  const sessions: TradingSession[] = templateOf(exchange).map(([kind, s, e]) => ({
    kind,
    start: date + s * MINUTE,
    end: date + e * MINUTE,
  }));
  return { exchange, date, isTradingDay: true, sessions };
}
