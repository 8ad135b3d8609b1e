/**
 * @module The ex-dividend gap of the synthetic market: from a dividend's record date on (the
 * ex-date under MOEX's T+1: a buy the day before settles on the record date) a share trades lower
 * by the dividend, rounded to its price step, as a real share does, so a total-return backtest
 * over the record date gains the dividend and loses the gap instead of gaining it twice.
 */
import { snapToStep } from '../../core/instrument.ts';
import type { CandleBatch } from '../../core/candle.ts';
import { syntheticEconomics } from './synthetic-economics.ts';

/** The whole price steps by which `uid` trades lower at `t`: the dividends with record date <= t. */
export function exDividendTicks(uid: string, step: number, t: number): number {
  if (!(step > 0)) return 0;
  let ticks = 0;
  for (const d of syntheticEconomics.dividends(uid))
    if (d.recordDate <= t) ticks += Math.round(d.perShare / step);
  return ticks;
}

/** `b` lowered by `ticks` price steps (every price at least one step), in place. */
export function lowerBy(b: CandleBatch, ticks: number, step: number): CandleBatch {
  if (ticks <= 0) return b;
  const perUnit = Math.round(1 / step);
  const exact = Math.abs(perUnit * step - 1) < 1e-12;
  const lower = (p: number) => {
    const t = Math.max(1, Math.round(p / step) - ticks);
    return exact ? t / perUnit : snapToStep(t * step, step);
  };
  for (let i = 0; i < b.length; i++) {
    b.open[i] = lower(b.open[i]);
    b.high[i] = lower(b.high[i]);
    b.low[i] = lower(b.low[i]);
    b.close[i] = lower(b.close[i]);
  }
  return b;
}
