/**
 * @module The reference close and the price band of an instrument at an instant: the close of the
 * last trading day before the current UTC day, and limits 20% either side of it on the price grid
 * (MOEX sets per-instrument bands; one fixed width is the emulator's simplification). GetOrderBook
 * reports them; the order side can reject prices outside them.
 */
import { dayStart } from '../../core/time.ts';
import { snapToStep, type Instrument } from '../../core/instrument.ts';
import type { CandleQuery } from './candle-query.ts';

const DAY = 86_400_000;
const LOOKBACK_DAYS = 14;
/** Half-width of the price band, as a share of the reference close. */
export const PRICE_BAND = 0.2;

/** The previous day's close, with its day, and the price band around it. */
export interface PriceLimits {
  close: number;
  closeDay: number;
  limitUp: number;
  limitDown: number;
}

/** The limits of `inst` at `now`, or undefined without any earlier day candle. */
export function priceLimits(
  query: CandleQuery,
  inst: Instrument,
  now: number,
): PriceLimits | undefined {
  const today = dayStart(now);
  const days = query.candles(inst.uid, '1d', today - LOOKBACK_DAYS * DAY, today, now);
  const last = days[days.length - 1];
  if (!last) return undefined;
  const step = inst.minPriceIncrement;
  const snap = (p: number) => (step > 0 ? snapToStep(p, step) : p);
  return {
    close: last.close,
    closeDay: last.time,
    limitUp: snap(last.close * (1 + PRICE_BAND)),
    limitDown: snap(last.close * (1 - PRICE_BAND)),
  };
}
