/**
 * @module Exact money arithmetic of the venue: order values, commission at a decimal rate rounded to
 * the currency's minor unit (kopecks), prices on the instrument's tick grid. All in bigint nanos.
 */
import { decimalToNanos } from '../../wire/convert/decimal.ts';
import { numberToNanos } from '../../wire/convert/nanos.ts';

export const NANO = 1_000_000_000n;
/** One minor unit (0.01) in nanos. */
export const MINOR = 10_000_000n;

/** A decimal rate such as '0.0005' (0.05%) as nanos of 1 (500000 for 0.05%). */
export function parseRate(rate: string): bigint {
  if (!/^\d+(\.\d+)?$/.test(rate.trim())) {
    throw new Error(`commission rate ${rate} is not a decimal fraction such as 0.0005`);
  }
  return decimalToNanos(rate.trim());
}

/** Rounds nanos to whole minor units, halves away from zero. */
export function roundMinor(nanos: bigint): bigint {
  const neg = nanos < 0n;
  const abs = neg ? -nanos : nanos;
  const q = (abs + MINOR / 2n) / MINOR;
  return (neg ? -q : q) * MINOR;
}

/** Commission on `value` at `rate` (nanos of 1), in whole minor units. */
export function commissionOf(value: bigint, rate: bigint): bigint {
  return roundMinor((value * rate) / NANO);
}

/** Value of `lots` lots of `lot` pieces at `price` per piece. */
export function valueOf(price: bigint, lots: number, lot: number): bigint {
  return price * BigInt(lots) * BigInt(lot);
}

/** The tick `step` (a number such as 0.01) in nanos; 0 when unknown. */
export function stepNanos(step: number): bigint {
  return step > 0 ? numberToNanos(step) : 0n;
}

/** True when `price` is a whole multiple of `step` (any price passes an unknown step). */
export function onTick(price: bigint, step: bigint): boolean {
  return step === 0n || price % step === 0n;
}
