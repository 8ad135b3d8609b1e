/**
 * @module Stable made-up instrument uids for the synthetic universe, where the real API's uid is
 * not public knowledge: UUID-shaped (version 4 layout) and a pure function of a name.
 */
import { hashInts } from '../../core/random.ts';
import { stringKey } from './anchor.ts';

const hex8 = (n: number) => (n >>> 0).toString(16).padStart(8, '0');

/** A UUID-shaped uid derived from `name` (same name, same uid, on any machine). */
export function syntheticUid(name: string): string {
  const k = stringKey(name);
  const [a, b, c, d] = [1, 2, 3, 4].map((i) => hex8(hashInts(k, i)));
  return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${'89ab'[parseInt(c[0], 16) & 3]}${c.slice(1, 4)}-${c.slice(4)}${d}`;
}
