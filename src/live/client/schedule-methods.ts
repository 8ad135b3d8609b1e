/**
 * @module The client's TradingSchedules method: the trading days of one venue (or of every venue)
 * over a period, as core TradingDays.
 */
import type { TradingDay } from '../../core/instrument-economics.ts';
import type { TimeRange } from '../../core/time.ts';
import { msToTimestamp } from '../../wire/convert/timestamp.ts';
import { tradingDayToCore } from '../../wire/convert/trading-schedule.ts';
import { InstrumentsServiceService as Instruments } from '../../wire/generated/tinkoff/public/invest/api/contract/v1/instruments.ts';
import type { UnaryCaller } from './unary-caller.ts';

/** The schedule methods, bound to one caller. */
export function scheduleMethods(caller: UnaryCaller) {
  return {
    /**
     * Days of `exchange` (every venue when omitted) in `range` ([from, to), epoch ms UTC), each
     * venue's days in date order. The real API serves today onwards only (30003 before that).
     */
    async tradingSchedules(exchange: string | undefined, range: TimeRange): Promise<TradingDay[]> {
      const res = await caller.call(Instruments.tradingSchedules, {
        ...(exchange === undefined ? {} : { exchange }),
        from: msToTimestamp(range.from),
        to: msToTimestamp(range.to),
      });
      return res.exchanges.flatMap((s) =>
        s.days.map((d) => tradingDayToCore(s.exchange, d)).sort((a, b) => a.date - b.date),
      );
    },
  };
}

/** The schedule methods' shape. */
export type ScheduleMethods = ReturnType<typeof scheduleMethods>;
