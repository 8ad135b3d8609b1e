/**
 * @module Daily anchor prices of the synthetic market, in closed form: the price at the start of any
 * UTC day comes from a few octaves of hashed value noise plus a per-day jitter, so it costs the same
 * for 1970 as for today and never depends on the days before it (no cumulative random walk). The
 * noise is bounded, so prices wander in a band around the instrument's base price for decades.
 */
import { hashInts, unitFromHash } from '../../core/random.ts';

/** Octaves of the value noise: knot spacing in days and amplitude in units of daily volatility. */
const OCTAVES: readonly { spanDays: number; amplitude: number }[] = [
  { spanDays: 1024, amplitude: 16 },
  { spanDays: 256, amplitude: 12 },
  { spanDays: 64, amplitude: 8 },
  { spanDays: 16, amplitude: 4 },
  { spanDays: 4, amplitude: 2 },
];
/** Per-day independent jitter, in units of daily volatility. */
const JITTER = 0.6;

/** Uniform in [-1, 1) from the hash of the given integers. */
export function signedUnit(...xs: number[]): number {
  return 2 * unitFromHash(hashInts(...xs)) - 1;
}

/** One octave of value noise at real-valued position `x` (smoothstep between integer knots). */
function valueNoise(x: number, seed: number, key: number, octave: number): number {
  const k = Math.floor(x);
  const t = x - k;
  const s = t * t * (3 - 2 * t);
  const a = signedUnit(seed, key, 1000 + octave, k);
  const b = signedUnit(seed, key, 1000 + octave, k + 1);
  return a + (b - a) * s;
}

/**
 * Anchor price (before tick rounding) at 00:00 UTC of day `day` (index since the epoch) for the
 * instrument hashed as `key` under `seed`.
 */
export function anchorPrice(
  seed: number,
  key: number,
  day: number,
  p: { basePrice: number; dailyVol: number },
): number {
  let log = JITTER * signedUnit(seed, key, 999, day);
  OCTAVES.forEach((o, i) => {
    log += o.amplitude * valueNoise(day / o.spanDays, seed, key, i);
  });
  return p.basePrice * Math.exp(log * p.dailyVol);
}

/** A stable 32-bit key for a string (an instrument's figi), so catalog order never matters. */
export function stringKey(s: string): number {
  const codes = Array.from(s, (ch) => ch.codePointAt(0) ?? 0);
  return hashInts(...codes);
}
