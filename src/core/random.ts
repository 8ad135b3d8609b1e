/**
 * @module Seeded, platform-independent pseudo-random numbers (SplitMix32 / Mulberry32 family).
 * Engine, strategies and the emulator draw randomness only from here, never from Math.random().
 */

/** Mixes a 32-bit integer into a well-distributed 32-bit hash (stateless). */
export function hash32(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** Hashes any number of integers (seed, instrument index, minute index...) into one 32-bit value. */
export function hashInts(...xs: number[]): number {
  let h = 0x811c9dc5;
  for (const x of xs) h = hash32(h ^ hash32(x | 0) ^ Math.floor(x / 4294967296));
  return h;
}

/** Uniform number in [0, 1) from a 32-bit hash. */
export function unitFromHash(h: number): number {
  return (h >>> 0) / 4294967296;
}

/** A seeded generator with a `next()` in [0, 1). Same seed, same sequence, on every machine. */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = hash32(seed) | 0;
  }

  /** Next uniform number in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Standard normal deviate (Box-Muller). */
  normal(): number {
    const u = Math.max(this.next(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }
}
