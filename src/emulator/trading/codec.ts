/**
 * @module JSON for trading records with bigint amounts: a bigint is written as a tagged string so
 * that the state file round-trips every amount exactly.
 */
const TAG = '\u0000n:';

/** Records as JSON text (bigints tagged). */
export function encode(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? `${TAG}${v}` : v));
}

/** JSON text back as records (tagged strings become bigints again). */
export function decode<T>(text: string): T {
  return JSON.parse(text, (_k, v: unknown) =>
    typeof v === 'string' && v.startsWith(TAG) ? BigInt(v.slice(TAG.length)) : v,
  ) as T;
}
