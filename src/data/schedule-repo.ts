/**
 * @module The cached trading schedules: one row per exchange and UTC day (table `trading_days`),
 * written from TradingSchedules answers and read back as core TradingDays. A day written again
 * replaces the old row (schedules change: a holiday announced late). `calendarFor` gives the
 * SessionCalendar of an instrument's exchange over the cache, falling back to the standard day
 * where no row is cached.
 */
import type Database from 'better-sqlite3';
import type { Instrument } from '../core/instrument.ts';
import type { SessionKind, TradingDay } from '../core/instrument-economics.ts';
import { SessionCalendar } from '../core/session-calendar.ts';
import type { TimeRange } from '../core/time.ts';

const DAY = 86_400_000;
const KINDS: readonly SessionKind[] = ['opening', 'main', 'evening', 'weekend', 'other'];

interface Row {
  exchange: string;
  date: number;
  is_trading_day: number;
  sessions: string;
}

/** The exchange whose schedule an instrument follows; an unknown one follows MOEX's. */
export function scheduleExchange(instrument: Pick<Instrument, 'exchange'> | undefined): string {
  return instrument?.exchange || 'MOEX';
}

function toDay(r: Row): TradingDay {
  const parsed = JSON.parse(r.sessions) as [SessionKind, number, number][];
  return {
    exchange: r.exchange,
    date: r.date,
    isTradingDay: r.is_trading_day === 1,
    sessions: parsed
      .filter(([kind]) => KINDS.includes(kind))
      .map(([kind, start, end]) => ({ kind, start, end })),
  };
}

/** Reads and writes cached trading days on one connection. */
export class ScheduleRepo {
  private readonly put: Database.Statement;
  private readonly one: Database.Statement;
  private readonly span: Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.put = db.prepare(
      `INSERT OR REPLACE INTO trading_days (exchange, date, is_trading_day, sessions, source, fetched_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    this.one = db.prepare('SELECT * FROM trading_days WHERE exchange = ? AND date = ?');
    this.span = db.prepare(
      'SELECT * FROM trading_days WHERE exchange = ? AND date >= ? AND date < ? ORDER BY date',
    );
  }

  /** Stores `days` (one transaction), each under its own exchange; returns how many. */
  write(days: readonly TradingDay[], source: string, fetchedAt = Date.now()): number {
    this.db.transaction(() => {
      for (const d of days) {
        const date = Math.floor(d.date / DAY) * DAY;
        const sessions = JSON.stringify(d.sessions.map((s) => [s.kind, s.start, s.end]));
        this.put.run(d.exchange, date, d.isTradingDay ? 1 : 0, sessions, source, fetchedAt);
      }
    })();
    return days.length;
  }

  /** The cached day of `exchange` containing `t`, if any. */
  day(exchange: string, t: number): TradingDay | undefined {
    const row = this.one.get(exchange, Math.floor(t / DAY) * DAY) as Row | undefined;
    return row && toDay(row);
  }

  /** Cached days of `exchange` whose date lies in `range`, oldest first. */
  days(exchange: string, range: TimeRange): TradingDay[] {
    const from = Math.floor(range.from / DAY) * DAY;
    return (this.span.all(exchange, from, range.to) as Row[]).map(toDay);
  }

  /** The session calendar of an instrument's exchange over this cache. */
  calendarFor(instrument: Pick<Instrument, 'exchange'> | undefined): SessionCalendar {
    return new SessionCalendar(scheduleExchange(instrument), (e, date) => this.day(e, date));
  }
}
