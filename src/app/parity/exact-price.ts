/**
 * @module Exact price arithmetic for parity: prices read as the decimals they print as (BigInt
 * units of 10^-places), so a difference of whole ticks is an integer, a tie is a tie, and a sum of
 * slippage over thousands of fills is exact to the last kopeck.
 */
import { printedDecimal } from '../../engine/exact/printed-decimal.ts';
import { isOnStep } from '../../core/instrument.ts';
import { ratioToNumber } from '../../engine/exact/exact-ratio.ts';

/** A decimal: `units` / 10^`places`. */
export interface Dec {
  units: bigint;
  places: number;
}

/** `x` as the decimal it prints as. */
export function dec(x: number): Dec {
  return printedDecimal(x);
}

function at(d: Dec, places: number): bigint {
  return d.units * 10n ** BigInt(places - d.places);
}

/** a - b, exactly. */
export function decSub(a: Dec, b: Dec): Dec {
  const p = Math.max(a.places, b.places);
  return { units: at(a, p) - at(b, p), places: p };
}

/** a + b, exactly. */
export function decAdd(a: Dec, b: Dec): Dec {
  const p = Math.max(a.places, b.places);
  return { units: at(a, p) + at(b, p), places: p };
}

/** a · k for a whole k, exactly. */
export function decTimes(a: Dec, k: number): Dec {
  return { units: a.units * BigInt(k), places: a.places };
}

/** The nearest double. */
export function decToNumber(d: Dec): number {
  return ratioToNumber(d.units, 10n ** BigInt(d.places));
}

/**
 * `b - a` for two prices. With a known step and both prices on its grid (within float noise, as a
 * price computed as 250.1 + 0.2 is), the difference is a whole number of ticks times the step, so
 * a tie is a tie; otherwise it is the exact difference of the printed decimals.
 */
export function priceDiff(a: number, b: number, step: number): Dec {
  if (step > 0 && isOnStep(a, step) && isOnStep(b, step)) {
    return decTimes(dec(step), Math.round(b / step) - Math.round(a / step));
  }
  return decSub(dec(b), dec(a));
}

/** The zero decimal. */
export const DEC_ZERO: Dec = { units: 0n, places: 0 };

/**
 * `diff` in ticks of `step`: exact when `diff` is a whole number of ticks (as it is for two prices
 * on the grid), otherwise the nearest double of the ratio. Undefined when the step is unknown.
 */
export function inTicks(diff: Dec, step: number): number | undefined {
  if (!(step > 0)) return undefined;
  const s = dec(step);
  const p = Math.max(diff.places, s.places);
  return ratioToNumber(at(diff, p), at(s, p));
}

/**
 * True when |diff| <= ticks · step, compared exactly. With the step unknown only a zero difference
 * is within.
 */
export function withinTicks(diff: Dec, step: number, ticks: number): boolean {
  const size = diff.units < 0n ? -diff.units : diff.units;
  if (!(step > 0)) return size === 0n;
  const limit = decTimes(dec(step), ticks);
  const p = Math.max(diff.places, limit.places);
  return size * 10n ** BigInt(p - diff.places) <= at(limit, p);
}
