/**
 * @module The emulator's TradingSchedules: every venue its instruments trade on, with the days of
 * the synthetic market's calendar (../market/schedule.ts: weekdays trade, weekends are closed, no
 * holidays) and the phases of ../market/trading-phase.ts as the day's auctions and sessions. With
 * an exchange the venue does not know it answers NOT_FOUND 50001, like the API. Leniency of the
 * emulator: it serves past days too (the real API refuses a `from` before today with 30003), so
 * backtests over the synthetic history can cache their schedules.
 */
import { status } from '@grpc/grpc-js';
import type { TradingDay } from '../../core/instrument-economics.ts';
import { timestampToMs } from '../../wire/convert/timestamp.ts';
import { tradingDayFromCore } from '../../wire/convert/trading-schedule.ts';
import type {
  TradingSchedulesRequest,
  TradingSchedulesResponse,
} from '../../wire/generated/tinkoff/public/invest/api/contract/v1/trading_schedules.ts';
import { ApiError, apiErrors } from '../api-error.ts';
import type { EmulatorContext } from '../context.ts';
import { dayIndex, dayTime, isTradingDay } from '../market/schedule.ts';
import { PHASES } from '../market/trading-phase.ts';

const MINUTE = 60_000;
const DAY = 86_400_000;
/** The longest period one request may ask for (the emulator's own bound). */
export const MAX_SCHEDULE_DAYS = 366;

const exchangeNotFound = () => new ApiError(status.NOT_FOUND, '50001', 'Exchange not found');
const periodTooLong = () =>
  new ApiError(
    status.INVALID_ARGUMENT,
    '30014',
    `The maximum request period (${MAX_SCHEDULE_DAYS} days) has been exceeded`,
  );

/** The phases as minute offsets: [opening auction, main + closing auction, evening auction + evening]. */
function phaseSpans() {
  const [open, main, closing, , eveningAuction, evening] = PHASES;
  return {
    opening: [open.start, open.end],
    main: [main.start, closing.end],
    closingAuctionStart: closing.start,
    evening: [eveningAuction.start, evening.end],
    eveningStart: evening.start,
  } as const;
}

/** The synthetic calendar's day of `exchange` at UTC day index `day`, in core terms. */
export function emulatorTradingDay(exchange: string, day: number): TradingDay {
  const date = dayTime(day);
  if (!isTradingDay(day)) return { exchange, date, isTradingDay: false, sessions: [] };
  const p = phaseSpans();
  const at = (m: number) => date + m * MINUTE;
  return {
    exchange,
    date,
    isTradingDay: true,
    sessions: [
      { kind: 'opening', start: at(p.opening[0]), end: at(p.opening[1]) },
      { kind: 'main', start: at(p.main[0]), end: at(p.main[1]) },
      { kind: 'evening', start: at(p.evening[0]), end: at(p.evening[1]) },
    ],
  };
}

/** Answers one TradingSchedules request over the context's instruments. */
export function tradingSchedules(
  ctx: EmulatorContext,
  req: TradingSchedulesRequest,
): TradingSchedulesResponse {
  const venues = [
    ...new Set(ctx.directory.all.map((i) => i.exchange).filter((e) => e !== '')),
  ].sort();
  const wanted = req.exchange?.trim();
  const exchanges = wanted
    ? venues.filter((v) => v.toLowerCase() === wanted.toLowerCase())
    : venues;
  if (wanted && exchanges.length === 0) throw exchangeNotFound();
  // Without a period the API answers from today; the emulator has no "today", so it needs both ends.
  const from = timestampToMs(req.from);
  const to = timestampToMs(req.to);
  if (from === undefined) throw apiErrors.missingFrom();
  if (to === undefined) throw apiErrors.missingTo();
  if (to < from) throw apiErrors.toBeforeFrom();
  if (to - from > MAX_SCHEDULE_DAYS * DAY) throw periodTooLong();
  const p = phaseSpans();
  const days: number[] = [];
  for (let d = dayIndex(from); dayTime(d) < to || d === dayIndex(from); d++) days.push(d);
  return {
    exchanges: exchanges.map((exchange) => ({
      exchange,
      days: days.map((d) =>
        tradingDayFromCore(emulatorTradingDay(exchange, d), {
          closingAuctionStart: dayTime(d) + p.closingAuctionStart * MINUTE,
          eveningStart: dayTime(d) + p.eveningStart * MINUTE,
        }),
      ),
    })),
  };
}
