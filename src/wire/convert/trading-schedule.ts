/**
 * @module TradingSchedules days <-> the core TradingDay. The wire day names its auctions and
 * sessions by field; the core day is a list of [start, end) sessions by kind:
 * - opening: [opening_auction_start_time or start_time, opening_auction_end_time);
 * - main: [opening_auction_end_time or start_time, the later of end_time and closing_auction_end_time),
 *   so the closing auction belongs to the main session (its trade is the day's close);
 * - evening: [evening_opening_auction_start_time or evening_start_time, evening_end_time);
 * - other: [premarket_start_time, premarket_end_time) (the broker's own pre-market).
 * On a Saturday or Sunday of a venue whose name says WEEKEND, the opening and main sessions are the
 * dealer's weekend session and get the kind `weekend`.
 */
import type { SessionKind, TradingDay, TradingSession } from '../../core/instrument-economics.ts';
import type { Timestamp } from '../generated/google/protobuf/timestamp.ts';
import type { TradingDay as WireDay } from '../generated/tinkoff/public/invest/api/contract/v1/trading_schedules.ts';
import { isWeekday } from '../../core/trading-sessions.ts';
import { msToTimestamp, timestampToMs } from './timestamp.ts';

const DAY = 86_400_000;

/** The core day of one wire day of `exchange`. */
export function tradingDayToCore(exchange: string, d: WireDay): TradingDay {
  const date = Math.floor((timestampToMs(d.date) ?? 0) / DAY) * DAY;
  const day: TradingDay = { exchange, date, isTradingDay: d.isTradingDay, sessions: [] };
  if (!d.isTradingDay) return day;
  const ms = (t: Timestamp | undefined) => timestampToMs(t);
  const weekend = !isWeekday(date) && exchange.toUpperCase().includes('WEEKEND');
  const add = (kind: SessionKind, start: number | undefined, end: number | undefined) => {
    if (start !== undefined && end !== undefined && end > start)
      day.sessions.push({
        kind: weekend && kind !== 'other' && kind !== 'evening' ? 'weekend' : kind,
        start,
        end,
      });
  };
  const start = ms(d.startTime);
  const openingEnd = ms(d.openingAuctionEndTime);
  const endTimes = [ms(d.endTime), ms(d.closingAuctionEndTime)].filter(
    (t): t is number => t !== undefined,
  );
  add('other', ms(d.premarketStartTime), ms(d.premarketEndTime));
  add('opening', ms(d.openingAuctionStartTime) ?? start, openingEnd);
  add('main', openingEnd ?? start, endTimes.length ? Math.max(...endTimes) : undefined);
  add(
    'evening',
    ms(d.eveningOpeningAuctionStartTime) ?? ms(d.eveningStartTime),
    ms(d.eveningEndTime),
  );
  day.sessions.sort((a, b) => a.start - b.start);
  return day;
}

/** Optional fields a venue can add to a day beyond its sessions (the emulator fills them in). */
export interface WireDayDetail {
  closingAuctionStart?: number;
  eveningStart?: number;
  clearing?: { start: number; end: number };
}

/** The wire day of a core day: the inverse of {@link tradingDayToCore} on its session fields. */
export function tradingDayFromCore(day: TradingDay, detail: WireDayDetail = {}): WireDay {
  const out: WireDay = {
    date: msToTimestamp(day.date),
    isTradingDay: day.isTradingDay,
    intervals: [],
  };
  const of = (kinds: SessionKind[]) => day.sessions.find((s) => kinds.includes(s.kind));
  const ts = (t: number | undefined) => (t === undefined ? undefined : msToTimestamp(t));
  const opening: TradingSession | undefined = of(['opening']);
  const main = of(['main', 'weekend']);
  const evening = of(['evening']);
  const other = of(['other']);
  if (main) {
    out.startTime = ts(opening?.start ?? main.start);
    out.endTime = ts(main.end);
    out.closingAuctionEndTime = ts(main.end);
    out.closingAuctionStartTime = ts(detail.closingAuctionStart);
  }
  if (opening) {
    out.openingAuctionStartTime = ts(opening.start);
    out.openingAuctionEndTime = ts(opening.end);
  }
  if (evening) {
    out.eveningOpeningAuctionStartTime = ts(evening.start);
    out.eveningStartTime = ts(detail.eveningStart ?? evening.start);
    out.eveningEndTime = ts(evening.end);
  }
  if (other) {
    out.premarketStartTime = ts(other.start);
    out.premarketEndTime = ts(other.end);
  }
  if (detail.clearing) {
    out.clearingStartTime = ts(detail.clearing.start);
    out.clearingEndTime = ts(detail.clearing.end);
  }
  for (const s of day.sessions)
    out.intervals.push({ type: s.kind, interval: { startTs: ts(s.start), endTs: ts(s.end) } });
  return out;
}
