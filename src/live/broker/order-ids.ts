/**
 * @module Idempotency keys of orders: UUID v4-shaped strings from an injected source, so tests and
 * replays get the same keys every time, while a live run draws them from the system's UUIDs.
 */
import { randomUUID } from 'node:crypto';
import { SeededRandom } from '../../core/random.ts';

/** Gives one fresh key per call. */
export type OrderIdSource = () => string;

/** Random v4 UUIDs (the default of a live run). */
export const randomOrderIds: OrderIdSource = () => randomUUID();

/**
 * Deterministic v4-shaped UUIDs from a seed: the same seed gives the same keys. A key must be unique
 * per account for a month at the venue, so give each run its own seed (e.g. from its run id).
 */
export function seededOrderIds(seed: number): OrderIdSource {
  const rng = new SeededRandom(seed);
  const hex = (n: number) =>
    Array.from({ length: n }, () => Math.floor(rng.next() * 16).toString(16)).join('');
  return () => {
    const variant = (8 + Math.floor(rng.next() * 4)).toString(16);
    return `${hex(8)}-${hex(4)}-4${hex(3)}-${variant}${hex(3)}-${hex(12)}`;
  };
}
